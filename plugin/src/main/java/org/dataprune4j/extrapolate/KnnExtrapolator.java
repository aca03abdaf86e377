package org.dataprune4j.extrapolate;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dataprune4j.internal.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Predicts a score for every example from the k nearest examples that have one, in an embedding space: the
 * distance-weighted mean {@code sum(s_j / (d_j + eps)) / sum(1 / (d_j + eps))} over the k nearest scored
 * neighbours (exact Euclidean distance). A scored example keeps its own score.
 *
 * <p>The neighbour search is exact: query rows in blocks, distances {@code ||q||^2 - 2 Q R^T + ||r||^2} by one
 * ND4J product per block, then a k-smallest selection per row in Java. It costs O(n r d) flops and O(block r)
 * memory for n queries and r references: seconds for 60,000 queries against 6,000 references of a few hundred
 * dimensions. Beyond a few million query-reference pairs per second of budget, an approximate index (HNSW,
 * product quantisation) would be the next step; the exact search here is the reference such an index is
 * measured against.
 */
public final class KnnExtrapolator implements Extrapolator {
    /** Added to distances so that a neighbour at distance 0 gets a large but finite weight. */
    public static final double EPSILON = 1e-12;

    private final int k;
    private final int blockSize;

    private KnnExtrapolator(int k, int blockSize) {
        this.k = k;
        this.blockSize = blockSize;
    }

    /**
     * @param k neighbours per prediction, at least 1 (the paper's default order of magnitude: 5-20)
     * @param blockSize query rows per distance block, at least 1 (e.g. 1024)
     */
    public static KnnExtrapolator of(int k, int blockSize) {
        checkArgument(k >= 1, "k (neighbours) must be at least 1, got %s", k);
        checkArgument(blockSize >= 1, "blockSize must be at least 1, got %s", blockSize);
        return new KnnExtrapolator(k, blockSize);
    }

    /**
     * Predicts every example's score.
     *
     * @param embeddings {@code [n, d]} embeddings of all examples, finite
     * @param scoredIds ids (rows) of the examples that have a score, distinct, at least k
     * @param scoredValues their scores, finite
     * @return n scores: the given ones for scored ids, predictions for the others
     * @throws IllegalArgumentException if the scored subset is empty, larger than the data, shorter than k,
     *     has duplicate or out-of-range ids, or a value is not finite
     */
    public double[] extrapolate(INDArray embeddings, int[] scoredIds, double[] scoredValues) {
        return predictAll(embeddings, scoredIds, List.of(requireNonNull(scoredValues, "scoredValues"))).get(0);
    }

