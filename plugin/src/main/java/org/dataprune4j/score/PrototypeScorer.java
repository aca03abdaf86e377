package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.dataprune4j.cluster.KMeans;
import org.dataprune4j.cluster.KMeansResult;
import org.dataprune4j.internal.OffHeap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Prototype distance (Sorscher et al. 2022, "Beyond neural scaling laws"): cluster every example's embedding
 * with k-means and score each example by its distance to the nearest centroid. Far from every prototype =
 * hard, near one = easy (redundant).
 *
 * <ul>
 *   <li>{@link #labelFree(int, long)}: k centroids over all examples; needs no labels
 *       ({@link ScoreKind#PROTOTYPE});</li>
 *   <li>{@link #classAligned(int, long)}: k-means within each class, score = distance to the nearest centroid of
 *       the example's own class ({@link ScoreKind#PROTOTYPE_CLASS}); with one cluster per class (the default)
 *       that is the distance to the class mean.</li>
 * </ul>
 *
 * <p>An isolated example can capture a label-free centroid of its own (k-means++ seeds far points) and then
 * scores 0, the "easiest"; the class-aligned variant with one centroid per class has no such blind spot.
 *
 * <p>The embeddings come from the caller (the listener takes them from a chosen layer of the warmed-up model
 * or of a pretrained network, see {@code org.dataprune4j.embed}). The paper's result, that keeping far-from-
 * prototype examples rivals supervised scores, was measured with self-supervised ImageNet embeddings; check it
 * on your data against {@code RandomRule} (docs/BENCHMARKS.md has this project's measurements).
 */
public final class PrototypeScorer implements EmbeddingScorer {
    private final boolean classAligned;
    private final int clusters;
    private final long seed;

    private PrototypeScorer(boolean classAligned, int clusters, long seed) {
        this.classAligned = classAligned;
        this.clusters = clusters;
        this.seed = seed;
    }

    /**
     * Label-free prototypes.
     *
     * @param k number of clusters, at least 1 and at most the number of examples
     * @param seed seed of the k-means++ seeding
     */
    public static PrototypeScorer labelFree(int k, long seed) {
        checkArgument(k >= 1, "k (number of prototype clusters) must be at least 1, got %s", k);
        return new PrototypeScorer(false, k, seed);
    }

    /**
     * Class-aligned prototypes.
     *
     * @param clustersPerClass clusters within each class, at least 1 and at most the smallest class's size
     * @param seed seed of the k-means++ seeding (class c uses seed + c)
     */
    public static PrototypeScorer classAligned(int clustersPerClass, long seed) {
        checkArgument(clustersPerClass >= 1, "clustersPerClass must be at least 1, got %s", clustersPerClass);
        return new PrototypeScorer(true, clustersPerClass, seed);
    }

    /** Which score this computes. */
    @Override
    public ScoreKind kind() {
        return classAligned ? ScoreKind.PROTOTYPE_CLASS : ScoreKind.PROTOTYPE;
    }

    /** The scores and how the clustering went. */
    public record Result(double[] scores, ClusteringSummary summary) {
    }

    /**
     * Scores every example.
     *
     * @param embeddings {@code [n, d]} embeddings, row = example id, finite
     * @param labels class index per example id (ignored by the label-free variant)
     * @throws IllegalArgumentException if k exceeds the examples (of a class), or an embedding is not finite
     */
    @Override
    public Result score(INDArray embeddings, int[] labels) {
        requireNonNull(embeddings, "embeddings");
        requireNonNull(labels, "labels");
        checkArgument(embeddings.rank() == 2 && embeddings.rows() == labels.length,
                "embeddings must be [%s examples, d], got shape %s", labels.length,
                java.util.Arrays.toString(embeddings.shape()));
        long start = System.nanoTime();
        int n = labels.length;
        int d = (int) embeddings.columns();
        if (!classAligned) {
            checkArgument(clusters <= n, "k=%s prototype clusters need at least %s examples, got %s; lower k",
                    clusters, clusters, n);
            KMeansResult r = KMeans.of(clusters, seed).fit(embeddings);
            OffHeap.release(r.centroids());
            return new Result(r.distances(), new ClusteringSummary(kind(), clusters, d, r.inertia(), r.iterations(),
                    (System.nanoTime() - start) / 1e9));
        }
        int numClasses = 0;
        for (int label : labels) {
            numClasses = Math.max(numClasses, label + 1);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            members.add(new ArrayList<>());
        }
        for (int id = 0; id < n; id++) {
            members.get(labels[id]).add(id);
        }
        double[] scores = new double[n];
        double inertia = 0;
        int iterations = 0;
        int total = 0;
        for (int c = 0; c < numClasses; c++) {
            int[] ids = members.get(c).stream().mapToInt(Integer::intValue).toArray();
            if (ids.length == 0) {
                continue;
            }
            checkArgument(clusters <= ids.length, "class %s has %s examples, fewer than clustersPerClass=%s; lower"
                    + " clustersPerClass", c, ids.length, clusters);
            INDArray rows = Nd4j.pullRows(embeddings, 1, ids, 'c');
            KMeansResult r = KMeans.of(clusters, seed + c).fit(rows);
            OffHeap.release(rows, r.centroids());
            double[] dist = r.distances();
            for (int i = 0; i < ids.length; i++) {
                scores[ids[i]] = dist[i];
            }
            inertia += r.inertia();
            iterations = Math.max(iterations, r.iterations());
            total += clusters;
        }
        return new Result(scores, new ClusteringSummary(kind(), total, d, inertia, iterations,
                (System.nanoTime() - start) / 1e9));
    }

    @Override
    public String toString() {
        return classAligned ? "PrototypeScorer{class-aligned, " + clusters + " per class}"
                : "PrototypeScorer{label-free, k=" + clusters + "}";
    }
}
