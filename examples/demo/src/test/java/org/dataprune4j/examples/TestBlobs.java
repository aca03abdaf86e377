package org.dataprune4j.examples;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Generated 20-feature, 4-class Gaussian blobs for the examples' tests. */
final class TestBlobs {
    private static final int[] LONG_TAIL = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3};

    private TestBlobs() {
    }

    /** {@code n} examples, class i % 4, class c's signal on features d with d % 4 == c at {@code separation}. */
    static DataSet of(int n, double separation, long seed) {
        return of(n, separation, seed, false);
    }

    /**
     * As {@link #of(int, double, long)} but long-tailed: about 8/15, 4/15, 2/15 and 1/15 of the {@code n} examples in
     * classes 0 to 3 (an imbalance ratio of 8).
     */
    static DataSet longTailed(int n, double separation, long seed) {
        return of(n, separation, seed, true);
    }

    private static DataSet of(int n, double separation, long seed, boolean longTailed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][20];
        float[][] y = new float[n][4];
        for (int i = 0; i < n; i++) {
            int c = longTailed ? LONG_TAIL[i % 15] : i % 4;
            for (int d = 0; d < 20; d++) {
                x[i][d] = (float) ((d % 4 == c ? separation : 0) + random.nextGaussian());
            }
            y[i][c] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }
}