    /** Several scores of the same scored examples, from one neighbour search. */
    private List<double[]> predictAll(INDArray embeddings, int[] scoredIds, List<double[]> columns) {
        requireNonNull(embeddings, "embeddings");
        requireNonNull(scoredIds, "scoredIds");
        checkArgument(embeddings.rank() == 2, "embeddings must be a [n, d] matrix, got rank %s", embeddings.rank());
        int n = (int) embeddings.rows();
        checkArgument(scoredIds.length > 0, "the scored subset is empty; score at least k=%s examples", k);
        checkArgument(scoredIds.length <= n, "the scored subset has %s ids but there are only %s examples",
                scoredIds.length, n);
        checkArgument(scoredIds.length >= k, "k=%s neighbours need at least %s scored examples, got %s", k, k,
                scoredIds.length);
        List<double[]> outs = new ArrayList<>();
        boolean[] scored = new boolean[n];
        for (int j = 0; j < scoredIds.length; j++) {
            int id = scoredIds[j];
            checkArgument(id >= 0 && id < n, "scored id %s is outside [0, %s)", id, n);
            checkArgument(!scored[id], "scored id %s appears twice", id);
            scored[id] = true;
        }
        for (double[] scoredValues : columns) {
            checkArgument(scoredValues.length == scoredIds.length, "%s scored ids but %s values", scoredIds.length,
                    scoredValues.length);
            double[] out = new double[n];
            for (int j = 0; j < scoredIds.length; j++) {
                checkArgument(Double.isFinite(scoredValues[j]), "the score of id %s is %s; scores must be finite",
                        scoredIds[j], (Object) scoredValues[j]);
                out[scoredIds[j]] = scoredValues[j];
            }
            outs.add(out);
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            // Float is ample for ranking neighbours and halves the product's cost; one block buffer is reused,
            // because allocating [block, r] arrays per block made ND4J's off-heap garbage collection stall.
            INDArray x = embeddings.castTo(DataType.FLOAT);
            checkFinite(x);
            INDArray references = Nd4j.pullRows(x, 1, scoredIds, 'c');
            INDArray refSquares = references.mul(references);
            INDArray refNorms = refSquares.sum(1).reshape(1, scoredIds.length);
            OffHeap.release(refSquares);
            INDArray refT = references.transpose().dup('c');
            int r = scoredIds.length;
            int rows = Math.min(blockSize, n);
            INDArray buffer = Nd4j.createUninitialized(DataType.FLOAT, rows, r);
            int[] nearest = new int[k];
            double[] nearestSq = new double[k];
            for (int from = 0; from < n; from += blockSize) {
                int to = Math.min(n, from + blockSize);
                INDArray q = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
                INDArray qSquares = q.mul(q);
                INDArray qNorms = qSquares.sum(1).reshape(to - from, 1);
                OffHeap.release(qSquares);
                INDArray d = to - from == rows ? buffer : Nd4j.createUninitialized(DataType.FLOAT, to - from, r);
                q.mmuli(refT, d).muli(-2).addiColumnVector(qNorms).addiRowVector(refNorms);
                OffHeap.release(q, qNorms);
                FloatBuffer values = d.data().asNioFloat();
                for (int row = 0; row < to - from; row++) {
                    int id = from + row;
                    if (scored[id]) {
                        continue;
                    }
                    int found = kSmallest(values, row * r, r, -1, nearest, nearestSq);
                    for (int c = 0; c < columns.size(); c++) {
                        double[] scoredValues = columns.get(c);
                        double num = 0;
                        double den = 0;
                        for (int t = 0; t < found; t++) {
                            double w = 1.0 / (Math.sqrt(Math.max(0, nearestSq[t])) + EPSILON);
                            num += w * scoredValues[nearest[t]];
                            den += w;
                        }
                        outs.get(c)[id] = num / den;
                    }
                }
                if (d != buffer) {
                    OffHeap.release(d);
                }
            }
            OffHeap.release(references, refNorms, refT, buffer);
            if (x != embeddings) {
                OffHeap.release(x);
            }
        }
        return outs;
    }

    /** Several scores from one neighbour search; labels play no part in the neighbour mean. */
    @Override
    public List<double[]> extrapolateEach(INDArray embeddings, int[] labels, int numClasses, int[] scoredIds,
                                          List<double[]> scoredValues) {
        return predictAll(embeddings, scoredIds, scoredValues);
    }

    /** Labels play no part in the neighbour mean; {@link #extrapolate(INDArray, int[], double[])}. */
    @Override
    public double[] extrapolate(INDArray embeddings, int[] labels, int numClasses, int[] scoredIds,
                                double[] scoredValues) {
        return extrapolate(embeddings, scoredIds, scoredValues);
    }

    @Override
    public String describe() {
        return "kNN mean of " + k + " scored neighbours";
    }

    /**
     * The k smallest of {@code d[offset .. offset + r)} but position {@code skip} (-1: none) into (index, value), in
     * ascending order, by insertion; returns how many were found (k unless fewer values).
     */
    static int kSmallest(FloatBuffer d, int offset, int r, int skip, int[] index, double[] value) {
        int k = index.length;
        int size = 0;
        for (int j = 0; j < r; j++) {
            if (j == skip) {
                continue;
            }
            double v = d.get(offset + j);
            if (size == k && v >= value[k - 1]) {
                continue;
            }
            int pos = size < k ? size++ : k - 1;
            while (pos > 0 && value[pos - 1] > v) {
                value[pos] = value[pos - 1];
                index[pos] = index[pos - 1];
                pos--;
            }
            value[pos] = v;
            index[pos] = j;
        }
        return size;
    }

    private static void checkFinite(INDArray x) {
        float[] flat = OffHeap.toFloats(x);
        for (int i = 0; i < flat.length; i++) {
            if (!Double.isFinite(flat[i])) {
                throw new IllegalArgumentException("Embedding of example " + (i / x.columns()) + " has a " + flat[i]
                        + " value; embeddings must be finite (did training diverge?)");
            }
        }
    }
}
