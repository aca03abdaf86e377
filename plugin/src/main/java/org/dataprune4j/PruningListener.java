package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.loss.WeightedLoss;
import org.dataprune4j.schedule.EpochContext;
import org.dataprune4j.schedule.EpochPlan;
import org.dataprune4j.schedule.PruningSchedule;
import org.dataprune4j.schedule.RandomDynamicSchedule;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.schedule.TrainingBudget;
import org.dataprune4j.schedule.WarmupSchedule;
import org.dataprune4j.score.El2nScorer;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.select.SwapContext;
import org.dataprune4j.select.TunableRule;
import org.dataprune4j.select.Ties;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DL4J {@code TrainingListener} that prunes the training data of a running {@code fit}: during warm-up it
 * scores every example from the training forward passes themselves; at the end of warm-up it ranks them,
 * applies the selection rule and tells its {@link PruningIterator} to serve only the kept examples from the
 * next epoch on. The same {@code fit(iterator, epochs)} call goes on, no restart.
 *
 * <pre>{@code
 * PruningIterator train = PruningIterator.builder(trainData, 128).build();
 * PruningListener pruning = PruningListener.builder(train, ScoreRangeRule.quantiles(0.48, 0.98))
 *         .warmupEpochs(2)
 *         .build();
 * net.addListeners(pruning);
 * net.fit(train, 10);
 * PruningReport report = pruning.report();
 * }</pre>
 *
 * <p>Epochs are counted by this listener from 0, one per {@code fit(iterator)} pass it sees, so it works with
 * {@code fit(iterator, n)} and with a hand-written loop of {@code fit(iterator)} calls; training with
 * {@code fit(DataSet)} signals no epochs and is not supported. The listener binds to the first model that calls
 * it and rejects any other: a {@code MultiLayerNetwork}, or a {@code ComputationGraph} with one input and one
 * output layer, trained with {@code fit(DataSetIterator)}; frozen layers (transfer learning) are scored as they
 * are. One listener per iterator, one pair per training run.
 */
public final class PruningListener extends BaseTrainingListener {
    private static final Logger log = LoggerFactory.getLogger(PruningListener.class);

    /** Share of tied scores above which the swap warns. */
    private static final double TIED_SHARE_WARNING = 0.2;

    private final PruningIterator iterator;
    private final PruningConfig config;
    private final int numClasses;
    private final Path checkpointDir;
    /** The epochs fit runs, as the user said (epochs(n)); 0 if not said. */
    private final int plannedEpochs;
    private LearningRatePlanner learningRates;
    /** The rule's kept count before the swap, for fitting learning-rate schedules; -1 until computed. */
    private int ruleKeptCount = -1;

    /**
     * Collects the scores; released at the swap unless the schedule decides again after it (the report holds what
     * lives on: compact state).
     */
    private ScoringEngine engine;
    private TrainedModel model;
    private int epoch;
    private long scoringNanos;
    private PruningReport report;
    /** The rule a {@link TunableRule} returned at the swap; null until then, or without one. */
    private SelectionRule tunedRule;

    private final LedgerCounter counter;
    /** The extra passes' examples, kept when the engine is released. */
    private long extraInferenceExamples;
    /** The output layer's own loss while a {@link WeightedLoss} stands in for it, else null. */
    private ILossFunction replacedLoss;

    private PruningListener(PruningIterator iterator, PruningConfig config, Path checkpointDir, int plannedEpochs) {
        this.iterator = iterator;
        this.config = config;
        this.checkpointDir = checkpointDir;
        this.plannedEpochs = plannedEpochs;
        this.numClasses = iterator.totalOutcomes();
        this.engine = new ScoringEngine(config, iterator.numExamples(), numClasses);
        this.counter = new LedgerCounter(iterator.numExamples());
        iterator.registerListener();
    }

