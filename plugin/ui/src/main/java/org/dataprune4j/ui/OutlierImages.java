package org.dataprune4j.ui;

import java.util.Arrays;
import java.util.Base64;
import org.dataprune4j.PruningIterator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pixels of the examples the page draws (the likeliest mislabelled), fetched by id from the training iterator
 * when it holds its examples in memory and they are images of a known shape.
 */
final class OutlierImages {
    private static final OutlierImages NONE = new OutlierImages(null, null);

    private final PruningIterator iterator;
    /** Channels, height, width; null when the examples are not drawn. */
    private final int[] shape;

    private OutlierImages(PruningIterator iterator, int[] shape) {
        this.iterator = iterator;
        this.shape = shape;
    }

    /**
     * The images of {@code iterator}'s examples: of the shape given, else of the features' own shape when they
     * are 4-d with 1 or 3 channels; none for a streamed source or other features.
     *
     * @param given channels, height, width the user gave, or null
     * @throws IllegalArgumentException if {@code given} does not match the features' size
     */
    static OutlierImages of(PruningIterator iterator, int[] given) {
        if (!iterator.holdsExamples()) {
            if (given != null) {
                throw new IllegalArgumentException("imageShape(...) was given, but the training iterator streams its"
                        + " source, so the page cannot fetch examples by id to draw them; keep the data in memory"
                        + " (PruningIterator.builder(DataSet, batchSize)) or leave imageShape out.");
            }
            return NONE;
        }
        long[] featureShape = iterator.examples(0).getFeatures().shape();
        long size = Arrays.stream(featureShape).skip(1).reduce(1, Math::multiplyExact);
        if (given != null) {
            if ((long) given[0] * given[1] * given[2] != size) {
                throw new IllegalArgumentException("imageShape(" + given[1] + ", " + given[2] + ", " + given[0]
                        + ") holds " + given[0] * given[1] * given[2] + " values, but each example has " + size
                        + " features (shape " + Arrays.toString(featureShape) + "): give the images' real height,"
                        + " width and channels.");
            }
            return new OutlierImages(iterator, given.clone());
        }
        if (featureShape.length == 4 && (featureShape[1] == 1 || featureShape[1] == 3)) {
            return new OutlierImages(iterator, new int[] {(int) featureShape[1], (int) featureShape[2],
                    (int) featureShape[3]});
        }
        return NONE;
    }

    /** Channels, height, width, or null when no image is drawn. */
    int[] shape() {
        return shape == null ? null : shape.clone();
    }

    /**
     * Example {@code id}'s pixels, channel-major, each image stretched to 0-255 from its own lowest to highest value,
     * base64; null when no image is drawn.
     */
    String pixels(int id) {
        if (shape == null) {
            return null;
        }
        INDArray features = iterator.examples(id).getFeatures();
        float[] values = features.ravel().toFloatVector();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float span = max > min ? max - min : 1;
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) Math.round(255 * (values[i] - min) / span);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
