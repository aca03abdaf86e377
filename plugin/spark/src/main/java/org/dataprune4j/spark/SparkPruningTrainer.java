package org.dataprune4j.spark;

import static org.dataprune4j.internal.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.dataprune4j.PruningLedger;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-loop pruning of {@code PruningListener}, on Spark: trains a {@link SparkDl4jMultiLayer} or
 * {@link SparkComputationGraph} one epoch at a time ({@code fit(rdd)}, with whatever training master it was built
 * with; on a cluster without a shared file system, build it with {@code RDDTrainingApproach.Direct}: dl4j-spark's
 * default, Export, is refused before the first epoch there), scores every example on the executors after the
 * warm-up epochs, and trains the remaining epochs on the kept
 * subset; optionally re-scores and re-selects every few epochs (the re-selection schedule). With forgetting as the
 * score, every epoch up to the last selection ends with a scoring pass, so that forgetting counts over the run.
 *
 * <p>Immutable; build with {@link #builder(SelectionRule)}. The outcome carries the same {@link PruningLedger} as the
 * single-machine listener's.
 */
public final class SparkPruningTrainer {
    private static final Logger log = LoggerFactory.getLogger(SparkPruningTrainer.class);

    private final SelectionRule rule;
    private final ScoreKind scoreKind;
    private final int warmupEpochs;
    private final int reselectEvery;
    private final SparkScoring scoring;

    private SparkPruningTrainer(Builder b) {
        this.rule = b.rule;
        this.scoreKind = b.scoreKind;
        this.warmupEpochs = b.warmupEpochs;
        this.reselectEvery = b.reselectEvery;
        this.scoring = SparkScoring.builder().batchSize(b.scoringBatchSize)
                .trackForgetting(b.scoreKind == ScoreKind.FORGETTING).build();
    }

    /**
     * A builder for a trainer that keeps what {@code rule} selects: EL2N, 2 warm-up epochs, selected once.
     *
     * @param rule a {@code ScoreRangeRule} or a {@code ClassBalancedRule} of one
     */
    public static Builder builder(SelectionRule rule) {
        return new Builder(rule);
    }

    /** Trains a network for {@code epochs} epochs over the keyed examples, pruned after warm-up. */
    public Outcome fit(SparkDl4jMultiLayer network, JavaPairRDD<Long, ExampleRecord> examples, int epochs) {
        requireNonNull(network, "network");
        TrainingApproachCheck.check(network.getTrainingMaster(), network.getSparkContext());
        return run(network::fit, network::getNetwork, examples, epochs);
    }

    /** Trains a graph for {@code epochs} epochs over the keyed examples, pruned after warm-up. */
    public Outcome fit(SparkComputationGraph graph, JavaPairRDD<Long, ExampleRecord> examples, int epochs) {
        requireNonNull(graph, "graph");
        TrainingApproachCheck.check(graph.getTrainingMaster(), graph.getSparkContext());
        return run(graph::fit, graph::getNetwork, examples, epochs);
    }

    private Outcome run(Consumer<JavaRDD<DataSet>> fitEpoch, Supplier<Model> model,
                        JavaPairRDD<Long, ExampleRecord> examples, int epochs) {
        requireNonNull(examples, "examples");
        checkArgument(epochs >= 1, "epochs must be at least 1, got %s", epochs);
        checkArgument(epochs > warmupEpochs, "%s epochs leave none after the %s warm-up epochs: nothing would train"
                + " on the kept subset. Train longer or warm up for fewer epochs.", epochs, warmupEpochs);
        long numExamples = examples.count();
        checkArgument(numExamples > 0, "there are no examples");
        checkArgument(numExamples <= Integer.MAX_VALUE, "%s examples: at most %s a run", numExamples,
                Integer.MAX_VALUE);
        int lastSelection = 0;
        for (int e = 1; e <= epochs; e++) {
            if (selectsAfter(e, epochs)) {
                lastSelection = e;
            }
        }
        List<Integer> examplesPerEpoch = new ArrayList<>();
        long extraInference = 0;
        long trainingNanos = 0;
        long scoringNanos = 0;
        long selectionNanos = 0;
        JavaPairRDD<Long, ExampleRecord> train = examples;
        long trainCount = numExamples;
        SparkScores scores = null;
        SparkSelection selection = null;
        List<Long> keptPerSelection = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t = System.nanoTime();
            fitEpoch.accept(train.values().map(ExampleRecord::toDataSet));
            trainingNanos += System.nanoTime() - t;
            examplesPerEpoch.add((int) trainCount);
            log.info("Spark epoch {}/{}: trained {} of {} examples", epoch, epochs, trainCount, numExamples);
            boolean select = selectsAfter(epoch, epochs);
            // forgetting is counted by a pass after every epoch up to the last selection; later passes would be unused
            boolean scoreNow = select || scoring.tracksForgetting() && epoch < lastSelection;
            if (scoreNow) {
                t = System.nanoTime();
                SparkScores next = scoring.score(model.get(), examples, scoring.tracksForgetting() ? scores : null);
                if (scores != null) {
                    scores.unpersist();
                }
                scores = next;
                extraInference += numExamples;
                scoringNanos += System.nanoTime() - t;
            }
            if (select) {
                t = System.nanoTime();
                selection = SparkSelection.select(rule, scores, scoreKind);
                JavaPairRDD<Long, ExampleRecord> kept = selection.kept(examples).persist(StorageLevel.MEMORY_AND_DISK());
                trainCount = kept.count();
                if (train != examples) {
                    train.unpersist(false);
                }
                train = kept;
                keptPerSelection.add(trainCount);
                selectionNanos += System.nanoTime() - t;
                log.info("Spark swap after epoch {}: {}", epoch, selection.describe());
            }
        }
        if (train != examples) {
            train.unpersist(false);
        }
        PruningLedger ledger = new PruningLedger((int) numExamples, examplesPerEpoch, extraInference, 0, 0,
                Duration.ofNanos(trainingNanos), Duration.ofNanos(scoringNanos), Duration.ofNanos(selectionNanos));
        log.info("Spark pruning run done: {}", ledger.describe());
        return new Outcome(ledger, selection, keptPerSelection);
    }

    /** Whether the run selects after {@code epoch}: at the end of warm-up, then every {@code reselectEvery} epochs. */
    private boolean selectsAfter(int epoch, int epochs) {
        return epoch < epochs && (epoch == warmupEpochs
                || reselectEvery > 0 && epoch > warmupEpochs && (epoch - warmupEpochs) % reselectEvery == 0);
    }

    /**
     * What a run did.
     *
     * @param ledger examples trained per epoch, extra inference, times
     * @param lastSelection the last selection made; its scores stay cached on the executors until
     *     {@code lastSelection().scores().unpersist()}
     * @param keptPerSelection the kept count of every selection, in order
     */
    public record Outcome(PruningLedger ledger, SparkSelection lastSelection, List<Long> keptPerSelection) {
        /** Copies the list. */
        public Outcome {
            requireNonNull(ledger, "ledger");
            requireNonNull(lastSelection, "lastSelection");
            keptPerSelection = List.copyOf(keptPerSelection);
        }
    }

    /** Builds a {@link SparkPruningTrainer}. */
    public static final class Builder {
        private final SelectionRule rule;
        private ScoreKind scoreKind = ScoreKind.EL2N;
        private int warmupEpochs = 2;
        private int reselectEvery;
        private int scoringBatchSize = 256;

        private Builder(SelectionRule rule) {
            this.rule = requireNonNull(rule, "rule");
        }

        /**
         * The score to rank by: EL2N (default), LOSS or FORGETTING (counted by a scoring pass after every epoch up to
         * the last selection).
         */
        public Builder scoreKind(ScoreKind scoreKind) {
            SparkScores.checkComputed(scoreKind);
            this.scoreKind = scoreKind;
            return this;
        }

        /** Epochs on all data before the first selection (default 2, at least 1). */
        public Builder warmupEpochs(int warmupEpochs) {
            checkArgument(warmupEpochs >= 1, "warmupEpochs must be at least 1 (the scores come from a trained"
                    + " model), got %s", warmupEpochs);
            this.warmupEpochs = warmupEpochs;
            return this;
        }

        /** Re-score all examples and re-select every {@code epochs} epochs after the first selection; 0 (default) never. */
        public Builder reselectEvery(int epochs) {
            checkArgument(epochs >= 0, "reselectEvery must be >= 0 (0: select once), got %s", epochs);
            this.reselectEvery = epochs;
            return this;
        }

        /** Examples per forward pass of a scoring pass (default 256). */
        public Builder scoringBatchSize(int batchSize) {
            checkArgument(batchSize >= 1, "scoringBatchSize must be at least 1, got %s", batchSize);
            this.scoringBatchSize = batchSize;
            return this;
        }

        /** The trainer. */
        public SparkPruningTrainer build() {
            SparkSelection.checkRule(rule);
            return new SparkPruningTrainer(this);
        }
    }
}