    /**
     * Starts a builder.
     *
     * @param iterator the training iterator this listener prunes; train with it
     * @param rule which examples to keep at the swap
     */
    public static Builder builder(PruningIterator iterator, SelectionRule rule) {
        return new Builder(requireNonNull(iterator, "iterator"), requireNonNull(rule, "rule"));
    }

    /**
     * Starts a builder for a schedule that chooses the examples by itself, without a selection rule: soft pruning
     * ({@link SoftPruningSchedule}, InfoBatch's rule) or a fresh random subset every epoch
     * ({@link RandomDynamicSchedule}).
     *
     * @param iterator the training iterator this listener prunes; train with it
     * @param schedule the schedule; its {@code usesRule()} must be false
     * @throws IllegalArgumentException if the schedule applies a rule (use {@link #builder(PruningIterator,
     *     SelectionRule)} and {@link Builder#schedule})
     */
    public static Builder builder(PruningIterator iterator, PruningSchedule schedule) {
        requireNonNull(schedule, "schedule");
        checkArgument(!schedule.usesRule(), "The schedule %s applies a selection rule; build the listener with"
                + " PruningListener.builder(iterator, rule).schedule(schedule)", schedule);
        Builder b = new Builder(requireNonNull(iterator, "iterator"), null);
        b.schedule = schedule;
        return b;
    }

    /**
     * Starts a builder that spends a training budget ({@link TrainingBudget}): its warm-up, its kept share re-selected
     * by its rule, and its epochs for fitting learning-rate schedules. Train {@code fit(iterator, budget.epochs())}.
     *
     * @param iterator the training iterator this listener prunes; train with it
     * @param budget the budget and its plan
     */
    public static Builder builder(PruningIterator iterator, TrainingBudget budget) {
        requireNonNull(budget, "budget");
        Builder b = new Builder(requireNonNull(iterator, "iterator"), budget.rule());
        b.schedule = budget.schedule();
        b.epochs = budget.epochs();
        return b;
    }

    /** This listener's configuration. */
    public PruningConfig config() {
        return config;
    }

    /**
     * The report of the swap.
     *
     * @throws IllegalStateException before the swap, saying how many epochs this listener has seen and when the
     *     swap comes (e.g. when fit ran fewer epochs than the warm-up); check {@link #hasSwapped()} first to avoid it
     */
    public PruningReport report() {
        if (report == null) {
            throw new IllegalStateException("No swap yet, so no report: this listener has seen " + epoch
                    + " complete epoch(s)" + (model == null ? " (no model has called it: was it added with"
                    + " addListeners before fit?)" : "") + ", and " + config.schedule().describeSwap()
                    + ". Train more epochs with the same fit call (fit(iterator, epochs)), or lower the warm-up.");
        }
        return report.withLedger(ledger());
    }

    /**
     * The cost ledger of the run so far: examples trained per epoch, the extra inference passes, the weighted and
     * annealing epochs, and the wall time split into training, scoring and selection.
     */
    public PruningLedger ledger() {
        return counter.ledger(scoringNanos, extraInferenceExamples());
    }

    private long extraInferenceExamples() {
        return engine == null ? extraInferenceExamples : engine.extraInferenceExamples();
    }

    /** Number of epochs this listener has seen end. */
    public int epochsSeen() {
        return epoch;
    }

    /** Whether the kept subset has been chosen (it takes effect at the next epoch). */
    public boolean hasSwapped() {
        return report != null;
    }

    /** Time spent scoring so far: per-batch work in training passes plus extra passes at the swap. */
    public Duration scoringTime() {
        return Duration.ofNanos(scoringNanos);
    }

    private TrainedModel bind(Model trained) {
        if (model == null) {
            model = TrainedModel.of(trained, numClasses);
            if (config.needsEmbeddings()) {
                config.embedding().check(model);
            }
            learningRates = LearningRatePlanner.of(model, plannedEpochs);
            iterator.markListenerActive();
            log.debug("{} bound to a {}", this, model.describe());
        } else if (trained != model.model()) {
            throw new IllegalStateException("This PruningListener is bound to another model (the first that"
                    + " called it); build a new PruningIterator and PruningListener for each model you train.");
        }
        return model;
    }

