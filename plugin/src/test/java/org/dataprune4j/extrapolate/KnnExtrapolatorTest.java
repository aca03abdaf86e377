package org.dataprune4j.extrapolate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KnnExtrapolatorTest {

    @Test
    void severalScoresFromOneSearchEqualEachPredictedAlone() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[300 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        INDArray e = Nd4j.create(x, new long[] {300, 4}, 'c');
        int[] ids = new int[30];
        double[] a = new double[30];
        double[] b = new double[30];
        for (int j = 0; j < 30; j++) {
            ids[j] = j * 10;
            a[j] = r.nextDouble();
            b[j] = -j;
        }
        KnnExtrapolator knn = KnnExtrapolator.of(5, 64);
        java.util.List<double[]> both = knn.extrapolateEach(e, new int[300], 1, ids, java.util.List.of(a, b));
        assertArrayEquals(knn.extrapolate(e, ids, a), both.get(0), 0);
        assertArrayEquals(knn.extrapolate(e, ids, b), both.get(1), 0);
    }

    @Test
    void distanceWeightedMeanOfTheNearestScoredNeighboursOnAHandMadeCase() {
        // Points on a line: 0, 1, 3, 10, 2. Scored: id 0 (score 10), id 2 (score 40), id 3 (score 100).
        // id 1 (x=1), k=2: neighbours id 0 (d=1) and id 2 (d=2): (10/1 + 40/2) / (1/1 + 1/2) = 30 / 1.5 = 20.
        // id 4 (x=2), k=2: neighbours id 2 (d=1) and id 0 (d=2): (40/1 + 10/2) / (1 + 0.5) = 45 / 1.5 = 30.
        INDArray x = Nd4j.create(new double[][] {{0}, {1}, {3}, {10}, {2}});
        double[] out = KnnExtrapolator.of(2, 2).extrapolate(x, new int[] {0, 2, 3}, new double[] {10, 40, 100});
        assertArrayEquals(new double[] {10, 20, 40, 100, 30}, out, 1e-9);
        // k=1 copies the nearest neighbour's score.
        assertArrayEquals(new double[] {10, 10, 40, 100, 40},
                KnnExtrapolator.of(1, 4).extrapolate(x, new int[] {0, 2, 3}, new double[] {10, 40, 100}), 1e-9);
    }

    @Test
    void blocksDoNotChangeTheResultAndSixtyThousandQueriesTakeSeconds() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 60_000;
        int d = 64;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, d);
        int[] scored = new int[6_000];
        double[] values = new double[scored.length];
        for (int i = 0; i < scored.length; i++) {
            scored[i] = i * 10;
            values[i] = random.nextDouble();
        }
        long start = System.nanoTime();
        double[] big = KnnExtrapolator.of(10, 1024).extrapolate(x, scored, values);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(n, big.length);
        INDArray head = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2_000),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        int[] headScored = java.util.Arrays.copyOf(scored, 200);
        double[] a = KnnExtrapolator.of(5, 7).extrapolate(head, headScored, java.util.Arrays.copyOf(values, 200));
        double[] b = KnnExtrapolator.of(5, 5_000).extrapolate(head, headScored, java.util.Arrays.copyOf(values, 200));
        // Distances are float: block shapes change BLAS rounding in the last float bits (seen: 2.5e-8), not the
        // neighbours.
        assertArrayEquals(a, b, 1e-6);
        // Not a timing assertion (benchmarks check speed); a loose bound against an accidental O(n^2 d) Java loop.
        assertTrue(seconds < 120, "60,000 x 6,000 took " + seconds + " s");
    }

    @Test
    void badInputIsRejected() {
        INDArray x = Nd4j.create(new double[][] {{0}, {1}, {2}});
        assertMessage(() -> KnnExtrapolator.of(0, 10), "k (neighbours) must be at least 1");
        assertMessage(() -> KnnExtrapolator.of(1, 10).extrapolate(x, new int[0], new double[0]), "scored subset is empty");
        assertMessage(() -> KnnExtrapolator.of(1, 10).extrapolate(x, new int[] {0, 1, 2, 0}, new double[4]),
                "has 4 ids but there are only 3 examples");
        assertMessage(() -> KnnExtrapolator.of(3, 10).extrapolate(x, new int[] {0, 1}, new double[2]),
                "k=3 neighbours need at least 3 scored examples");
        assertMessage(() -> KnnExtrapolator.of(1, 10).extrapolate(x, new int[] {0, 0}, new double[2]), "appears twice");
        INDArray nan = Nd4j.create(new double[][] {{0}, {Double.NaN}, {2}});
        assertMessage(() -> KnnExtrapolator.of(1, 10).extrapolate(nan, new int[] {0}, new double[1]),
                "example 1 has a NaN value");
    }

    @Test
    void spearmanMatchesAHandComputation() {
        // a = (1, 2, 3, 4, 5), b = (5, 6, 7, 8, 7): ranks of b = (1, 2, 3.5, 5, 3.5).
        // rank deviations: a (-2, -1, 0, 1, 2); b (-2, -1, 0.5, 2, 0.5);
        // sum ab = 4 + 1 + 0 + 2 + 1 = 8; sum aa = 10; sum bb = 4 + 1 + 0.25 + 4 + 0.25 = 9.5
        // rho = 8 / sqrt(10 * 9.5) = 0.820782681668...
        assertEquals(0.820782681668, Spearman.correlation(new double[] {1, 2, 3, 4, 5},
                new double[] {5, 6, 7, 8, 7}), 1e-9);
        assertEquals(-1.0, Spearman.correlation(new double[] {1, 2, 3}, new double[] {30, 20, 10}), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3.5, 5, 3.5}, Spearman.ranks(new double[] {5, 6, 7, 8, 7}), 0.0);
        assertMessage(() -> Spearman.correlation(new double[] {1}, new double[] {1}), "at least 2 values");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
