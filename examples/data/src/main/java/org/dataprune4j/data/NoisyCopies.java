package org.dataprune4j.data;

import static org.dataprune4j.data.Args.checkArgument;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies of an image data set with seeded Gaussian pixel noise, the same on every machine and however often they are
 * made: how the Spark benchmarks make Fashion-MNIST k times larger. Copy 0 is the data set itself (pixels scaled to
 * [0, 1]); copy k > 0 adds noise of standard deviation {@code sd} to every pixel, seeded by k and the image's index,
 * clipped to [0, 1].
 */
public final class NoisyCopies {
    private NoisyCopies() {
    }

    /** The pixels of image {@code index} in copy {@code copy}, in [0, 1]. */
    public static float[] pixels(LabelledImages images, int copy, int index, double sd) {
        checkArgument(copy >= 0, "copy must be >= 0, got %s", copy);
        checkArgument(sd >= 0, "sd must be >= 0, got %s", sd);
        byte[] p = images.pixels()[index];
        float[] x = new float[p.length];
        SplittableRandom random = copy == 0 ? null : new SplittableRandom(copy * 1_000_003L + index);
        for (int j = 0; j < p.length; j++) {
            double v = (p[j] & 0xff) / 255.0;
            if (random != null) {
                v += sd * Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                        * Math.cos(2 * Math.PI * random.nextDouble());
            }
            x[j] = (float) Math.min(1, Math.max(0, v));
        }
        return x;
    }

    /** Copy {@code copy} of every image as a DataSet: features [n, pixels] (float), one-hot labels [n, classes]. */
    public static DataSet copy(LabelledImages images, int copy, double sd) {
        int n = images.size();
        int d = n == 0 ? 0 : images.pixels()[0].length;
        int classes = images.numClasses();
        float[] x = new float[n * d];
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) {
            System.arraycopy(pixels(images, copy, i, sd), 0, x, i * d, d);
            y[i * classes + images.labels()[i]] = 1;
        }
        return new DataSet(Nd4j.create(x, new long[] {n, d}, DataType.FLOAT),
                Nd4j.create(y, new long[] {n, classes}, DataType.FLOAT));
    }
}