    @Override
    public void onEpochStart(Model trained) {
        TrainedModel m = bind(trained);
        counter.epochStarted();
        learningRates.epochStarts(m, epoch, config.schedule(), iterator.numExamples(), iterator.batch(),
                iterator.nextEpochCount(), keptEstimate());
        if (counter.weightedNow() && replacedLoss == null) {
            BaseOutputLayer out = m.outputLayerConfiguration();
            ILossFunction own = out.getLossFn();
            replacedLoss = own instanceof WeightedLoss w ? w.inner() : own;
            out.setLossFn(new WeightedLoss(replacedLoss, iterator.batchWeights()));
        }
    }

    /** The examples later epochs are expected to keep: the current subset after the swap, the rule's count before. */
    private int keptEstimate() {
        if (report != null) {
            return iterator.nextEpochCount();
        }
        if (ruleKeptCount < 0) {
            SelectionRule rule = config.rule().orElse(null);
            if (rule instanceof TunableRule tunable) {
                rule = tunable.placeholder();
            }
            ruleKeptCount = rule == null ? iterator.numExamples() : rule.selectExcluding(
                    new double[iterator.numExamples()], iterator.labelIndices(), iterator.masked()).keptCount();
        }
        return ruleKeptCount;
    }

    /** Puts the output layer's own loss back, so that a model saved between epochs carries it. */
    private void restoreOwnLoss(TrainedModel m) {
        if (replacedLoss != null) {
            m.outputLayerConfiguration().setLossFn(replacedLoss);
            replacedLoss = null;
        }
    }

    /** A {@code ComputationGraph}'s training pass: activations of every vertex but the output layer, by name. */
    @Override
    public void onForwardPass(Model trained, Map<String, INDArray> activations) {
        TrainedModel m = bind(trained);
        observe(m, () -> m.outputLayerInput(activations));
    }

    /** A {@code MultiLayerNetwork}'s training pass: the input and the activations of every layer but the last. */
    @Override
    public void onForwardPass(Model trained, List<INDArray> activations) {
        TrainedModel m = bind(trained);
        observe(m, () -> m.outputLayerInput(activations));
    }

    private void observe(TrainedModel m, Supplier<INDArray> outputLayerInput) {
        ServedBatch served = TrainingPassObserver.servedFor(iterator);
        counter.trained(served.ids().length);
        boolean scoring = report == null ? config.schedule().isScoringEpoch(epoch)
                : config.schedule().decidesAfterSwap();
        if (scoring) {
            scoringNanos += TrainingPassObserver.score(m, served, outputLayerInput, engine);
        }
    }

