package org.dataprune4j.spark;

import static org.dataprune4j.internal.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.score.ForgettingScorer;
import org.dataprune4j.score.ScoredBatch;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One scoring pass on Spark: the model is serialised once with {@link ModelSerializer}, broadcast, restored by each
 * task, and every executor scores its partitions' examples in evaluation mode, in batches: EL2N, the cross-entropy
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
    public SparkScores score(Model model, JavaPairRDD<Long, DataSet> examples) {
        return score(model, examples, null);
    }

    /**
     * Scores every example with {@code model}, continuing forgetting counts from {@code previous}, a pass over the
     * same keyed RDD (same partitions, same order).
     *
     * @param previous the last pass, or null for the first
     * @throws IllegalStateException (when the job runs) if the examples' partitions changed since {@code previous}
     */
    public SparkScores score(Model model, JavaPairRDD<Long, DataSet> examples, SparkScores previous) {
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

    private SparkScores scoreAll(JavaSparkContext sc, Model model, JavaPairRDD<Long, DataSet> examples,
                                 SparkScores previous) {
        checkArgument(previous == null || trackForgetting == previous.tracksForgetting(),
                "previous was scored %s forgetting, this scoring %s it", previous != null
                        && previous.tracksForgetting() ? "with" : "without", trackForgetting ? "tracks" : "does not track");
        checkArgument(previous == null || previous.partitions().getNumPartitions() == examples.getNumPartitions(),
                "The examples have %s partitions, the previous pass %s: forgetting continues per partition, so score"
                        + " the same persisted keyed RDD every epoch and repartition it, if at all, before the first"
                        + " pass.", examples.getNumPartitions(), previous == null ? 0
                        : previous.partitions().getNumPartitions());
        List<Tuple2<Long, DataSet>> firstOnly = examples.take(1);
        checkArgument(!firstOnly.isEmpty(), "The keyed RDD holds no examples: there is nothing to score.");
        Tuple2<Long, DataSet> first = firstOnly.get(0);
        DataSet firstExample = first._2();
        checkExample(first._1(), firstExample);
        int numClasses = (int) firstExample.getLabels().size(1);
        checkOneHot(firstExample.getLabels(), new int[] {(int) Math.min(first._1(), Integer.MAX_VALUE)}, 0,
                numClasses);
        TrainedModel.of(model, numClasses); // rejects an unsupported model here, on the driver
        boolean graph = model instanceof ComputationGraph;
        Broadcast<byte[]> modelBytes = sc.broadcast(serialise(model));
        int size = batchSize;
        boolean forgetting = trackForgetting;
        long start = System.nanoTime();
        JavaRDD<PartitionScores> partitions;
        if (previous == null) {
            partitions = examples.mapPartitions(it -> Collections.singletonList(
                    scorePartition(it, null, modelBytes.value(), graph, numClasses, size, forgetting)).iterator());
        } else {
            partitions = examples.zipPartitions(previous.partitions(), (it, prev) -> Collections.singletonList(
                    scorePartition(it, prev.hasNext() ? prev.next() : null, modelBytes.value(), graph, numClasses,
                            size, forgetting)).iterator());
        }
        partitions = partitions.persist(StorageLevel.MEMORY_AND_DISK());
        long count = partitions.map(PartitionScores::size).fold(0, Integer::sum);
        modelBytes.unpersist(false);
        log.info("Scored {} examples on Spark in {} partitions in {} s", count, partitions.getNumPartitions(),
                String.format("%.2f", (System.nanoTime() - start) / 1e9));
        return new SparkScores(partitions, count, numClasses, forgetting);
    }

    private static byte[] serialise(Model model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(model, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialise the model to broadcast it", e);
        }
        return out.toByteArray();
    }

    private static Model restore(byte[] bytes, boolean graph) throws IOException {
        return graph ? ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), false)
                : ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
    }

    /** Scores one partition (on an executor); the model is restored per task, since DL4J models are not thread-safe. */
    private static PartitionScores scorePartition(Iterator<Tuple2<Long, DataSet>> examples, PartitionScores previous,
                                                  byte[] modelBytes, boolean graph, int numClasses, int batchSize,
                                                  boolean forgetting) throws IOException {
        List<Tuple2<Long, DataSet>> all = new ArrayList<>();
        examples.forEachRemaining(all::add);
        int n = all.size();
        PartitionScores out = new PartitionScores(n, forgetting);
        if (n == 0) {
            if (forgetting) {
                out.forgettingState = new double[0];
            }
            return out;
        }
        TrainedModel model = TrainedModel.of(restore(modelBytes, graph), numClasses);
        ForgettingScorer forgettingScorer = forgetting ? new ForgettingScorer(n) : null;
        for (int i = 0; i < n; i++) {
            long id = all.get(i)._1();
            checkArgument(id >= 0 && id <= Integer.MAX_VALUE, "example id %s is outside [0, %s]", id,
                    Integer.MAX_VALUE);
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
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                INDArray[] features = new INDArray[to - from];
                INDArray[] labels = new INDArray[to - from];
                int[] positions = new int[to - from];
                for (int i = from; i < to; i++) {
                    DataSet example = all.get(i)._2();
                    checkExample(all.get(i)._1(), example);
                    features[i - from] = example.getFeatures();
                    labels[i - from] = example.getLabels();
                    positions[i - from] = i;
                }
                INDArray x = stack(features);
                INDArray y = stack(labels);
                checkOneHot(y, out.ids, from, numClasses);
                INDArray output = model.output(x);
                ScoredBatch scored = ScoredBatch.ofOutputs(positions, output, y);
                OffHeap.release(output);
                if (x != features[0]) {
                    OffHeap.release(x);
                }
                if (y != labels[0]) {
                    OffHeap.release(y);
                }
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
        }
        if (forgettingScorer != null) {
            out.forgetting = forgettingScorer.scores();
            out.forgettingState = forgettingScorer.snapshot();
        }
        return out;
    }

    /**
     * One batch from single-example arrays of one shape {@code [1, ...]}: their values copied into one Java array
     * and one INDArray created from it, at about half the cost of {@code Nd4j.concat} and a fifth of
     * {@code DataSet.merge} (measured at 60,000 784-pixel examples); arrays that are views, or of another type than
     * float or double, are concatenated.
     */
    static INDArray stack(INDArray[] rows) {
        if (rows.length == 1) {
            return rows[0];
        }
        INDArray first = rows[0];
        long[] shape = first.shape();
        int per = (int) first.length();
        DataType type = first.dataType();
        boolean plain = type == DataType.FLOAT || type == DataType.DOUBLE;
        for (int r = 0; r < rows.length && plain; r++) {
            INDArray a = rows[r];
            plain = a.dataType() == type && a.length() == per && Arrays.equals(a.shape(), shape)
                    && a.ordering() == 'c' && a.offset() == 0 && a.data().length() == per;
        }
        if (!plain) {
            return Nd4j.concat(0, rows);
        }
        long[] batchShape = shape.clone();
        batchShape[0] = rows.length;
        // one bulk copy per example from its buffer (host memory; ensureLocation syncs a GPU array, a no-op on CPU)
        if (type == DataType.FLOAT) {
            float[] all = new float[rows.length * per];
            for (int r = 0; r < rows.length; r++) {
                Nd4j.getAffinityManager().ensureLocation(rows[r], AffinityManager.Location.HOST);
                if (rows[r].data().pointer() instanceof FloatPointer p) {
                    p.get(all, r * per, per);
                } else {
                    rows[r].data().asNioFloat().get(all, r * per, per);
                }
            }
            return Nd4j.create(all, batchShape, 'c');
        }
        double[] all = new double[rows.length * per];
        for (int r = 0; r < rows.length; r++) {
            Nd4j.getAffinityManager().ensureLocation(rows[r], AffinityManager.Location.HOST);
            if (rows[r].data().pointer() instanceof DoublePointer p) {
                p.get(all, r * per, per);
            } else {
                rows[r].data().asNioDouble().get(all, r * per, per);
            }
        }
        return Nd4j.create(all, batchShape, 'c');
    }

    /**
     * Checks that every row of a batch's labels is one-hot over {@code numClasses} classes, naming the example's id if
     * not (the batch's row r is the partition's example {@code from + r}).
     */
    static void checkOneHot(INDArray labels, int[] ids, int from, int numClasses) {
        if (labels.size(1) != numClasses) {
            throw new IllegalArgumentException("Example " + ids[from] + " and its batch have " + labels.size(1)
                    + " label columns, the first example " + numClasses + ": every example needs the same classes.");
        }
        double[] values = labels.dup('c').data().asDouble();
        for (int r = 0; r < labels.rows(); r++) {
            int ones = 0;
            for (int c = 0; c < numClasses; c++) {
                double v = values[r * numClasses + c];
                if (v == 1) {
                    ones++;
                } else if (v != 0) {
                    ones = -1;
                    break;
                }
            }
            if (ones != 1) {
                throw new IllegalArgumentException("Example " + ids[from + r] + " has labels " + Arrays.toString(
                        Arrays.copyOfRange(values, r * numClasses, (r + 1) * numClasses)) + ", not one-hot: each"
                        + " example needs exactly one 1 and zeros elsewhere.");
            }
        }
    }

    /** Checks that a keyed record is one example with rank-2 one-hot labels and no masks, naming its id if not. */
    static void checkExample(long id, DataSet example) {
        if (example == null || example.getFeatures() == null || example.getLabels() == null) {
            throw new IllegalArgumentException("Example " + id + " has no features or no labels.");
        }
        if (example.getFeatures().size(0) != 1) {
            throw new IllegalArgumentException("Record " + id + " holds " + example.getFeatures().size(0)
                    + " examples; each"
                    + " record must hold one. Key the data with ExampleIds.of(rdd), which splits minibatches.");
        }
        if (example.getLabels().rank() != 2 || example.getLabels().size(0) != 1) {
            throw new IllegalArgumentException("Example " + id + " has labels of shape "
                    + Arrays.toString(example.getLabels().shape()) + "; scoring on Spark takes classification labels"
                    + " [1, classes] (one-hot).");
        }
        if (example.getLabelsMaskArray() != null || example.getFeaturesMaskArray() != null) {
            throw new IllegalArgumentException("Example " + id + " has a mask; scoring on Spark takes unmasked"
                    + " examples. Drop fully masked examples before keying, or prune on one machine, where masked"
                    + " examples are kept out of the ranking.");
        }
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
