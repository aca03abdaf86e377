package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.dataprune4j.extrapolate.ExtrapolationSummary;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.score.ClusteringSummary;
import org.dataprune4j.score.DifficultyScorer;
import org.dataprune4j.score.DualScorer;
import org.dataprune4j.score.DynamicUncertaintyScorer;
import org.dataprune4j.score.El2nScorer;
import org.dataprune4j.score.EmbeddingScorer;
import org.dataprune4j.score.ExampleScorer;
import org.dataprune4j.score.ForgettingScorer;
import org.dataprune4j.score.GrandScorer;
import org.dataprune4j.score.LossScorer;
import org.dataprune4j.score.PredictionTracker;
import org.dataprune4j.score.PrototypeScorer;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.score.ScoredBatch;
import org.dataprune4j.score.SubsetScorer;
import org.dataprune4j.score.TddsScorer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scoring work of a {@link PruningListener}: sets up one scorer per configured score, routes each to its
 * input (training passes, one evaluation pass at the end of warm-up, fresh initialisations, or an embedding for
 * prototypes and extrapolation), runs the extra passes at the swap and returns every example's scores.
 */
final class ScoringEngine {
    private static final Logger log = LoggerFactory.getLogger(ScoringEngine.class);

    private final PruningConfig config;
    private final int numExamples;
    private final List<ExampleScorer> trainingPassScorers = new ArrayList<>();
    private final List<ExampleScorer> evaluationPassScorers = new ArrayList<>();
    private final List<ExampleScorer> freshInitScorers = new ArrayList<>();
    private final List<EmbeddingScorer> embeddingScorers = new ArrayList<>();
    private final PredictionTracker predictions;
    private final int[] scoredSubset;
    private long extraInferenceExamples;

    /** Every example's scores at the swap, with what the extra passes found. */
    record Outcome(ScoreTable table, ScoringDetails details) {
    }

    ScoringEngine(PruningConfig config, int numExamples, int numClasses) {
        this.config = config;
        this.numExamples = numExamples;
        this.predictions = new PredictionTracker(numExamples);
        this.scoredSubset = config.extrapolation().map(e -> e.scoredIds(numExamples)).orElse(null);
        ScoreKind extrapolated = config.extrapolation().map(ScoreExtrapolation::kind).orElse(null);
        for (ScoreKind kind : config.computedKinds()) {
            if (kind == ScoreKind.PROTOTYPE) {
                int k = config.prototypeClusters() == 0 ? numClasses : config.prototypeClusters();
                checkArgument(k <= numExamples, "k=%s prototype clusters need at least %s examples, but the iterator"
                        + " has %s; lower prototypeClusters", k, k, numExamples);
                embeddingScorers.add(PrototypeScorer.labelFree(k, config.clusteringSeed()));
                continue;
            }
            if (kind == ScoreKind.PROTOTYPE_CLASS) {
                embeddingScorers.add(PrototypeScorer.classAligned(config.prototypeClustersPerClass(),
                        config.clusteringSeed()));
                continue;
            }
            IntFunction<ExampleScorer> forSize = size -> switch (kind) {
                case EL2N -> new El2nScorer(size, config.el2nInput());
                case GRAND -> new GrandScorer(size);
                case FORGETTING -> new ForgettingScorer(size);
                case LOSS -> new LossScorer(size);
                case DYNAMIC_UNCERTAINTY -> new DynamicUncertaintyScorer(size, config.dynamicsWindow());
                case TDDS -> new TddsScorer(size, numClasses, config.dynamicsWindow());
                case DUAL -> new DualScorer(size, config.dynamicsWindow());
                case DIFFICULTY -> new DifficultyScorer(size);
                case PROTOTYPE, PROTOTYPE_CLASS -> throw new AssertionError(kind);
            };
            ExampleScorer scorer = kind == extrapolated ? SubsetScorer.of(scoredSubset, numExamples, forSize)
                    : forSize.apply(numExamples);
            switch (scorer.input()) {
                case TRAINING_PASSES -> trainingPassScorers.add(scorer);
                case END_OF_WARMUP_PASS -> evaluationPassScorers.add(scorer);
                case FRESH_INITIALISATIONS -> freshInitScorers.add(scorer);
            }
        }
    }

    /** The state of the scorers that accumulate over training passes, by kind, and the last predictions. */
    Map<ScoreKind, double[]> snapshot() {
        Map<ScoreKind, double[]> m = new EnumMap<>(ScoreKind.class);
        for (ExampleScorer scorer : trainingPassScorers) {
            m.put(scorer.kind(), scorer.snapshot());
        }
        return m;
    }

    int[] predictions() {
        return predictions.predictions();
    }

    /**
     * Restores what {@link #snapshot()} and {@link #predictions()} returned in the run being resumed.
     *
     * @throws IllegalArgumentException if the checkpoint holds other scores than this engine computes
     */
    void restore(Map<ScoreKind, double[]> states, int[] predicted) {
        for (ExampleScorer scorer : trainingPassScorers) {
            double[] state = states.get(scorer.kind());
            if (state == null) {
                throw new IllegalArgumentException("The checkpoint has no " + scorer.kind() + " state; it was made"
                        + " by a listener configured differently.");
            }
            scorer.restore(state);
        }
        predictions.restore(predicted);
    }