    @Override
    public void onEpochEnd(Model trained) {
        TrainedModel m = bind(trained);
        restoreOwnLoss(m);
        counter.epochTrained();
        if (!config.schedule().needsScores()) {
            long start = System.nanoTime();
            apply(unscoredPlan(epoch));
            counter.selected(System.nanoTime() - start);
        } else if (report == null && config.schedule().isSwapEpoch(epoch)) {
            swap(m);
        } else if (report != null && config.schedule().decidesAfterSwap()) {
            decideAgain();
        } else if (report == null && config.schedule().isScoringEpoch(epoch)) {
            log.info("DataPrune4J: epoch {} scored (warm-up); {}", epoch + 1, config.schedule().describeSwap());
        }
        epoch++;
        counter.epochClosed();
        if (checkpointDir != null) {
            long start = System.nanoTime();
            PruningCheckpoint.write(checkpointDir, m.model(), checkpointState(m));
            log.debug("Checkpoint of epoch {} written in {} ms", epoch, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The swap: every score, the first plan, the kept subset handed to the iterator, the report. */
    private void swap(TrainedModel m) {
        long start = System.nanoTime();
        ScoringEngine.Outcome scored = engine.scoreAtSwap(m, iterator);
        extraInferenceExamples = engine.extraInferenceExamples();
        double[] ranked = scored.table().scores(config.scoreKind());
        double tied = Ties.share(ranked);
        if (tied > TIED_SHARE_WARNING) {
            log.warn("{}% of the {} scores tie with another example's; ties are broken in a pseudo-random order"
                    + " fixed per id, so among them the kept set is a random draw. Rank by another score, or (forgetting) score over"
                    + " more warm-up epochs.", String.format("%.0f", 100 * tied), config.scoreKind().columnName());
        }
        long selectStart = System.nanoTime();
        scoringNanos += selectStart - start;
        if (config.rule().orElse(null) instanceof TunableRule tunable) {
            tunedRule = tunable.tune(new SwapContext(m.model(), ranked, scored.table().labels(),
                    config.scoreKind().columnName(), iterator::forEachBatch, iterator.dataFingerprint()));
            log.info("DataPrune4J: the rule {} gives at the swap (tuned now or reused): {}",
                    tunable.getClass().getSimpleName(), tunedRule.describe());
        }
        EpochPlan plan = config.schedule().planAfter(epoch, new EpochContext(epoch, ranked, scored.table().labels(),
                iterator.masked(), activeRule()));
        if (plan.kind() == EpochPlan.Kind.UNCHANGED) {
            throw new IllegalStateException("The schedule " + config.schedule() + " planned no subset at its swap"
                    + " (end of epoch " + (epoch + 1) + "); a schedule's planAfter must choose one at the swap.");
        }
        apply(plan);
        counter.selected(System.nanoTime() - selectStart);
        report = new PruningReport(scored.table(), config.scoreKind(), plan.selection(), epoch, config.outlierCount(),
                Duration.ofNanos(scoringNanos), scored.details(), recordedConfiguration(m), Provenance.current());
        log.info("{}", report.summary());
        config.scoresCsv().ifPresent(path -> {
            report.writeScoresCsv(path);
            log.info("Wrote every score of {} examples to {}", scored.table().size(), path.toAbsolutePath());
        });
        if (!config.schedule().decidesAfterSwap()) {
            engine = null;
        }
    }

    /** A dynamic schedule's decision after the swap, from the scores the training passes keep fresh. */
    private void decideAgain() {
        long start = System.nanoTime();
        ScoreTable table = engine.currentTable(iterator.labelIndices());
        EpochPlan plan = config.schedule().planAfter(epoch, new EpochContext(epoch, table.scores(config.scoreKind()),
                table.labels(), iterator.masked(), activeRule()));
        if (plan.kind() != EpochPlan.Kind.UNCHANGED) {
            apply(plan);
            report = new PruningReport(table, config.scoreKind(), plan.selection(), epoch, config.outlierCount(),
                    Duration.ofNanos(scoringNanos), ScoringDetails.none(), report.configuration(),
                    report.provenance());
            log.info("DataPrune4J: epoch {} trains {} of {} examples{} ({})", epoch + 2, report.keptCount(),
                    report.totalCount(), plan.isWeighted() ? ", loss-weighted" : "", plan.describe());
        }
        counter.selected(System.nanoTime() - start);
    }

    /** The plan of a schedule that decides without scores (RS2) for the epoch after {@code epoch} (-1: the first). */
    private EpochPlan unscoredPlan(int epoch) {
        EpochPlan plan = config.schedule().planAfter(epoch, new EpochContext(epoch, new double[iterator.numExamples()],
                iterator.labelIndices(), iterator.masked(), null));
        if (plan.kind() == EpochPlan.Kind.UNCHANGED) {
            throw new IllegalStateException("The schedule " + config.schedule() + " needs no scores, so it must plan"
                    + " every epoch; it planned nothing after epoch " + (epoch + 1) + " (counted from 1).");
        }
        return plan;
    }

    /** The rule the schedule applies: the tuned one after a tunable rule's swap, else the configured one or null. */
    private SelectionRule activeRule() {
        return tunedRule != null ? tunedRule : config.rule().orElse(null);
    }

    /** Hands a plan's kept set and weights to the iterator for the next epoch. */
    private void apply(EpochPlan plan) {
        if (plan.kind() == EpochPlan.Kind.UNCHANGED) {
            return;
        }
        iterator.keepFromNextEpoch(plan.selection().keptIds(), plan.keptWeights());
        counter.planned(plan);
    }

    /** The listener's configuration with the iterator's settings and the model, for the run record. */
    private Map<String, String> recordedConfiguration(TrainedModel m) {
        Map<String, String> all = configurationWithoutModel();
        all.put("model", m.describe());
        return all;
    }

    private Map<String, String> configurationWithoutModel() {
        Map<String, String> all = new LinkedHashMap<>(config.toMap());
        all.putAll(iterator.settings());
        return all;
    }

    private PruningCheckpoint.State checkpointState(TrainedModel m) {
        PruningCheckpoint.Swap swap = null;
        if (report != null) {
            Decision[] decisions = new Decision[report.totalCount()];
            for (int id = 0; id < decisions.length; id++) {
                decisions[id] = report.selection().decision(id);
            }
            Map<ScoreKind, double[]> scores = new EnumMap<>(ScoreKind.class);
            for (ScoreKind kind : ScoreKind.values()) {
                if (report.scores().has(kind)) {
                    scores.put(kind, report.scores().scores(kind));
                }
            }
            int[] predicted = new int[decisions.length];
            for (int id = 0; id < predicted.length; id++) {
                predicted[id] = report.scores().predicted(id);
            }
            swap = new PruningCheckpoint.Swap(report.scores().labels(), predicted, scores, decisions,
                    report.selection().rule(), report.swapEpoch(), config.outlierCount());
        }
        return new PruningCheckpoint.State(recordedConfiguration(m), PruningCheckpoint.modelType(m.model()), epoch,
                scoringNanos, iterator.numExamples(), engine != null ? engine.snapshot() : Map.of(),
                engine != null ? engine.predictions() : new int[0], swap,
                counter.counts(extraInferenceExamples(), iterator.nextEpochWeights()));
    }

    /** Continues the run a checkpoint recorded: epochs seen, scores so far or the swap, the kept set. */
    private void resume(Path dir) {
        Path latest = PruningCheckpoint.requireLatest(dir);
        PruningCheckpoint.State state = PruningCheckpoint.readState(latest.resolve("pruning-state.bin"));
        List<String> diffs = PruningCheckpoint.differences(PruningCheckpoint.comparable(state.configuration()),
                PruningCheckpoint.comparable(configurationWithoutModel()));
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("The checkpoint " + latest + " was made by a listener or iterator"
                    + " configured differently, so resuming would mix two runs: " + diffs + ". Build them as the"
                    + " interrupted run did.");
        }
        epoch = state.epochsSeen();
        scoringNanos = state.scoringNanos();
        counter.restore(state.ledger());
        extraInferenceExamples = state.ledger().extraInferenceExamples();
        if (state.swap() == null || config.schedule().decidesAfterSwap()) {
            engine.restore(state.scorerStates(), state.predictions());
        } else {
            engine = null;
        }
        if (!config.schedule().needsScores()) {
            iterator.restoreEpoch(epoch, unscoredPlan(epoch - 1).selection().keptIds(), null);
        } else if (state.swap() != null) {
            report = state.swap().toReport(state.configuration(), scoringNanos);
            iterator.restoreEpoch(epoch, report.selection().keptIds(), state.ledger().nextWeights());
        } else {
            iterator.restoreEpoch(epoch, null, null);
        }
        log.info("DataPrune4J resumed from {}: {} epoch(s) done, {}", latest, epoch, report != null
                ? "swapped, " + report.keptCount() + " of " + report.totalCount() + " kept"
                : config.schedule().describeSwap());
    }

    @Override
    public String toString() {
        return "PruningListener" + config.toMap();
    }

    /** Builds a {@link PruningListener}; every option has a documented default. */
    public static final class Builder {
        private final PruningIterator iterator;
        private final SelectionRule rule;
        private ScoreKind scoreKind = ScoreKind.EL2N;
        private PruningSchedule schedule = WarmupSchedule.epochs(2);
        private ScoreInput el2nInput = ScoreInput.TRAINING_PASSES;
        private final ImmutableSet.Builder<ScoreKind> alsoCompute = ImmutableSet.builder();
        private int grandInitialisations = 5;
        private long grandSeed = Defaults.SEED;
        private int scoringBatchSize = 1000;
        private int outlierCount = 20;
        private Path scoresCsv;
        private EmbeddingSpec embedding = EmbeddingSpec.lastHiddenLayer();
        private int prototypeClusters;
        private int prototypeClustersPerClass = 1;
        private long clusteringSeed = Defaults.SEED;
        private ScoreExtrapolation extrapolation;
        private Path checkpointDir;
        private Path resumeDir;
        private int epochs;

        private Builder(PruningIterator iterator, SelectionRule rule) {
            this.iterator = iterator;
            this.rule = rule;
        }

        /** The score the rule ranks by (default {@link ScoreKind#EL2N}). */
        public Builder score(ScoreKind kind) {
            this.scoreKind = requireNonNull(kind, "kind");
            return this;
        }

        /** Number of warm-up epochs, at least 1 (default 2); the swap happens at the end of the last. */
        public Builder warmupEpochs(int epochs) {
            this.schedule = WarmupSchedule.epochs(epochs);
            return this;
        }

        /**
         * The number of epochs {@code fit} runs (default: not said). Needed when the model's learning rate follows a
         * {@link org.dataprune4j.lr.FittedSchedule}, which the listener fits to the run's planned iterations; with
         * it, the listener also warns when fit runs longer.
         */
        public Builder epochs(int epochs) {
            checkArgument(epochs >= 1, "epochs must be at least 1, got %s", epochs);
            this.epochs = epochs;
            return this;
        }

        /** A custom schedule instead of {@link #warmupEpochs(int)}. */
        public Builder schedule(PruningSchedule schedule) {
            this.schedule = requireNonNull(schedule, "schedule");
            return this;
        }

        /**
         * Where EL2N comes from (default {@link ScoreInput#TRAINING_PASSES}, free; see {@link El2nScorer} for
         * the measurements behind the default).
         */
        public Builder el2nInput(ScoreInput input) {
            this.el2nInput = requireNonNull(input, "input");
            return this;
        }

        /**
         * Extra scores to compute for the report and the CSV (EL2N and forgetting are always computed; GraNd adds
         * its fresh-initialisation passes, prototype scores an embedding pass and a k-means).
         */
        public Builder alsoCompute(ScoreKind... kinds) {
            for (ScoreKind kind : kinds) {
                alsoCompute.add(requireNonNull(kind, "kind"));
            }
            return this;
        }

        /** Number of fresh initialisations GraNd averages over (default 5). */
        public Builder grandInitialisations(int k) {
            this.grandInitialisations = k;
            return this;
        }

        /** Seed of the first GraNd initialisation; the k-th uses seed + k (default 42, {@link PruningIterator#DEFAULT_SEED}). */
        public Builder grandSeed(long seed) {
            this.grandSeed = seed;
            return this;
        }

        /** Batch size of the extra scoring passes (default 1000). */
        public Builder scoringBatchSize(int batchSize) {
            this.scoringBatchSize = batchSize;
            return this;
        }

        /** Number of top-scoring examples the report lists (default 20). */
        public Builder outliers(int count) {
            this.outlierCount = count;
            return this;
        }

        /** Writes every score of every example to this CSV at the swap (default: not written). */
        public Builder scoresCsv(Path file) {
            this.scoresCsv = requireNonNull(file, "file");
            return this;
        }

        /**
         * Which network and layer embed examples for {@link ScoreKind#PROTOTYPE}, {@link ScoreKind#PROTOTYPE_CLASS}
         * and {@link #extrapolate} (default {@link EmbeddingSpec#lastHiddenLayer()} of the model being trained,
         * at the end of warm-up).
         */
        public Builder embedding(EmbeddingSpec spec) {
            this.embedding = requireNonNull(spec, "spec");
            return this;
        }

        /**
         * k, the number of k-means clusters of the label-free prototype score, at least 1 and at most the number
         * of examples (default: the number of classes, as in Sorscher et al.'s use of one prototype per class
         * on average).
         */
        public Builder prototypeClusters(int k) {
            checkArgument(k >= 1, "prototypeClusters (k) must be at least 1, got %s", k);
            this.prototypeClusters = k;
            return this;
        }

        /** Clusters within each class for the class-aligned prototype score (default 1: the class mean). */
        public Builder prototypeClustersPerClass(int k) {
            checkArgument(k >= 1, "prototypeClustersPerClass must be at least 1, got %s", k);
            this.prototypeClustersPerClass = k;
            return this;
        }

        /** Seed of the k-means++ seeding of the prototype scores (default 42, {@link PruningIterator#DEFAULT_SEED}). */
        public Builder clusteringSeed(long seed) {
            this.clusteringSeed = seed;
            return this;
        }

        /**
         * Computes one score on a random subset only and predicts it for the other examples from their nearest
         * scored neighbours in the embedding space (default: every score computed on every example). The report
         * gives the rank correlation on a held-out part and the time saved.
         */
        public Builder extrapolate(ScoreExtrapolation setting) {
            this.extrapolation = requireNonNull(setting, "setting");
            return this;
        }

        /**
         * Writes a checkpoint (the model with its updater state, and the pruning state) into {@code dir} at the end
         * of every epoch, atomically, keeping the latest only (default: none). See {@link PruningCheckpoint}.
         */
        public Builder checkpoints(Path dir) {
            this.checkpointDir = requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Continues the run whose latest checkpoint is in {@code dir}: the listener starts with that checkpoint's
         * epochs seen, scores and kept set, and the iterator with its shuffle position and subset. Train the model
         * from {@link PruningCheckpoint#restoreModel(Path)} for the epochs that are left. Build the iterator and the
         * listener as the interrupted run did; a different configuration is an error.
         */
        public Builder resumeFrom(Path dir) {
            this.resumeDir = requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Builds the listener and registers it with its iterator.
         *
         * @throws IllegalArgumentException if an option is out of range
         * @throws IllegalStateException if the iterator already has a listener
         */
        public PruningListener build() {
            PruningConfig config = new PruningConfig(Optional.ofNullable(rule), scoreKind, schedule, el2nInput, alsoCompute.build(),
                    grandInitialisations, grandSeed, scoringBatchSize, outlierCount, Optional.ofNullable(scoresCsv),
                    embedding, prototypeClusters, prototypeClustersPerClass, clusteringSeed,
                    Optional.ofNullable(extrapolation));
            if (extrapolation != null) {
                extrapolation.check(iterator.numExamples());
            }
            if (rule != null) {
                BuildChecks.ruleKeepsExamples(rule, iterator.labelIndices(), iterator.masked());
            }
            BuildChecks.dynamicScheduleSettings(config);
            config.scoresCsv().ifPresent(BuildChecks::writable);
            PruningListener listener = new PruningListener(iterator, config, checkpointDir, epochs);
            if (resumeDir != null) {
                listener.resume(resumeDir);
            } else if (!schedule.needsScores()) {
                iterator.restoreEpoch(0, listener.unscoredPlan(-1).selection().keptIds(), null);
            }
            return listener;
        }
    }
}
