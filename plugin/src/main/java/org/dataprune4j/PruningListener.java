package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dataprune4j.internal.OneHot;
import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.schedule.EpochPlan;
import org.dataprune4j.schedule.GivenScoresSchedule;
import org.dataprune4j.schedule.PruningSchedule;
import org.dataprune4j.schedule.RandomDynamicSchedule;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.schedule.TrainingBudget;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    private final PruningIterator iterator;
    private final PruningConfig config;
    private final int numClasses;
    private final ListenerCheckpoints checkpoints;
    /** The epochs fit runs, as the user said (epochs(n)); 0 if not said. */
    private final int plannedEpochs;
    private LearningRatePlanner learningRates;
    /** The checkpoint resumed from and its configuration, until the model is checked against it; else null. */
    private Path resumedFrom;
    private Map<String, String> resumedConfiguration;

    /**
     * Collects the scores; released at the swap unless the schedule decides again after it (the report holds what
     * lives on: compact state).
     */
    private ScoringEngine engine;
    private TrainedModel model;
    private int epoch;
    /** The last warning report() gave, so that it is given once. */
    private String lastWarning;
    /** Between DL4J's onEpochStart and onEpochEnd: training passes outside are fit(DataSet). */
    private boolean inEpoch;
    private long scoringNanos;
    private PruningReport report;
    /** The swap point: what each next epoch trains. */
    private final SubsetPlanner planner;

    private final LedgerCounter counter;
    private final EpochObservers observers = new EpochObservers();
    /** The extra passes' examples, kept when the engine is released. */
    private long extraInferenceExamples;
    /** A loss-weighted epoch's stand-in for the output layer's loss. */
    private final OutputLossSwap lossSwap = new OutputLossSwap();

    private PruningListener(PruningIterator iterator, PruningConfig config, Path checkpointDir, int plannedEpochs) {
        this.iterator = iterator;
        this.config = config;
        this.plannedEpochs = plannedEpochs;
        this.numClasses = OneHot.classCount(iterator.totalOutcomes());
        this.checkpoints = new ListenerCheckpoints(config, iterator, checkpointDir);
        this.engine = new ScoringEngine(config, iterator.numExamples(), numClasses);
        this.counter = new LedgerCounter(iterator.numExamples(), numClasses);
        this.planner = new SubsetPlanner(config, iterator, counter);
        iterator.registerListener();
    }

    /**
     * Starts a builder.
     *
     * @param iterator the training iterator this listener prunes; train with it
     * @param rule which examples to keep at the swap
     */
    public static PruningListenerBuilder builder(PruningIterator iterator, SelectionRule rule) {
        return new PruningListenerBuilder(requireNonNull(iterator, "iterator"), requireNonNull(rule, "rule"));
    }

    /**
     * Starts a builder for a schedule that chooses the examples by itself, without a selection rule: soft pruning
     * ({@link SoftPruningSchedule}, InfoBatch's rule) or a fresh random subset every epoch
     * ({@link RandomDynamicSchedule}).
     *
     * @param iterator the training iterator this listener prunes; train with it
     * @param schedule the schedule; its {@code usesRule()} must be false
     * @throws IllegalArgumentException if the schedule applies a rule (use {@link #builder(PruningIterator,
     *     SelectionRule)} and {@link PruningListenerBuilder#schedule})
     */
    public static PruningListenerBuilder builder(PruningIterator iterator, PruningSchedule schedule) {
        requireNonNull(schedule, "schedule");
        checkArgument(!schedule.usesRule(), "The schedule %s applies a selection rule; build the listener with"
                + " PruningListener.builder(iterator, rule).schedule(schedule)", schedule);
        return new PruningListenerBuilder(requireNonNull(iterator, "iterator"), null).schedule(schedule);
    }

    /**
     * Starts a builder that spends a training budget ({@link TrainingBudget}): its warm-up, its kept share re-selected
     * by its rule, and its epochs for fitting learning-rate schedules. Train {@code fit(iterator, budget.epochs())}.
     *
     * @param iterator the training iterator this listener prunes; train with it
     * @param budget the budget and its plan
     */
    public static PruningListenerBuilder builder(PruningIterator iterator, TrainingBudget budget) {
        requireNonNull(budget, "budget");
        return new PruningListenerBuilder(requireNonNull(iterator, "iterator"), budget.rule())
                .schedule(budget.schedule()).epochs(budget.epochs());
    }

    /** The training iterator this listener prunes. */
    public PruningIterator iterator() {
        return iterator;
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
        lastWarning = UsageChecks.warnIfUnfinished(config.schedule(), plannedEpochs,
                learningRates != null && learningRates.hasSchedules(), epoch, lastWarning);
        return report.withLedger(ledger());
    }

    /** The scores at the swap, for a scoring-only run ({@link SubsetScoring}) that ends there by design: no warning. */
    ScoreTable scoresAtSwap() {
        if (report == null) {
            report();
        }
        return report.scores();
    }

    /**
     * The cost ledger of the run so far: examples trained per epoch, the extra inference passes, the weighted and
     * annealing epochs, and the wall time split into training, scoring and selection.
     */
    public PruningLedger ledger() {
        PruningLedger ledger = counter.ledger(scoringNanos, extraInferenceExamples());
        return config.schedule() instanceof GivenScoresSchedule given ? ledger.withScoringRun(
                given.scoringRunExamples(), given.scoringRunInference(), given.scoringRunTime()) : ledger;
    }

    private long extraInferenceExamples() {
        return engine == null ? extraInferenceExamples : engine.extraInferenceExamples();
    }

    /**
     * Registers an observer told at the end of every epoch what this listener did (examples trained, the decision,
     * the ledger): for dashboards such as {@code dataprune4j-ui}'s page in DL4J's training UI.
     *
     * @throws IllegalArgumentException if it is already registered
     */
    public void addObserver(PruningObserver observer) {
        observers.add(observer);
    }

    /** The registered observers, in the order they are told. */
    public List<PruningObserver> observers() {
        return observers.list();
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
            model.checkLabelWidth(iterator.totalOutcomes());
            if (config.needsEmbeddings()) {
                config.embedding().check(model);
            }
            learningRates = LearningRatePlanner.of(model, plannedEpochs);
            if (resumedFrom != null) {
                ResumeChecks.sameModel(resumedFrom, resumedConfiguration, model, epoch);
                ResumeChecks.samePreProcessor(resumedFrom, resumedConfiguration, iterator.preProcessorSetting());
                resumedFrom = null;
            } else {
                ResumeChecks.warnIfTrainedBefore(model);
            }
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
        UsageChecks.addedOnce(trained, this);
        inEpoch = true;
        counter.epochStarted();
        learningRates.epochStarts(m, epoch, config.schedule(), iterator.numExamples(), iterator.batch(),
                iterator.nextEpochCount(), planner.keptEstimate(report != null));
        observers.epochStarted(m);
        if (counter.weightedNow()) {
            lossSwap.weightEpoch(m, iterator.batchWeights());
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
        if (!inEpoch) {
            throw UsageChecks.trainedOutsideEpoch();
        }
        ServedBatch served = TrainingPassObserver.servedFor(iterator);
        counter.trained(served.labels());
        boolean scoring = (report == null || config.schedule().decidesAfterSwap())
                && config.schedule().isScoringEpoch(epoch);
        if (scoring) {
            scoringNanos += TrainingPassObserver.score(m, served, outputLayerInput, engine);
        }
    }

    @Override
    public void onEpochEnd(Model trained) {
        TrainedModel m = bind(trained);
        inEpoch = false;
        boolean warmup = report == null && config.schedule().needsScores();
        lossSwap.restore(m);
        counter.epochTrained();
        if (!config.schedule().needsScores()) {
            long start = System.nanoTime();
            planner.apply(planner.unscored(epoch));
            counter.selected(System.nanoTime() - start);
        } else if (report == null && config.schedule().isSwapEpoch(epoch)) {
            swap(m);
        } else if (report != null && config.schedule().decidesAfterSwap() && !lastEpochOfTheRun()) {
            decideAgain();
        } else if (report == null && config.schedule().isScoringEpoch(epoch)) {
            log.info("DataPrune4J: epoch {} scored (warm-up); {}", epoch + 1, config.schedule().describeSwap());
        }
        epoch++;
        counter.epochClosed();
        writeCheckpoint(m);
        observers.epochEnded(m, epoch - 1, ledger(), iterator.nextEpochCount(), warmup);
    }

    private void writeCheckpoint(TrainedModel m) {
        if (checkpoints.enabled()) {
            checkpoints.write(m, epoch, report, scoringNanos, engine,
                    counter.counts(extraInferenceExamples(), iterator.nextEpochWeights()));
        }
    }

    /** The swap: every score, the first plan (handed to the iterator by the planner), the report. */
    private void swap(TrainedModel m) {
        long start = System.nanoTime();
        ScoringEngine.Outcome scored = engine.scoreAtSwap(m, iterator);
        extraInferenceExamples = engine.extraInferenceExamples();
        long selectStart = System.nanoTime();
        scoringNanos += selectStart - start;
        EpochPlan plan = planner.atSwap(m, epoch, scored.table());
        counter.selected(System.nanoTime() - selectStart);
        report = new PruningReport(scored.table(), config.scoreKind(), plan.selection(), epoch, config.outlierCount(),
                Duration.ofNanos(scoringNanos), scored.details(), checkpoints.recordedConfiguration(m), Provenance.current());
        observers.decided(report);
        log.info("{}", report.summary());
        config.scoresCsv().ifPresent(path -> {
            report.writeScoresCsv(path);
            log.info("Wrote every score of {} examples to {}", scored.table().size(), path.toAbsolutePath());
        });
        if (!config.schedule().decidesAfterSwap()) {
            engine = null;
        }
    }

    /**
     * Whether the epoch ending now is the last of the run's known length: nothing is drawn for an epoch that never
     * comes, so the report stays the last trained decision (a longer fit trains it again; the rate planner warns).
     */
    private boolean lastEpochOfTheRun() {
        int length = plannedEpochs > 0 ? plannedEpochs : config.schedule().plannedEpochs();
        return length > 0 && epoch + 1 >= length;
    }

    /** A dynamic schedule's decision after the swap, from the scores the training passes keep fresh. */
    private void decideAgain() {
        long start = System.nanoTime();
        ScoreTable table = engine.currentTable(iterator.labelIndices());
        EpochPlan plan = planner.again(epoch, table);
        if (plan.kind() == EpochPlan.Kind.ALL) {
            // annealing: the report keeps the last pruned decision, which is what a user reads it for
            log.info("DataPrune4J: epoch {} trains every example ({})", epoch + 2, plan.describe());
        } else if (plan.kind() != EpochPlan.Kind.UNCHANGED) {
            report = new PruningReport(table, config.scoreKind(), plan.selection(), epoch, config.outlierCount(),
                    Duration.ofNanos(scoringNanos), ScoringDetails.none(), report.configuration(),
                    report.provenance());
            observers.decided(report);
            log.info("DataPrune4J: epoch {} trains {} of {} examples{} ({})", epoch + 2, report.keptCount(),
                    report.totalCount(), plan.isWeighted() ? ", loss-weighted" : "", plan.describe());
        }
        counter.selected(System.nanoTime() - start);
    }

    /** Continues the run a checkpoint recorded: epochs seen, scores so far or the swap, the kept set. */
    private void resume(Path dir) {
        Path latest = PruningCheckpoint.requireLatest(dir);
        CheckpointState state = checkpoints.readChecked(latest);
        epoch = state.epochsSeen();
        resumedFrom = latest;
        resumedConfiguration = state.configuration();
        scoringNanos = state.scoringNanos();
        counter.restore(state.ledger());
        extraInferenceExamples = state.ledger().extraInferenceExamples();
        if (state.swap() == null || config.schedule().decidesAfterSwap()) {
            engine.restore(state.scorerStates(), state.predictions());
        } else {
            engine = null;
        }
        if (!config.schedule().needsScores()) {
            iterator.restoreEpoch(epoch, planner.unscored(epoch - 1).selection().keptIds(), null);
        } else if (state.swap() != null) {
            report = state.swap().toReport(ResumeChecks.withoutParameters(state.configuration()), scoringNanos);
            // an annealing epoch trains every example the report's last pruned decision did not keep too
            iterator.restoreEpoch(epoch, state.ledger().annealingNext() ? iterator.unmaskedIds()
                    : report.selection().keptIds(), state.ledger().nextWeights());
        } else {
            iterator.restoreEpoch(epoch, null, null);
        }
        iterator.restoreAugmentation(state.augmentationStates(), latest);
        log.info("DataPrune4J resumed from {}: {} epoch(s) done, {}", latest, epoch, report != null
                ? "swapped, " + report.keptCount() + " of " + report.totalCount() + " kept"
                : config.schedule().describeSwap());
    }

    @Override
    public String toString() {
        return "PruningListener" + config.toMap();
    }

    /** The listener a builder made: registered with its iterator, resumed or started as its schedule says. */
    static PruningListener create(PruningIterator iterator, PruningConfig config, Path checkpointDir, int epochs,
            Path resumeDir) {
        PruningListener listener = new PruningListener(iterator, config, checkpointDir, epochs);
        if (resumeDir != null) {
            listener.resume(resumeDir);
        } else if (!config.schedule().needsScores()) {
            iterator.restoreEpoch(0, listener.planner.unscored(-1).selection().keptIds(), null);
        }
        return listener;
    }
}
