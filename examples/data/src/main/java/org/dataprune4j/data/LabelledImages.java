package org.dataprune4j.data;

import static org.dataprune4j.data.Args.checkArgument;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grey-scale images with class labels, as read from IDX files.
 *
 * @param pixels one array of width * height unsigned bytes per image
 * @param labels class index per image
 * @param numClasses number of classes
 */
public record LabelledImages(byte[][] pixels, int[] labels, int numClasses) {

    /** Checks that images and labels pair up. */
    public LabelledImages {
        checkArgument(pixels.length == labels.length, "%s images but %s labels", pixels.length, labels.length);
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /**
     * A DataSet with features [n, pixels] in [0, 1] (float) and one-hot labels [n, classes].
     */
    public DataSet toDataSet() {
        int n = size();
        int d = n == 0 ? 0 : pixels[0].length;
        float[] x = new float[n * d];
        float[] y = new float[n * numClasses];
        for (int i = 0; i < n; i++) {
            byte[] p = pixels[i];
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (p[j] & 0xff) / 255f;
            }
            y[i * numClasses + labels[i]] = 1f;
        }
        INDArray features = Nd4j.create(x, new long[] {n, d}, DataType.FLOAT);
        INDArray oneHot = Nd4j.create(y, new long[] {n, numClasses}, DataType.FLOAT);
        return new DataSet(features, oneHot);
    }

    /** The first {@code n} images. */
    public LabelledImages head(int n) {
        checkArgument(n >= 0 && n <= size(), "n must be in [0, %s], got %s", size(), n);
        return new LabelledImages(java.util.Arrays.copyOf(pixels, n), java.util.Arrays.copyOf(labels, n), numClasses);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive). */
    public LabelledImages slice(int from, int to) {
        checkArgument(from >= 0 && from <= to && to <= size(), "need 0 <= from <= to <= %s, got [%s, %s)", size(),
                from, to);
        return new LabelledImages(java.util.Arrays.copyOfRange(pixels, from, to),
                java.util.Arrays.copyOfRange(labels, from, to), numClasses);
    }
}
