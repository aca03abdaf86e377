package org.dataprune4j.cluster;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of {@link KMeans#fit}.
 *
 * @param centroids {@code [k, d]} cluster centres
 * @param assignments the nearest centroid of every point
 * @param squaredDistances every point's squared distance to its nearest centroid
 * @param inertia the sum of {@code squaredDistances}
 * @param iterations Lloyd iterations run
 */
public record KMeansResult(INDArray centroids, int[] assignments, double[] squaredDistances, double inertia,
                           int iterations) {

    /** Every point's (Euclidean) distance to its nearest centroid: the prototype-distance score. */
    public double[] distances() {
        double[] d = new double[squaredDistances.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.sqrt(squaredDistances[i]);
        }
        return d;
    }
}