    /** Examples passed through a network by the extra passes so far (one count per example per pass). */
    long extraInferenceExamples() {
        return extraInferenceExamples;
    }

    /**
     * The current scores of the scorers that read training passes, with the last predictions: what a dynamic
     * schedule decides from after the swap (an example keeps its last score until it is trained again).
     */
    ScoreTable currentTable(int[] labels) {
        Map<ScoreKind, double[]> scores = new EnumMap<>(ScoreKind.class);
        for (ExampleScorer scorer : trainingPassScorers) {
            if (!(scorer instanceof SubsetScorer)) {
                scores.put(scorer.kind(), scorer.scores());
            }
        }
        return ScoreTable.of(labels, predictions.predictions(), scores);
    }

    /** Feeds one training batch's forward-pass results to the scorers that read training passes. */
    void observeTrainingBatch(ScoredBatch batch) {
        for (ExampleScorer scorer : trainingPassScorers) {
            scorer.observe(batch);
        }
        predictions.observe(batch);
    }

    /**
     * Runs the extra passes (evaluation pass, fresh initialisations, embedding) over the iterator's examples and
     * returns every score. Called once, at the end of warm-up, between two epochs.
     */
    Outcome scoreAtSwap(TrainedModel model, PruningIterator iterator) {
        Map<ScoreKind, Double> passSeconds = new EnumMap<>(ScoreKind.class);
        if (!evaluationPassScorers.isEmpty()) {
            long t = System.nanoTime();
            int[] ids = passIds(evaluationPassScorers);
            log.info("Scoring {} examples with one evaluation pass", ids.length);
            scorePass(model, iterator, evaluationPassScorers, false, ids);
            evaluationPassScorers.forEach(s -> passSeconds.put(s.kind(), (System.nanoTime() - t) / 1e9));
        }
        if (!freshInitScorers.isEmpty()) {
            long t = System.nanoTime();
            scoreFreshInitialisations(model, iterator);
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
            INDArray embeddings = config.embedding().embed(model, numExamples,
                    consumer -> iterator.passes().forEachInIdOrder(ExampleSource.allIds(numExamples),
                            config.scoringBatchSize(), consumer));
            extraInferenceExamples += numExamples;
            double embeddingSeconds = (System.nanoTime() - t) / 1e9;
            log.info("Embedded {} examples ({}, {} dimensions) in {} s", embeddings.rows(), config.embedding(),
                    embeddings.columns(), String.format("%.2f", embeddingSeconds));
            for (EmbeddingScorer scorer : embeddingScorers) {
                PrototypeScorer.Result result = scorer.score(embeddings, labels);
                scores.put(scorer.kind(), result.scores());
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
        return new Outcome(table, ScoringDetails.of(clusterings, extrapolation,
                scoredSubset == null ? new int[0] : scoredSubset));
    }

    /** The ids a pass must cover: the scored subset if every scorer of the pass is restricted to it, else all. */
    private int[] passIds(List<ExampleScorer> scorers) {
        boolean subsetOnly = scorers.stream().allMatch(s -> s instanceof SubsetScorer);
        if (subsetOnly) {
            return scoredSubset.clone();
        }
        return ExampleSource.allIds(numExamples);
    }

    private void scorePass(TrainedModel model, PruningIterator iterator, List<ExampleScorer> scorers,
                           boolean withPenultimate, int[] ids) {
        extraInferenceExamples += ids.length;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            iterator.passes().forEachInIdOrder(ids, config.scoringBatchSize(), (batchIds, data) -> {
                ScoredBatch batch;
                if (withPenultimate) {
                    INDArray h = model.outputLayerInputForFeatures(data.getFeatures(), data.getFeaturesMaskArray());
                    INDArray logits = model.logits(h);
                    batch = ScoredBatch.ofLogits(batchIds, logits, data.getLabels(), h);
                    OffHeap.release(logits);
                    if (h != data.getFeatures()) {
                        OffHeap.release(h);
                    }
                } else {
                    INDArray output = model.output(data.getFeatures(), data.getFeaturesMaskArray());
                    batch = ScoredBatch.ofOutputs(batchIds, output, data.getLabels());
                    OffHeap.release(output);
                }
                for (ExampleScorer scorer : scorers) {
                    scorer.observe(batch);
                }
            });
        }
    }

    private void scoreFreshInitialisations(TrainedModel model, PruningIterator iterator) {
        int k = config.grandInitialisations();
        log.info("Scoring GraNd over {} fresh initialisations of the model's configuration", k);
        for (int i = 0; i < k; i++) {
            TrainedModel fresh = model.freshInitialisation(config.grandSeed() + i);
            scorePass(fresh, iterator, freshInitScorers, true, passIds(freshInitScorers));
            log.info("GraNd: initialisation {} of {} scored", i + 1, k);
        }
    }
}
