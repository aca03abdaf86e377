package org.dataprune4j.examples;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Generated 20-feature, 4-class Gaussian blobs for the examples' tests. */
final class TestBlobs {
    private TestBlobs() {
    }

    /** {@code n} examples, class i % 4, class c's signal on features d with d % 4 == c at {@code separation}. */
    static DataSet of(int n, double separation, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][20];
        float[][] y = new float[n][4];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            for (int d = 0; d < 20; d++) {
                x[i][d] = (float) ((d % 4 == c ? separation : 0) + random.nextGaussian());
            }
            y[i][c] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }
}
