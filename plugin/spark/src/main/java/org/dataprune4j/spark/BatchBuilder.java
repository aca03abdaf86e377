package org.dataprune4j.spark;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/**
 * Builds a scoring batch's features from records: each record's values copied into one reused Java array, then one
 * bulk copy into a new ND4J array. ({@code Nd4j.create(float[], shape)} writes its buffer value by value, which took
 * about three microseconds an example at 784 values, as long as the forward pass of a small MLP.)
 */
final class BatchBuilder {
    private final ExampleRecord.Layout layout;
    private final int per;
    private float[] floats;
    private double[] doubles;

    BatchBuilder(ExampleRecord.Layout layout) {
        this.layout = layout;
        this.per = layout.numFeatures();
    }

    /** The features of records {@code from} to {@code to - 1} as one array {@code [to - from, shape...]}. */
    INDArray features(List<Tuple2<Long, ExampleRecord>> records, int from, int to) {
        int rows = to - from;
        int length = rows * per;
        Object values;
        if (layout.isDouble()) {
            if (doubles == null || doubles.length < length) {
                doubles = new double[length];
            }
            values = doubles;
        } else {
            if (floats == null || floats.length < length) {
                floats = new float[length];
            }
            values = floats;
        }
        for (int i = from; i < to; i++) {
            records.get(i)._2().copyFeaturesTo(values, i - from);
        }
        return array(values, length, batchShape(rows, layout.shape()));
    }

    /** {@code {rows, shape...}}: an example's shape with a batch dimension in front. */
    static long[] batchShape(int rows, int[] shape) {
        long[] batchShape = new long[shape.length + 1];
        batchShape[0] = rows;
        for (int d = 0; d < shape.length; d++) {
            batchShape[d + 1] = shape[d];
        }
        return batchShape;
    }

    /**
     * An ND4J array of the given shape holding the first {@code length} values of a {@code float[]} (a FLOAT array) or
     * a {@code double[]} (a DOUBLE array), written with one bulk copy.
     */
    static INDArray array(Object values, int length, long[] shape) {
        boolean dbl = values instanceof double[];
        INDArray x = Nd4j.createUninitialized(dbl ? DataType.DOUBLE : DataType.FLOAT, shape, 'c');
        Pointer target = x.data().pointer();
        boolean plain = x.data().offset() == 0 && target != null && target.position() == 0;
        if (plain && !dbl && target instanceof FloatPointer p) {
            p.put((float[]) values, 0, length);
        } else if (plain && dbl && target instanceof DoublePointer p) {
            p.put((double[]) values, 0, length);
        } else {
            // another backend's buffer: let ND4J copy
            return dbl ? Nd4j.create(Arrays.copyOf((double[]) values, length), shape, 'c')
                    : Nd4j.create(Arrays.copyOf((float[]) values, length), shape, 'c');
        }
        // written on the host: a GPU backend copies it to the device when it is used
        Nd4j.getAffinityManager().tagLocation(x, AffinityManager.Location.HOST);
        return x;
    }
}
