package org.dataprune4j.score;

/**
 * How the k-means behind a prototype score went, for the pruning report.
 *
 * @param kind {@link ScoreKind#PROTOTYPE} or {@link ScoreKind#PROTOTYPE_CLASS}
 * @param clusters total number of centroids (for class-aligned: clusters per class times classes)
 * @param dimensions embedding dimensions
 * @param inertia sum of squared distances of every example to its centroid
 * @param iterations Lloyd iterations (for class-aligned: the most any class needed)
 * @param seconds time of the clustering
 */
public record ClusteringSummary(ScoreKind kind, int clusters, int dimensions, double inertia, int iterations,
                                double seconds) {
}
