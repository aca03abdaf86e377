package org.dataprune4j.listener;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.dataprune4j.cluster.ClusteringSummary;
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.extrapolate.ExtrapolationSummary;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.iterator.PruningIterator;
import org.dataprune4j.iterator.ServedBatch;
import org.dataprune4j.record.PruningReport;
import org.dataprune4j.record.ScoringDetails;
import org.dataprune4j.schedule.PruningSchedule;
import org.dataprune4j.schedule.WarmupSchedule;
import org.dataprune4j.score.El2nScorer;
import org.dataprune4j.score.ExampleScorer;
import org.dataprune4j.score.ForgettingScorer;
import org.dataprune4j.score.GrandScorer;
import org.dataprune4j.score.OffHeap;
import org.dataprune4j.score.PredictionTracker;
import org.dataprune4j.score.PrototypeScorer;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.score.ScoredBatch;
import org.dataprune4j.score.SubsetScorer;
import org.dataprune4j.select.Selection;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * PruningReport report = pruning.report().orElseThrow();
 * }</pre>
 *
 * <p>Epochs are counted by this listener from 0, one per {@code fit(iterator)} pass it sees, so it works with
 * {@code fit(iterator, n)} and with a hand-written loop of {@code fit(iterator)} calls; training with
 * {@code fit(DataSet)} signals no epochs and is not supported. The listener binds to the first network that
 * calls it and rejects any other. One listener per iterator, one pair per training run.
 */
public final class PruningListener extends BaseTrainingListener {
    private static final Logger log = LoggerFactory.getLogger(PruningListener.class);

    private final PruningIterator iterator;
    private final PruningConfig config;
    private final List<ExampleScorer> trainingPassScorers = new ArrayList<>();
    private final List<ExampleScorer> evaluationPassScorers = new ArrayList<>();
    private final List<ExampleScorer> freshInitScorers = new ArrayList<>();
    private final List<PrototypeScorer> prototypeScorers = new ArrayList<>();
    private final PredictionTracker predictions;
    private final int numClasses;
    private final int[] scoredSubset;

    private MultiLayerNetwork network;
    private int epoch;
    private long scoringNanos;
    private PruningReport report;

    private PruningListener(PruningIterator iterator, PruningConfig config) {
        this.iterator = iterator;
        this.config = config;
        int n = iterator.numExamples();
        this.numClasses = iterator.totalOutcomes();
        this.predictions = new PredictionTracker(n);
        this.scoredSubset = config.extrapolation().map(e -> e.scoredIds(n)).orElse(null);
        ScoreKind extrapolated = config.extrapolation().map(ScoreExtrapolation::kind).orElse(null);
        for (ScoreKind kind : config.computedKinds()) {
            if (kind == ScoreKind.PROTOTYPE) {
                int k = prototypeClusters();
                checkArgument(k <= n, "k=%s prototype clusters need at least %s examples, but the iterator has %s;"
                        + " lower prototypeClusters", k, k, n);
                prototypeScorers.add(PrototypeScorer.labelFree(k, config.clusteringSeed()));
                continue;
            }
            if (kind == ScoreKind.PROTOTYPE_CLASS) {
                prototypeScorers.add(PrototypeScorer.classAligned(config.prototypeClustersPerClass(),
                        config.clusteringSeed()));
                continue;
            }
            IntFunction<ExampleScorer> forSize = size -> switch (kind) {
                case EL2N -> new El2nScorer(size, config.el2nInput());
                case GRAND -> new GrandScorer(size);
                case FORGETTING -> new ForgettingScorer(size);
                case PROTOTYPE, PROTOTYPE_CLASS -> throw new AssertionError(kind);
            };
            ExampleScorer scorer = kind == extrapolated ? SubsetScorer.of(scoredSubset, n, forSize) : forSize.apply(n);
            switch (scorer.input()) {
                case TRAINING_PASSES -> trainingPassScorers.add(scorer);
                case END_OF_WARMUP_PASS -> evaluationPassScorers.add(scorer);
                case FRESH_INITIALISATIONS -> freshInitScorers.add(scorer);
            }
        }
        iterator.registerListener();
    }

