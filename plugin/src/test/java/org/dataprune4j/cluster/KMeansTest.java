package org.dataprune4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KMeansTest {

    /** {@code perCluster} points around each of {@code centres}, Gaussian noise of {@code spread}. */
    private static double[][] clusters(double[][] centres, int perCluster, double spread, long seed, int[] labels) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[centres.length * perCluster][];
        for (int i = 0; i < x.length; i++) {
            int c = i % centres.length;
            labels[i] = c;
            x[i] = new double[centres[c].length];
            for (int d = 0; d < x[i].length; d++) {
                double u = 1 - random.nextDouble();
                double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
                x[i][d] = centres[c][d] + spread * g;
            }
        }
        return x;
    }

    @Test
    void recoversWellSeparatedClustersExactlyUpToPermutation() {
        double[][] centres = {{0, 0}, {20, 0}, {0, 20}, {20, 20}};
        int[] labels = new int[400];
        double[][] x = clusters(centres, 100, 1.0, 3, labels);
        KMeansResult result = KMeans.of(4, 11).fit(Nd4j.create(x));
        Map<Integer, Integer> clusterOfLabel = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            Integer seen = clusterOfLabel.putIfAbsent(labels[i], result.assignments()[i]);
            assertTrue(seen == null || seen == result.assignments()[i], "point " + i + " split from its cluster");
        }
        assertEquals(4, clusterOfLabel.values().stream().distinct().count(), "one cluster per true group");
        assertTrue(result.iterations() <= 10, "converged in " + result.iterations() + " iterations");
    }

    @Test
    void inertiaMatchesCommonsMathKMeansPlusPlus() {
        // Reference: Apache Commons Math 3 KMeansPlusPlusClusterer on the same points (k=5, Euclidean, seed 7),
        // inertia = sum over clusters of squared distances to their centre, computed below.
        double[][] centres = {{0, 0, 0, 0}, {6, 0, 0, 0}, {0, 6, 0, 0}, {0, 0, 6, 0}, {0, 0, 0, 6}};
        int[] labels = new int[1000];
        double[][] x = clusters(centres, 200, 1.0, 5, labels);
        List<DoublePoint> points = new ArrayList<>();
        for (double[] row : x) {
            points.add(new DoublePoint(row));
        }
        KMeansPlusPlusClusterer<DoublePoint> reference = new KMeansPlusPlusClusterer<>(5, 100,
                new EuclideanDistance(), new MersenneTwister(7));
        double referenceInertia = 0;
        for (CentroidCluster<DoublePoint> cluster : reference.cluster(points)) {
            double[] c = cluster.getCenter().getPoint();
            for (DoublePoint p : cluster.getPoints()) {
                for (int d = 0; d < c.length; d++) {
                    referenceInertia += Math.pow(p.getPoint()[d] - c[d], 2);
                }
            }
        }
        KMeansResult ours = KMeans.of(5, 7).fit(Nd4j.create(x));
        assertEquals(referenceInertia, ours.inertia(), 1e-3 * referenceInertia);
        double sum = 0;
        for (double d : ours.squaredDistances()) {
            sum += d;
        }
        assertEquals(ours.inertia(), sum, 1e-9 * sum);
    }

    @Test
    void blockedDistancesEqualOneBlock() {
        int[] labels = new int[300];
        INDArray x = Nd4j.create(clusters(new double[][] {{0, 0, 0}, {3, 3, 3}, {-3, 3, 0}}, 100, 1.5, 9, labels));
        KMeansResult oneBlock = KMeans.of(3, 2, 50, 1e-9, 100_000).fit(x);
        KMeansResult blocks = KMeans.of(3, 2, 50, 1e-9, 7).fit(x);
        assertEquals(oneBlock.inertia(), blocks.inertia(), 1e-9 * oneBlock.inertia());
        assertEquals(java.util.Arrays.toString(oneBlock.assignments()), java.util.Arrays.toString(blocks.assignments()));
    }

    @Test
    void badInputIsRejected() {
        INDArray x = Nd4j.create(new double[][] {{0, 0}, {1, 1}, {2, 2}});
        assertMessage(() -> KMeans.of(0, 1), "k (number of clusters) must be at least 1");
        assertMessage(() -> KMeans.of(4, 1).fit(x), "k=4 clusters need at least 4 points, got 3");
        INDArray nan = Nd4j.create(new double[][] {{0, 0}, {1, Double.NaN}, {2, 2}});
        assertMessage(() -> KMeans.of(2, 1).fit(nan), "point 1 has a NaN value");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
