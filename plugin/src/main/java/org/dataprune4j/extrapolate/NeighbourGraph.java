package org.dataprune4j.extrapolate;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.dataprune4j.internal.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The normalised adjacency of a k-nearest-neighbour graph over every example, as a graph convolution reads it
 * (Kipf and Welling 2017): {@code D^-1/2 (A + I) D^-1/2}, where A joins each example to its k nearest others
 * (exact Euclidean search, made symmetric) with weight {@code exp(-d / 2)}, the square root of the seed paper's
 * {@code exp(-d)} edge attribute, as its code applies it. Held in compressed rows; symmetric, so it is its own
 * transpose in the backward pass.
 */
final class NeighbourGraph {
    private final int n;
    private final int[] rowStart;
    private final int[] column;
    private final float[] weight;

    private NeighbourGraph(int n, int[] rowStart, int[] column, float[] weight) {
        this.n = n;
        this.rowStart = rowStart;
        this.column = column;
        this.weight = weight;
    }

    /**
     * Builds the graph.
     *
     * @param x {@code [n, d]} float embeddings
     * @param k neighbours per example, below n
     * @param blockSize query rows per distance block
     */
    static NeighbourGraph knn(INDArray x, int k, int blockSize) {
        int n = (int) x.rows();
        checkArgument(k >= 1 && k < n, "a graph of %s examples takes 1 to %s neighbours, got %s", n, n - 1, k);
        int[][] nearest = new int[n][];
        float[][] distance = new float[n][];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray squares = x.mul(x);
            INDArray norms = squares.sum(1).reshape(1, n);
            OffHeap.release(squares);
            INDArray xT = x.transpose().dup('c');
            for (int from = 0; from < n; from += blockSize) {
                int to = Math.min(n, from + blockSize);
                INDArray q = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup('c');
                INDArray qSquares = q.mul(q);
                INDArray qNorms = qSquares.sum(1).reshape(to - from, 1);
                OffHeap.release(qSquares);
                INDArray d = q.mmul(xT).muli(-2).addiColumnVector(qNorms).addiRowVector(norms);
                FloatBuffer values = d.data().asNioFloat();
                for (int row = 0; row < to - from; row++) {
                    int id = from + row;
                    nearest[id] = new int[k];
                    distance[id] = new float[k];
                    kSmallestOthers(values, row * n, n, id, nearest[id], distance[id]);
                }
                OffHeap.release(q, qNorms, d);
            }
            OffHeap.release(norms, xT);
        }
        return symmetricNormalised(n, nearest, distance);
    }

    /** The k smallest squared distances of a row, leaving out the example itself, as distances. */
    private static void kSmallestOthers(FloatBuffer d, int offset, int r, int self, int[] index, float[] value) {
        double[] squared = new double[index.length];
        KnnExtrapolator.kSmallest(d, offset, r, self, index, squared);
        for (int t = 0; t < index.length; t++) {
            value[t] = (float) Math.sqrt(Math.max(0, squared[t]));
        }
    }

    private static NeighbourGraph symmetricNormalised(int n, int[][] nearest, float[][] distance) {
        // edges in both directions, deduplicated by keeping the first weight of a pair (distances agree)
        long[] keys = new long[2 * n * nearest[0].length];
        float[] w = new float[keys.length];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < nearest[i].length; t++) {
                int j = nearest[i][t];
                float wt = (float) Math.exp(-distance[i][t] / 2);
                keys[e] = (long) i * n + j;
                w[e++] = wt;
                keys[e] = (long) j * n + i;
                w[e++] = wt;
            }
        }
        Integer[] order = new Integer[e];
        for (int i = 0; i < e; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        int[] rowStart = new int[n + 1];
        int[] column = new int[e + n];
        float[] weight = new float[e + n];
        double[] degree = new double[n];
        int m = 0;
        int next = 0;
        for (int i = 0; i < n; i++) {
            rowStart[i] = m;
            column[m] = i;
            weight[m++] = 1f;
            while (next < e && keys[order[next]] / n == i) {
                long key = keys[order[next]];
                int j = (int) (key % n);
                if (column[m - 1] != j) {
                    column[m] = j;
                    weight[m++] = w[order[next]];
                }
                next++;
            }
            for (int p = rowStart[i]; p < m; p++) {
                degree[i] += weight[p];
            }
        }
        rowStart[n] = m;
        for (int i = 0; i < n; i++) {
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                weight[p] = (float) (weight[p] / Math.sqrt(degree[i] * degree[column[p]]));
            }
        }
        return new NeighbourGraph(n, rowStart, Arrays.copyOf(column, m), Arrays.copyOf(weight, m));
    }

    /** Nodes. */
    int size() {
        return n;
    }

    /** Stored entries, self loops included. */
    int entries() {
        return rowStart[n];
    }

    /** {@code Â h} for {@code h} of {@code [n, width]} in row-major floats. */
    float[] propagate(float[] h, int width) {
        checkArgument(h.length == n * width, "%s values are not %s rows of %s", h.length, n, width);
        float[] out = new float[h.length];
        for (int i = 0; i < n; i++) {
            int o = i * width;
            for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                float a = weight[p];
                int s = column[p] * width;
                for (int c = 0; c < width; c++) {
                    out[o + c] += a * h[s + c];
                }
            }
        }
        return out;
    }

    /** {@link #propagate(float[], int)} on an ND4J matrix. */
    INDArray propagate(INDArray h) {
        int width = (int) h.columns();
        return Nd4j.create(propagate(OffHeap.toFloats(h), width), new long[] {n, width}, 'c');
    }
}
