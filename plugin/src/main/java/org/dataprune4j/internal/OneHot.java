package org.dataprune4j.internal;

import java.util.Arrays;
import java.util.function.IntToLongFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads class indices from one-hot label rows, rejecting anything else with a message that says what to do.
 */
public final class OneHot {
    private OneHot() {
    }

    /**
     * The class index of every row of a one-hot label matrix.
     *
     * @param labels {@code [rows, classes]} one-hot labels
     * @param idOfRow the example id of each row, for error messages
     * @throws IllegalArgumentException if a row is not one-hot
     */
    public static int[] classIndices(INDArray labels, IntToLongFunction idOfRow) {
        int rows = (int) labels.size(0);
        int classes = (int) labels.size(1);
        double[] flat = flatten(labels);
        int[] out = new int[rows];
        double[] row = new double[classes];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * classes, row, 0, classes);
            out[r] = classOf(row, idOfRow.applyAsLong(r));
        }
        return out;
    }

    /**
     * The values of a matrix, row after row. Much faster than {@code INDArray.toDoubleMatrix()} for the small
     * batch-sized arrays the scorers read.
     */
    public static double[] flatten(INDArray matrix) {
        return OffHeap.toDoubles(matrix);
    }

    /**
     * The class index of a one-hot row.
     *
     * @param row the label row
     * @param id the example id, for the error message
     * @return the index of the single 1
     * @throws IllegalArgumentException if the row is not exactly one 1 and zeros elsewhere
     */
    public static int classOf(double[] row, long id) {
        int hot = -1;
        for (int c = 0; c < row.length; c++) {
            double v = row[c];
            if (v == 1.0 && hot < 0) {
                hot = c;
            } else if (v != 0.0) {
                hot = -2;
                break;
            }
        }
        if (hot < 0) {
            String shown = row.length <= 20 ? Arrays.toString(row) : "(" + row.length + " values)";
            throw new IllegalArgumentException("Labels must be one-hot class vectors, but example " + id
                    + " has label " + shown + ". DataPrune4J's scores and class-balanced rules need one class"
                    + " per example: encode labels as one-hot (e.g. a DataSetIterator with numClasses set);"
                    + " soft, smoothed or multi-label targets are not supported.");
        }
        return hot;
    }
}
