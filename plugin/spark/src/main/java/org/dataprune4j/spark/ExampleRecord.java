package org.dataprune4j.spark;

import static org.dataprune4j.internal.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One classification example as plain Java arrays: its features (float or double, row-major, without the batch
 * dimension), their shape, and its class. The unit the keyed RDD holds ({@link ExampleIds}): it lives on the Java
 * heap, so Spark's cache counts its memory and Kryo writes it in one copy, and a scoring pass builds each batch from
 * records with one array copy per example. A {@code DataSet} per example would hold two off-heap arrays, which Spark
 * cannot see in its memory accounting and which cost several ND4J calls each to batch.
 *
 * <p>Immutable (the arrays are copied in and never handed out).
 */
public final class ExampleRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private final float[] floats;
    private final double[] doubles;
    private final int[] shape;
    private final int label;
    private final int numClasses;

    private ExampleRecord(float[] floats, double[] doubles, int[] shape, int label, int numClasses) {
        this.floats = floats;
        this.doubles = doubles;
        this.shape = shape;
        this.label = label;
        this.numClasses = numClasses;
    }

    /**
     * An example with flat float features ({@code [features.length]}, as a dense layer takes them).
     *
     * @throws IllegalArgumentException if the label is not in {@code [0, numClasses)} or there are no features
     */
    public static ExampleRecord of(float[] features, int label, int numClasses) {
        requireNonNull(features, "features");
        return of(features, new int[] {features.length}, label, numClasses);
    }

    /**
     * An example with float features of the given shape (without the batch dimension: {@code {1, 28, 28}} for a
     * one-channel 28x28 image in DL4J's channels-first layout).
     *
     * @throws IllegalArgumentException if the shape does not hold {@code features.length} values or the label is
     *     not in {@code [0, numClasses)}
     */
    public static ExampleRecord of(float[] features, int[] shape, int label, int numClasses) {
        requireNonNull(features, "features");
        int[] s = checkShape(shape, features.length);
        checkLabel(label, numClasses);
        return new ExampleRecord(features.clone(), null, s, label, numClasses);
    }

    /**
     * The one example of {@code example}, which must hold exactly one example with one-hot labels {@code [1, classes]}
     * and no masks. Float features stay float, double stay double; other types become float.
     *
     * @throws IllegalArgumentException naming what is wrong otherwise
     */
    public static ExampleRecord of(DataSet example) {
        List<ExampleRecord> one = split(example, "The example");
        checkArgument(one.size() == 1, "The DataSet holds %s examples, not one: split a minibatch with"
                + " ExampleIds.of(rdd)", one.size());
        return one.get(0);
    }

    /**
     * The examples of a minibatch, in order, with one bulk copy of its features and labels; its messages name the
     * batch as {@code what}.
     *
     * @throws IllegalArgumentException if it has no features or labels, a mask, labels that are not one-hot rows
     */
    static List<ExampleRecord> split(DataSet batch, String what) {
        if (batch == null || batch.getFeatures() == null || batch.getLabels() == null) {
            throw new IllegalArgumentException(what + " has no features or no labels.");
        }
        if (batch.getLabelsMaskArray() != null || batch.getFeaturesMaskArray() != null) {
            throw new IllegalArgumentException(what + " has a mask; scoring on Spark takes unmasked examples. Drop"
                    + " fully masked examples before keying, or prune on one machine, where masked examples are kept"
                    + " out of the ranking.");
        }
        INDArray features = batch.getFeatures();
        INDArray labels = batch.getLabels();
        if (labels.rank() != 2 || labels.size(0) != features.size(0)) {
            throw new IllegalArgumentException(what + " has labels of shape " + Arrays.toString(labels.shape())
                    + " for features of shape " + Arrays.toString(features.shape()) + "; scoring on Spark takes"
                    + " classification labels [examples, classes] (one-hot).");
        }
        int n = Math.toIntExact(features.size(0));
        int[] shape = new int[features.rank() - 1];
        for (int d = 1; d < features.rank(); d++) {
            shape[d - 1] = Math.toIntExact(features.size(d));
        }
        int per = Math.toIntExact(features.length() / Math.max(1, n));
        checkShape(shape, per);
        int numClasses = Math.toIntExact(labels.size(1));
        checkArgument(numClasses >= 2, "%s has labels of one column: scoring on Spark takes one-hot labels of at"
                + " least 2 columns for now. Encode the two classes as one-hot rows for a softmax output of nOut(2),"
                + " or prune on one machine with PruningListener, which takes one binary column and a sigmoid"
                + " output.", what);
        double[] y = labels.dup('c').data().asDouble();
        boolean dbl = features.dataType() == DataType.DOUBLE;
        float[] fAll = dbl ? null : features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        double[] dAll = dbl ? features.dup('c').data().asDouble() : null;
        List<ExampleRecord> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            double[] row = Arrays.copyOfRange(y, r * numClasses, (r + 1) * numClasses);
            int label = oneHotClass(row);
            if (label < 0) {
                throw new IllegalArgumentException(what + (n > 1 ? ", row " + r + "," : "") + " has labels "
                        + Arrays.toString(row) + ", not one-hot: each example needs exactly one 1 and zeros"
                        + " elsewhere.");
            }
            out.add(new ExampleRecord(dbl ? null : Arrays.copyOfRange(fAll, r * per, (r + 1) * per),
                    dbl ? Arrays.copyOfRange(dAll, r * per, (r + 1) * per) : null, shape, label, numClasses));
        }
        return out;
    }

    /** The class of a one-hot row, or -1 if it is not one-hot. */
    static int oneHotClass(double[] row) {
        int label = -1;
        for (int c = 0; c < row.length; c++) {
            if (row[c] == 1 && label < 0) {
                label = c;
            } else if (row[c] != 0) {
                return -1;
            }
        }
        return label;
    }

    private static int[] checkShape(int[] shape, int length) {
        requireNonNull(shape, "shape");
        checkArgument(length > 0, "an example needs at least one feature");
        long n = 1;
        for (int s : shape) {
            checkArgument(s >= 1, "shape %s has a dimension below 1", Arrays.toString(shape));
            n *= s;
        }
        checkArgument(n == length, "shape %s holds %s values, the features %s", Arrays.toString(shape), n, length);
        return shape.clone();
    }

    private static void checkLabel(int label, int numClasses) {
        checkArgument(numClasses >= 2, "a classification needs at least 2 classes, got %s", numClasses);
        checkArgument(label >= 0 && label < numClasses, "label %s is not a class of [0, %s)", label, numClasses);
    }

    /** The class index. */
    public int label() {
        return label;
    }

    /** The number of classes. */
    public int numClasses() {
        return numClasses;
    }

    /** The features' shape without the batch dimension (a copy). */
    public int[] featureShape() {
        return shape.clone();
    }

    /** The number of feature values. */
    public int numFeatures() {
        return floats != null ? floats.length : doubles.length;
    }

    /** Whether the features are doubles (else floats). */
    public boolean isDouble() {
        return doubles != null;
    }

    /** This example as a DataSet: features {@code [1, shape...]} in its own type, one-hot labels {@code [1, classes]}. */
    public DataSet toDataSet() {
        INDArray x = BatchBuilder.array(floats != null ? floats : doubles, numFeatures(),
                BatchBuilder.batchShape(1, shape));
        float[] y = new float[numClasses];
        y[label] = 1;
        return new DataSet(x, BatchBuilder.array(y, numClasses, new long[] {1, numClasses}));
    }

    /** What every example of a batch shares with this one: its feature shape and type and its classes. */
    Layout layout() {
        return new Layout(shape.clone(), doubles != null, numClasses);
    }

    /**
     * The shape and type of the features and the number of classes, without the values: what a task needs to know of
     * the first example (so that no example travels inside a task).
     */
    record Layout(int[] shape, boolean isDouble, int numClasses) implements Serializable {
        /** Whether {@code record} can share a batch with examples of this layout. */
        boolean matches(ExampleRecord record) {
            return record.numClasses == numClasses && (record.doubles != null) == isDouble
                    && Arrays.equals(record.shape, shape);
        }

        int numFeatures() {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }

        @Override
        public String toString() {
            return "features " + Arrays.toString(shape) + (isDouble ? " double" : " float") + ", " + numClasses
                    + " classes";
        }
    }

    /**
     * Writes the features into off-heap memory at element {@code offset} of {@code target}, a {@code FloatPointer}
     * or {@code DoublePointer} of this record's type (whose position this moves).
     */
    void putFeatures(Pointer target, long offset) {
        if (floats != null) {
            ((FloatPointer) target).position(offset).put(floats, 0, floats.length);
        } else {
            ((DoublePointer) target).position(offset).put(doubles, 0, doubles.length);
        }
    }

    /** Copies the features into row {@code row} of a batch array of this record's type. */
    void copyFeaturesTo(Object batch, int row) {
        if (floats != null) {
            System.arraycopy(floats, 0, (float[]) batch, row * floats.length, floats.length);
        } else {
            System.arraycopy(doubles, 0, (double[]) batch, row * doubles.length, doubles.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExampleRecord r && r.label == label && r.numClasses == numClasses
                && Arrays.equals(r.shape, shape) && Arrays.equals(r.floats, floats)
                && Arrays.equals(r.doubles, doubles);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * label + Arrays.hashCode(shape)) + (floats != null ? Arrays.hashCode(floats)
                : Arrays.hashCode(doubles));
    }

    @Override
    public String toString() {
        return "ExampleRecord[class " + label + " of " + numClasses + ", features " + Arrays.toString(shape)
                + (doubles != null ? " double" : " float") + "]";
    }
}
