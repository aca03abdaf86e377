package org.dataprune4j.internal;

import java.util.Arrays;
import java.util.function.IntToLongFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reads class indices from one-hot label rows, rejecting anything else with a message that says what to do, and
 * builds one-hot rows back from class indices.
 *
 * <p>A single label column is a binary class, 0 or 1 (a one-output sigmoid network trained with binary
 * cross-entropy): its class index is the value, and such data has {@link #classCount two classes}.
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
        int[] out = new int[rows];
        double[] row = new double[classes];
        // Read in blocks of about 1M values, so a large label matrix never needs a heap copy of itself.
        int block = Math.max(1, Math.min(rows, (1 << 20) / Math.max(1, classes)));
        for (int from = 0; from < rows; from += block) {
            int to = Math.min(rows, from + block);
            double[] flat = flatten(rows(labels, from, to));
            for (int r = from; r < to; r++) {
                System.arraycopy(flat, (r - from) * classes, row, 0, classes);
                out[r] = classOf(row, idOfRow.applyAsLong(r));
            }
        }
        return out;
    }

    /**
     * The number of classes that labels of this width hold: the width, or 2 for a single binary column.
     *
     * @param labelWidth the labels' columns ({@code DataSetIterator.totalOutcomes()})
     */
    public static int classCount(long labelWidth) {
        return labelWidth == 1 ? 2 : Math.toIntExact(labelWidth);
    }

    /**
     * The class of each row of outputs or labels: its largest column, or for a single column (one sigmoid output,
     * binary labels) 1 where the value exceeds 0.5, as DL4J's {@code Evaluation} decides binary predictions.
     *
     * @param rows {@code [rows, columns]}
     */
    public static int[] largestClass(INDArray rows) {
        if (rows.size(1) == 1) {
            double[] v = flatten(rows);
            int[] out = new int[v.length];
            for (int r = 0; r < v.length; r++) {
                out[r] = v[r] > 0.5 ? 1 : 0;
            }
            return out;
        }
        INDArray max = rows.argMax(1);
        int[] out = max.toIntVector();
        OffHeap.release(max);
        return out;
    }

    private static INDArray rows(INDArray labels, int from, int to) {
        return from == 0 && to == labels.size(0) ? labels
                : labels.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /**
     * One-hot rows for the given examples.
     *
     * @param classIndices the class index of every example, by id
     * @param ids the examples, in row order
     * @param classes number of columns: the classes, or 1 for a binary column holding the class index (0 or 1)
     * @param type the data type of the rows
     */
    public static INDArray encode(int[] classIndices, int[] ids, int classes, DataType type) {
        float[] values = new float[ids.length * classes];
        for (int r = 0; r < ids.length; r++) {
            if (classes == 1) {
                values[r] = classIndices[ids[r]];
            } else {
                values[r * classes + classIndices[ids[r]]] = 1f;
            }
        }
        INDArray rows = Nd4j.create(values, new long[] {ids.length, classes}, 'c');
        if (type == DataType.FLOAT) {
            return rows;
        }
        INDArray cast = rows.castTo(type);
        OffHeap.release(rows);
        return cast;
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
     * @return the index of the single 1; for a row of one column, its value (0 or 1)
     * @throws IllegalArgumentException if the row is not exactly one 1 and zeros elsewhere, or a single column
     *         holds anything but 0 or 1
     */
    public static int classOf(double[] row, long id) {
        if (row.length == 1) {
            if (row[0] == 0.0 || row[0] == 1.0) {
                return (int) row[0];
            }
            throw new IllegalArgumentException("A single label column is read as a binary class, 0 or 1 (a"
                    + " one-output sigmoid network trained with binary cross-entropy), but example " + id
                    + " has label " + row[0] + ". Give binary labels of 0 and 1; soft or smoothed targets and"
                    + " regression are not supported.");
        }
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