    private int prototypeClusters() {
        return config.prototypeClusters() == 0 ? numClasses : config.prototypeClusters();
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

    /** This listener's configuration. */
    public PruningConfig config() {
        return config;
    }

    /** The report of the swap, once it has happened. */
    public Optional<PruningReport> report() {
        return Optional.ofNullable(report);
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

    private MultiLayerNetwork bind(Model model) {
        if (network == null) {
            network = OutputLayerCheck.requireScorable(model, numClasses);
            if (config.needsEmbeddings()) {
                config.embedding().check(network);
            }
            iterator.markListenerActive();
            log.debug("{} bound to a network with {} layers", this, network.getnLayers());
        } else if (model != network) {
            throw new IllegalStateException("This PruningListener is bound to another network (the first that"
                    + " called it); build a new PruningIterator and PruningListener for each network you train.");
        }
        return network;
    }

    @Override
    public void onEpochStart(Model model) {
        bind(model);
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        bind(model);
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = bind(model);
        ServedBatch served = iterator.pollServed();
        if (served == null) {
            throw new IllegalStateException("The network trained on a batch that this listener's PruningIterator"
                    + " did not serve. Train with the PruningIterator the listener was built with (fit(iterator)),"
                    + " not with another iterator or fit(DataSet).");
        }
        if (report != null || !config.schedule().isScoringEpoch(epoch)) {
            return;
        }
        long start = System.nanoTime();
        // Allocates in DL4J's open activation workspace, which measured cheaper than scoping out of it (0.11 s
        // against 0.14 s per epoch of the reference MLP, docs/BENCHMARKS.md); only Java arrays leave this block.
        INDArray h = LastLayer.outputLayerInput(net, activations.get(activations.size() - 1));
        INDArray labels = net.getLabels();
        if (labels.rows() != served.ids().length) {
            throw outOfStep(served, labels.rows());
        }
        ScoredBatch batch = ScoredBatch.ofLogits(served.ids(), LastLayer.logits(net, h), labels, null);
        for (int r = 0; r < batch.size(); r++) {
            if (batch.label(r) != served.labels()[r]) {
                throw outOfStep(served, batch.size());
            }
        }
        for (ExampleScorer scorer : trainingPassScorers) {
            scorer.observe(batch);
        }
        predictions.observe(batch);
        scoringNanos += System.nanoTime() - start;
    }

    private static IllegalStateException outOfStep(ServedBatch served, int rows) {
        return new IllegalStateException("The batch being trained (" + rows + " rows) is not the batch the"
                + " PruningIterator served next (ids " + Arrays.toString(Arrays.copyOf(served.ids(),
                Math.min(5, served.ids().length))) + "...). Add this listener to the network only once, and do"
                + " not read from the PruningIterator outside fit.");
    }

    @Override
    public void onEpochEnd(Model model) {
        MultiLayerNetwork net = bind(model);
        iterator.checkSource();
        if (report == null && config.schedule().isSwapEpoch(epoch)) {
            swap(net);
        }
        epoch++;
    }

    private void swap(MultiLayerNetwork net) {
        long start = System.nanoTime();
        Map<ScoreKind, Double> passSeconds = new EnumMap<>(ScoreKind.class);
        if (!evaluationPassScorers.isEmpty()) {
            long t = System.nanoTime();
            int[] ids = passIds(evaluationPassScorers);
            log.info("Scoring {} examples with one evaluation pass", ids.length);
            scorePass(net, evaluationPassScorers, false, ids);
            evaluationPassScorers.forEach(s -> passSeconds.put(s.kind(), (System.nanoTime() - t) / 1e9));
        }
        if (!freshInitScorers.isEmpty()) {
            long t = System.nanoTime();
            scoreFreshInitialisations(net);
            freshInitScorers.forEach(s -> passSeconds.put(s.kind(), (System.nanoTime() - t) / 1e9));
        }
        Map<ScoreKind, double[]> scores = new EnumMap<>(ScoreKind.class);
        SubsetScorer subsetScorer = null;
        for (List<ExampleScorer> group : List.of(trainingPassScorers, evaluationPassScorers, freshInitScorers)) {
            for (ExampleScorer scorer : group) {
                if (scorer instanceof SubsetScorer subset) {
                    subsetScorer = subset;
                } else {
                    scores.put(scorer.kind(), scorer.scores());
                }
            }
        }
        int[] labels = iterator.labelIndices();
        List<ClusteringSummary> clusterings = new ArrayList<>();
        Optional<ExtrapolationSummary> extrapolation = Optional.empty();
        if (config.needsEmbeddings()) {
            long t = System.nanoTime();
            INDArray embeddings = config.embedding().embed(net, iterator, config.scoringBatchSize());
            double embeddingSeconds = (System.nanoTime() - t) / 1e9;
            log.info("Embedded {} examples ({}, {} dimensions) in {} s", embeddings.rows(), config.embedding(),
                    embeddings.columns(), String.format("%.2f", embeddingSeconds));
            for (PrototypeScorer prototypes : prototypeScorers) {
                PrototypeScorer.Result result = prototypes.score(embeddings, labels);
                scores.put(prototypes.kind(), result.scores());
                clusterings.add(result.summary());
            }
            if (subsetScorer != null) {
                ScoreExtrapolation setting = config.extrapolation().orElseThrow();
                ScoreExtrapolation.Outcome outcome = setting.extrapolate(embeddings, scoredSubset,
                        subsetScorer.scores(), passSeconds.getOrDefault(setting.kind(), 0.0), embeddingSeconds,
                        subsetScorer.input() != ScoreInput.TRAINING_PASSES);
                scores.put(setting.kind(), outcome.scores());
                extrapolation = Optional.of(outcome.summary());
                log.info("{}", outcome.summary().describe());
            }
            OffHeap.release(embeddings);
        }
        ScoreTable table = ScoreTable.of(labels, predictions.predictions(), scores);
        Selection selection = config.rule().select(table.scores(config.scoreKind()), table.labels());
        iterator.keepFromNextEpoch(selection.keptIds());
        scoringNanos += System.nanoTime() - start;
        report = new PruningReport(table, config.scoreKind(), selection, epoch, config.outlierCount(),
                Duration.ofNanos(scoringNanos), ScoringDetails.of(clusterings, extrapolation,
                        scoredSubset == null ? new int[0] : scoredSubset));
        log.info("{}", report.summary());
        config.scoresCsv().ifPresent(path -> {
            report.writeScoresCsv(path);
            log.info("Wrote every score of {} examples to {}", table.size(), path.toAbsolutePath());
        });
    }

    /** The ids a pass must cover: the scored subset if every scorer of the pass is restricted to it, else all. */
    private int[] passIds(List<ExampleScorer> scorers) {
        boolean subsetOnly = scorers.stream().allMatch(s -> s instanceof SubsetScorer);
        if (subsetOnly) {
            return scoredSubset.clone();
        }
        int[] all = new int[iterator.numExamples()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    private void scorePass(MultiLayerNetwork net, List<ExampleScorer> scorers, boolean withPenultimate, int[] ids) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            iterator.forEachExampleInIdOrder(ids, config.scoringBatchSize(), (batchIds, data) -> {
                ScoredBatch batch;
                if (withPenultimate) {
                    INDArray h = LastLayer.outputLayerInputForFeatures(net, data.getFeatures());
                    INDArray logits = LastLayer.logits(net, h);
                    batch = ScoredBatch.ofLogits(batchIds, logits, data.getLabels(), h);
                    OffHeap.release(h, logits);
                } else {
                    INDArray output = net.output(data.getFeatures(), false);
                    batch = ScoredBatch.ofOutputs(batchIds, output, data.getLabels());
                    OffHeap.release(output);
                }
                for (ExampleScorer scorer : scorers) {
                    scorer.observe(batch);
                }
            });
        }
    }

    private void scoreFreshInitialisations(MultiLayerNetwork net) {
        int k = config.grandInitialisations();
        log.info("Scoring GraNd over {} fresh initialisations of the network's configuration", k);
        for (int i = 0; i < k; i++) {
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
            for (NeuralNetConfiguration layerConf : conf.getConfs()) {
                layerConf.setSeed(config.grandSeed() + i);
            }
            MultiLayerNetwork fresh = new MultiLayerNetwork(conf);
            fresh.init();
            scorePass(fresh, freshInitScorers, true, passIds(freshInitScorers));
            log.info("GraNd: initialisation {} of {} scored", i + 1, k);
        }
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
        private long grandSeed = 1L;
        private int scoringBatchSize = 1000;
        private int outlierCount = 20;
        private Path scoresCsv;
        private EmbeddingSpec embedding = EmbeddingSpec.lastHiddenLayer();
        private int prototypeClusters;
        private int prototypeClustersPerClass = 1;
        private long clusteringSeed = 1L;
        private ScoreExtrapolation extrapolation;

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

        /** Seed of the first GraNd initialisation; the k-th uses seed + k (default 1). */
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

        /** Seed of the k-means++ seeding of the prototype scores (default 1). */
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
         * Builds the listener and registers it with its iterator.
         *
         * @throws IllegalArgumentException if an option is out of range
         * @throws IllegalStateException if the iterator already has a listener
         */
        public PruningListener build() {
            PruningConfig config = new PruningConfig(rule, scoreKind, schedule, el2nInput, alsoCompute.build(),
                    grandInitialisations, grandSeed, scoringBatchSize, outlierCount, Optional.ofNullable(scoresCsv),
                    embedding, prototypeClusters, prototypeClustersPerClass, clusteringSeed,
                    Optional.ofNullable(extrapolation));
            if (extrapolation != null) {
                extrapolation.check(iterator.numExamples());
            }
            return new PruningListener(iterator, config);
        }
    }
}
