package org.dataprune4j.cluster;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.dataprune4j.internal.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * k-means clustering of the rows of a matrix, with k-means++ seeding and a fixed seed.
 *
 * <p>Distances are computed in row blocks as {@code ||x||^2 - 2 X C^T + ||c||^2} with ND4J matrix products, so
 * 60,000 x 512 points cost one {@code [block, d] x [d, k]} product per block and iteration, not a Java loop
 * over points. Centroids are recomputed as {@code A^T X} with the one-hot assignment matrix A. An empty
 * cluster is re-seeded with the point farthest from its centroid. Stops when no assignment changes, the
 * relative drop of inertia falls below the tolerance, or after the maximum number of iterations.
 */
public final class KMeans {
    private final int k;
    private final int maxIterations;
    private final double tolerance;
    private final long seed;
    private final int blockSize;

    private KMeans(int k, int maxIterations, double tolerance, long seed, int blockSize) {
        this.k = k;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.seed = seed;
        this.blockSize = blockSize;
    }

    /**
     * @param k number of clusters, at least 1 (and at most the number of points, checked in {@link #fit})
     * @param seed seed of the k-means++ seeding
     */
    public static KMeans of(int k, long seed) {
        return of(k, seed, 100, 1e-6, 4096);
    }

    /**
     * @param k number of clusters
     * @param seed seed of the seeding
     * @param maxIterations most Lloyd iterations, at least 1 (default 100)
     * @param tolerance stop when inertia drops by less than this fraction (default 1e-6)
     * @param blockSize rows per distance block (default 4096)
     */
    public static KMeans of(int k, long seed, int maxIterations, double tolerance, int blockSize) {
        checkArgument(k >= 1, "k (number of clusters) must be at least 1, got %s", k);
        checkArgument(maxIterations >= 1, "maxIterations must be at least 1, got %s", maxIterations);
        checkArgument(tolerance >= 0, "tolerance must be >= 0, got %s", tolerance);
        checkArgument(blockSize >= 1, "blockSize must be at least 1, got %s", blockSize);
        return new KMeans(k, maxIterations, tolerance, seed, blockSize);
    }

