package org.dataprune4j.spark;

import static org.dataprune4j.internal.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.score.ForgettingScorer;
import org.dataprune4j.score.ScoredBatch;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One scoring pass on Spark: the model's configuration and parameters are broadcast; each executor builds the network
 * once and keeps it for later tasks and passes (giving it each pass's parameters), and scores its partitions'
 * examples ({@link ExampleRecord}s, written into one reused batch array) in evaluation mode: EL2N, the cross-entropy
 * loss and the predicted class, computed by the same code as the single-machine listener's end-of-warm-up pass
 * ({@link ScoredBatch}), so the scores agree example by example. With {@link Builder#trackForgetting}, each pass also
 * continues every example's forgetting count from the previous pass (the single-machine {@link ForgettingScorer}
 * run per partition), so one pass after every epoch gives forgetting over the run.
 *
 * <p>Immutable and serialisable; build with {@link #builder()}.
 */
public final class SparkScoring implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(SparkScoring.class);
    /** The beginning of the description of every Spark job a scoring pass runs (shown in Spark's UI). */
    public static final String JOB_PREFIX = "DataPrune4J scoring pass";
    private static final String JOB_DESCRIPTION = "spark.job.description";

    private final int batchSize;
    private final boolean trackForgetting;

    private SparkScoring(Builder b) {
        this.batchSize = b.batchSize;
        this.trackForgetting = b.trackForgetting;
    }

    /** A builder: batches of 256, no forgetting. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the passes track forgetting events. */
    public boolean tracksForgetting() {
        return trackForgetting;
    }

    /**
     * Scores every example with {@code model} (a {@code MultiLayerNetwork} or {@code ComputationGraph} with a softmax
     * output layer), starting forgetting counts afresh.
     *
     * @param examples keyed examples, one per record (see {@link ExampleIds#of}); keep it persisted
     * @throws IllegalArgumentException if the model cannot be scored or the first example is malformed (at once,
     *     on the driver); a malformed example elsewhere fails the job with the same message naming its id
     */
    public SparkScores score(Model model, JavaPairRDD<Long, ExampleRecord> examples) {
        return score(model, examples, null);
    }

    /**
     * Scores every example with {@code model}, continuing forgetting counts from {@code previous}, a pass over the
     * same keyed RDD (same partitions, same order).
     *
     * @param previous the last pass, or null for the first
     * @throws IllegalStateException (when the job runs) if the examples' partitions changed since {@code previous}
     */
    public SparkScores score(Model model, JavaPairRDD<Long, ExampleRecord> examples, SparkScores previous) {
        requireNonNull(model, "model");
        requireNonNull(examples, "examples");
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(examples.context());
        String description = sc.getLocalProperty(JOB_DESCRIPTION);
        sc.setJobDescription(JOB_PREFIX + (previous == null ? "" : ", forgetting continued"));
        try {
            return scoreAll(sc, model, examples, previous);
        } finally {
            sc.setLocalProperty(JOB_DESCRIPTION, description);
        }
    }

    private SparkScores scoreAll(JavaSparkContext sc, Model model, JavaPairRDD<Long, ExampleRecord> examples,
                                 SparkScores previous) {
        checkArgument(previous == null || trackForgetting == previous.tracksForgetting(),
                "previous was scored %s forgetting, this scoring %s it", previous != null
                        && previous.tracksForgetting() ? "with" : "without", trackForgetting ? "tracks" : "does not track");
        checkArgument(previous == null || previous.partitions().getNumPartitions() == examples.getNumPartitions(),
                "The examples have %s partitions, the previous pass %s: forgetting continues per partition, so score"
                        + " the same persisted keyed RDD every epoch and repartition it, if at all, before the first"
                        + " pass.", examples.getNumPartitions(), previous == null ? 0
                        : previous.partitions().getNumPartitions());
        List<Tuple2<Long, ExampleRecord>> firstOnly = examples.take(1);
        checkArgument(!firstOnly.isEmpty(), "The keyed RDD holds no examples: there is nothing to score.");
        ExampleRecord.Layout first = firstOnly.get(0)._2().layout();
        int numClasses = first.numClasses();
        // rejects an unsupported model here, on the driver
        checkArgument(!TrainedModel.of(model, numClasses).binarySigmoidOutput(), "The model has one sigmoid output"
                + " (a binary classifier); scoring on Spark takes a softmax output with one-hot labels for now. Give"
                + " the output layer nOut(2), Activation.SOFTMAX and LossFunction.MCXENT with one-hot labels, or prune"
                + " on one machine with PruningListener, which takes one sigmoid output.");
        ExecutorModels.ModelSource source = ExecutorModels.broadcast(sc, model, numClasses,
                UUID.randomUUID().toString());
        int size = batchSize;
        boolean forgetting = trackForgetting;
        long start = System.nanoTime();
        JavaRDD<PartitionScores> partitions;
        if (previous == null) {
            partitions = examples.mapPartitions(it -> Collections.singletonList(scorePartition(it, null,
                    source, first, size, forgetting))
                    .iterator());
        } else {
            partitions = examples.zipPartitions(previous.partitions(), (it, prev) -> Collections.singletonList(
                    scorePartition(it, prev.hasNext() ? prev.next() : null, source, first, size,
                            forgetting)).iterator());
        }
        partitions = partitions.persist(StorageLevel.MEMORY_AND_DISK());
        long count = partitions.map(PartitionScores::size).fold(0, Integer::sum);
        source.unpersist();
        CacheCheck.warnIfNotInMemory(sc.sc(), examples.rdd().id());
        log.info("Scored {} examples on Spark in {} partitions in {} s", count, partitions.getNumPartitions(),
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return new SparkScores(partitions, count, numClasses, forgetting);
    }

    /**
     * Scores one partition (on an executor) with a model the executor keeps ({@link ExecutorModels}), lent to one task
     * at a time (DL4J models are not thread-safe). Each batch is written from the records into one reused off-heap
     * array, one copy per example, and scored with the records' class indices (no one-hot array).
     */
    private static PartitionScores scorePartition(Iterator<Tuple2<Long, ExampleRecord>> examples,
                                                  PartitionScores previous, ExecutorModels.ModelSource source,
                                                  ExampleRecord.Layout first, int batchSize, boolean forgetting) {
        List<Tuple2<Long, ExampleRecord>> all = new ArrayList<>();
        examples.forEachRemaining(all::add);
        int n = all.size();
        PartitionScores out = new PartitionScores(n, forgetting);
        if (n == 0) {
            if (forgetting) {
                out.forgettingState = new double[0];
            }
            return out;
        }
        ForgettingScorer forgettingScorer = forgetting ? new ForgettingScorer(n) : null;
        for (int i = 0; i < n; i++) {
            long id = all.get(i)._1();
            checkArgument(id >= 0 && id <= Integer.MAX_VALUE, "example id %s is outside [0, %s]", id,
                    Integer.MAX_VALUE);
            ExampleRecord record = all.get(i)._2();
            if (record == null) {
                throw new IllegalArgumentException("Example " + id + " is null.");
            }
            if (!first.matches(record)) {
                throw new IllegalArgumentException("Example " + id + " (" + record + ") does not match the first"
                        + " example (" + first + "): every example needs features of one shape and type and the same"
                        + " classes.");
            }
            out.ids[i] = (int) id;
        }
        if (forgetting && previous != null) {
            if (!Arrays.equals(previous.ids, out.ids)) {
                throw new IllegalStateException("The examples of a partition are not those the previous pass scored:"
                        + " forgetting continues per partition, so score the same persisted keyed RDD every epoch and"
                        + " repartition it, if at all, before the first pass.");
            }
            forgettingScorer.restore(previous.forgettingState);
        }
        TrainedModel model = source.borrow();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
             BatchBuilder batches = new BatchBuilder(first)) {
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                int[] positions = new int[to - from];
                int[] labels = new int[to - from];
                for (int i = from; i < to; i++) {
                    positions[i - from] = i;
                    labels[i - from] = all.get(i)._2().label();
                }
                INDArray output = model.output(batches.features(all, from, to), null); // Spark takes unmasked examples only
                ScoredBatch scored = ScoredBatch.ofOutputs(positions, output, labels);
                OffHeap.release(output);
                for (int r = 0; r < scored.size(); r++) {
                    int i = positions[r];
                    out.labels[i] = scored.label(r);
                    out.predicted[i] = scored.predicted(r);
                    out.el2n[i] = (float) scored.residualNorm(r);
                    out.loss[i] = (float) scored.crossEntropy(r);
                }
                if (forgettingScorer != null) {
                    forgettingScorer.observe(scored);
                }
            }
        } finally {
            source.giveBack(model);
        }
        if (forgettingScorer != null) {
            out.forgetting = forgettingScorer.scores();
            out.forgettingState = forgettingScorer.snapshot();
        }
        return out;
    }

    /** Builds a {@link SparkScoring}. */
    public static final class Builder {
        private int batchSize = 256;
        private boolean trackForgetting;

        private Builder() {
        }

        /** Examples per forward pass on an executor (default 256). */
        public Builder batchSize(int batchSize) {
            checkArgument(batchSize >= 1, "batchSize must be at least 1, got %s", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Whether each pass also counts forgetting events, continuing from the previous pass (default false): 4
         * doubles of state an example, cached on the executors.
         */
        public Builder trackForgetting(boolean trackForgetting) {
            this.trackForgetting = trackForgetting;
            return this;
        }

        /** The scoring. */
        public SparkScoring build() {
            return new SparkScoring(this);
        }
    }
}
