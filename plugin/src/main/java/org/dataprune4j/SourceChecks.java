package org.dataprune4j;

import java.util.Arrays;
import java.util.BitSet;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.internal.OneHot;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shape and label checks shared by the sources. */
final class SourceChecks {
    private SourceChecks() {
    }

    /** Rejects labels per time step and missing arrays, with what to do instead (sequence features are fine). */
    static void checkShapes(INDArray features, INDArray labels, String where) {
        if (features == null || labels == null) {
            throw new IllegalArgumentException(where + " has " + (features == null ? "no features" : "no labels")
                    + "; DataPrune4J needs labelled examples (features and one-hot labels) to score them.");
        }
        if (labels.rank() != 2) {
            throw new IllegalArgumentException(where + " has labels of shape " + Arrays.toString(labels.shape())
                    + " (features " + Arrays.toString(features.shape()) + "): a label per time step (an"
                    + " RnnOutputLayer's [examples, classes, steps]) is not supported, since DataPrune4J keeps or"
                    + " prunes whole examples by one class each. Classify each sequence instead: one-hot labels"
                    + " [examples, classes] and a softmax OutputLayer after LastTimeStep or a GlobalPoolingLayer."
                    + (labels.rank() == 3 ? " For a DataVec SequenceRecordReaderDataSetIterator, set"
                    + " SequenceLabels.lastStep() as the source iterator's pre-processor: it gives each sequence"
                    + " the label of its last labelled step." : ""));
        }
        if (features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException(where + " has " + features.size(0) + " feature rows but "
                    + labels.size(0) + " label rows; they must match.");
        }
    }

    /**
     * A cheap fingerprint of each example's features (the hash of its values as floats): 4 bytes an example, so a
     * streamed source that reorders examples with the same labels is caught.
     */
    static int[] fingerprints(INDArray features) {
        int rows = (int) features.size(0);
        float[] values = OffHeap.toFloats(features.reshape('c', rows, -1));
        int width = rows == 0 ? 0 : values.length / rows;
        int[] prints = new int[rows];
        for (int r = 0; r < rows; r++) {
            int h = 1;
            for (int j = r * width; j < (r + 1) * width; j++) {
                h = 31 * h + Float.floatToIntBits(values[j]);
            }
            prints[r] = h;
        }
        return prints;
    }

    /** Class index of every row of a one-hot label matrix; the first id is {@code firstId}. */
    static int[] labelIndices(INDArray labels, int firstId) {
        return OneHot.classIndices(labels, r -> (long) firstId + r);
    }

    /**
     * The examples whose labels-mask row is all zeros (they add no loss in DL4J), or null when there is no mask.
     *
     * @throws IllegalArgumentException if a mask value is not 0 or 1, or the mask has a row per time step
     */
    static BitSet maskedRows(INDArray labelsMask, int firstId) {
        if (labelsMask == null) {
            return null;
        }
        if (labelsMask.rank() != 2) {
            throw new IllegalArgumentException("The labels mask has shape " + Arrays.toString(labelsMask.shape())
                    + "; for 2-d labels it must be [examples, 1] or [examples, classes].");
        }
        int rows = (int) labelsMask.size(0);
        float[] values = OffHeap.toFloats(labelsMask);
        int width = rows == 0 ? 0 : values.length / rows;
        BitSet masked = new BitSet();
        for (int r = 0; r < rows; r++) {
            boolean allZero = true;
            for (int j = r * width; j < (r + 1) * width; j++) {
                float v = values[j];
                if (v != 0f && v != 1f) {
                    throw new IllegalArgumentException("The labels mask of example " + (firstId + r) + " holds " + v
                            + "; DataPrune4J reads 0/1 masks only (0 = the example adds no loss). DL4J multiplies the"
                            + " logits by the mask too, so other values are not loss weights.");
                }
                allZero &= v == 0f;
            }
            if (allZero) {
                masked.set(firstId + r);
            }
        }
        return masked;
    }

    static INDArray flatten(INDArray array) {
        if (array == null) {
            return null;
        }
        INDArray c = array.ordering() == 'c' ? array : array.dup('c');
        return c.rank() == 2 ? c : c.reshape('c', c.size(0), c.length() / c.size(0));
    }

    /** The shape of {@code rows} examples of an array shaped like {@code original}. */
    static long[] shapeFor(long[] original, int rows) {
        long[] shape = original.clone();
        shape[0] = rows;
        return shape;
    }
}