    /**
     * Clusters the rows of {@code points}.
     *
     * @param points {@code [n, d]} embeddings, finite
     * @throws IllegalArgumentException if k > n, the matrix is not 2-d, or a value is NaN or infinite
     */
    public KMeansResult fit(INDArray points) {
        requireNonNull(points, "points");
        checkArgument(points.rank() == 2, "points must be a [n, d] matrix, got rank %s", points.rank());
        int n = (int) points.rows();
        checkArgument(k <= n, "k=%s clusters need at least %s points, got %s; lower k", k, k, n);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray cast = points.castTo(DataType.DOUBLE);
            INDArray x = cast.dup('c');
            if (cast != points) {
                OffHeap.release(cast);
            }
            double[] flat = x.data().asDouble();
            for (int i = 0; i < flat.length; i++) {
                if (!Double.isFinite(flat[i])) {
                    throw new IllegalArgumentException("Embedding of point " + (i / points.columns()) + " has a "
                            + flat[i] + " value; embeddings must be finite (did training diverge?)");
                }
            }
            INDArray rowNorms = x.mul(x).sum(1).reshape(n, 1);
            INDArray centroids = seed(x, rowNorms);
            int[] assignments = new int[n];
            Arrays.fill(assignments, -1);
            double[] best = new double[n];
            double inertia = Double.POSITIVE_INFINITY;
            int iteration = 0;
            while (iteration < maxIterations) {
                iteration++;
                boolean changed = assign(x, rowNorms, centroids, assignments, best);
                double next = Arrays.stream(best).sum();
                boolean converged = !changed || (inertia - next) <= tolerance * Math.max(next, 1e-300);
                inertia = next;
                INDArray previous = centroids;
                centroids = update(x, assignments, best);
                OffHeap.release(previous);
                if (converged) {
                    break;
                }
            }
            assign(x, rowNorms, centroids, assignments, best);
            inertia = Arrays.stream(best).sum();
            OffHeap.release(x, rowNorms);
            return new KMeansResult(centroids, assignments, best, inertia, iteration);
        }
    }

    /** k-means++: the first centre uniformly, each next one with probability proportional to D(x)^2. */
    private INDArray seed(INDArray x, INDArray rowNorms) {
        int n = (int) x.rows();
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = new int[k];
        chosen[0] = random.nextInt(n);
        double[] minSq = squaredDistancesTo(x, rowNorms, x.getRow(chosen[0]));
        for (int c = 1; c < k; c++) {
            double total = Arrays.stream(minSq).sum();
            int pick;
            if (total <= 0) {
                pick = random.nextInt(n);
            } else {
                double r = random.nextDouble() * total;
                pick = n - 1;
                for (int i = 0; i < n; i++) {
                    r -= minSq[i];
                    if (r < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            chosen[c] = pick;
            double[] d = squaredDistancesTo(x, rowNorms, x.getRow(pick));
            for (int i = 0; i < n; i++) {
                minSq[i] = Math.min(minSq[i], d[i]);
            }
        }
        return Nd4j.pullRows(x, 1, chosen, 'c');
    }

    private static double[] squaredDistancesTo(INDArray x, INDArray rowNorms, INDArray centre) {
        INDArray c = centre.reshape(1, x.columns());
        double cNorm = c.mul(c).sumNumber().doubleValue();
        INDArray products = x.mmul(c.transpose()).muli(2);
        INDArray distances = rowNorms.sub(products).addi(cNorm);
        double[] d = distances.data().asDouble();
        OffHeap.release(products, distances);
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.max(0, d[i]);
        }
        return d;
    }

    /** Assigns every point to its nearest centroid, block by block; returns whether any assignment changed. */
    private boolean assign(INDArray x, INDArray rowNorms, INDArray centroids, int[] assignments, double[] best) {
        int n = (int) x.rows();
        INDArray cNorms = centroids.mul(centroids).sum(1).reshape(1, k);
        INDArray cT = centroids.transpose();
        boolean changed = false;
        for (int from = 0; from < n; from += blockSize) {
            int to = Math.min(n, from + blockSize);
            INDArray block = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray d = block.mmul(cT).muli(-2).addiColumnVector(
                    rowNorms.get(NDArrayIndex.interval(from, to), NDArrayIndex.all())).addiRowVector(cNorms);
            double[] values = OffHeap.toDoubles(d);
            OffHeap.release(d);
            for (int r = 0; r < to - from; r++) {
                int arg = 0;
                double min = values[r * k];
                for (int c = 1; c < k; c++) {
                    double v = values[r * k + c];
                    if (v < min) {
                        min = v;
                        arg = c;
                    }
                }
                int i = from + r;
                changed |= assignments[i] != arg;
                assignments[i] = arg;
                best[i] = Math.max(0, min);
            }
        }
        OffHeap.release(cNorms);
        return changed;
    }

    /** New centroids as cluster means; an empty cluster takes the point farthest from its centroid. */
    private INDArray update(INDArray x, int[] assignments, double[] best) {
        int n = (int) x.rows();
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, n, k);
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            oneHot.putScalar(i, assignments[i], 1.0);
            counts[assignments[i]]++;
        }
        INDArray sums = oneHot.transpose().mmul(x);
        OffHeap.release(oneHot);
        boolean[] taken = new boolean[n];
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                sums.getRow(c).divi(counts[c]);
            } else {
                int far = 0;
                for (int i = 1; i < n; i++) {
                    if (!taken[i] && (taken[far] || best[i] > best[far])) {
                        far = i;
                    }
                }
                taken[far] = true;
                sums.putRow(c, x.getRow(far));
            }
        }
        return sums;
    }
}
