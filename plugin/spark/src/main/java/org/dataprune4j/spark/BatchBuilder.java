package org.dataprune4j.spark;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.dataprune4j.internal.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/**
 * Builds a scoring task's batches of features from records: each record's values written straight into one off-heap
 * array, which is reused for every batch of the same size (one allocation a task instead of one a batch).
 * ({@code Nd4j.create(float[], shape)} writes its buffer value by value, which took about three microseconds an
 * example at 784 values, as long as the forward pass of a small MLP.) Not thread-safe: one per task.
 */
final class BatchBuilder implements AutoCloseable {
    private final ExampleRecord.Layout layout;
    private final int per;
    private INDArray batch;
    private Pointer writer;
    private Object heapCopy;

    BatchBuilder(ExampleRecord.Layout layout) {
        this.layout = layout;
        this.per = layout.numFeatures();
    }

    /**
     * The features of records {@code from} to {@code to - 1} as one array {@code [to - from, shape...]}. The array
     * belongs to this builder: the next call overwrites or releases it, and {@link #close} releases it.
     */
    INDArray features(List<Tuple2<Long, ExampleRecord>> records, int from, int to) {
        int rows = to - from;
        if (batch == null || batch.size(0) != rows) {
            close();
            batch = Nd4j.createUninitialized(layout.isDouble() ? DataType.DOUBLE : DataType.FLOAT,
                    batchShape(rows, layout.shape()), 'c');
            writer = writer(batch, layout.isDouble());
        }
        if (writer != null) {
            for (int i = from; i < to; i++) {
                records.get(i)._2().putFeatures(writer, (long) (i - from) * per);
            }
            // written on the host: a GPU backend copies it to the device when it is used
            Nd4j.getAffinityManager().tagLocation(batch, AffinityManager.Location.HOST);
        } else {
            // another backend's buffer: copy through a Java array and let ND4J write it
            int length = rows * per;
            if (heapCopy == null || java.lang.reflect.Array.getLength(heapCopy) < length) {
                heapCopy = layout.isDouble() ? new double[length] : new float[length];
            }
            for (int i = from; i < to; i++) {
                records.get(i)._2().copyFeaturesTo(heapCopy, i - from);
            }
            INDArray values = array(heapCopy, length, batch.shape());
            batch.assign(values);
            OffHeap.release(values);
        }
        return batch;
    }

    /** Releases the batch array. */
    @Override
    public void close() {
        if (batch != null) {
            OffHeap.release(batch);
            batch = null;
            writer = null;
        }
    }

    /**
     * A pointer of its own (movable without touching ND4J's) onto a plain host buffer of {@code x}, or null when the
     * backend's buffer is not one.
     */
    private static Pointer writer(INDArray x, boolean dbl) {
        Pointer target = x.data().pointer();
        if (x.data().offset() != 0 || target == null || target.position() != 0) {
            return null;
        }
        if (!dbl && target instanceof FloatPointer p) {
            return new FloatPointer(p);
        }
        if (dbl && target instanceof DoublePointer p) {
            return new DoublePointer(p);
        }
        return null;
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
        Pointer target = writer(x, dbl);
        if (target instanceof FloatPointer p) {
            p.put((float[]) values, 0, length);
        } else if (target instanceof DoublePointer p) {
            p.put((double[]) values, 0, length);
        } else {
            OffHeap.release(x);
            // another backend's buffer: let ND4J copy
            return dbl ? Nd4j.create(Arrays.copyOf((double[]) values, length), shape, 'c')
                    : Nd4j.create(Arrays.copyOf((float[]) values, length), shape, 'c');
        }
        // written on the host: a GPU backend copies it to the device when it is used
        Nd4j.getAffinityManager().tagLocation(x, AffinityManager.Location.HOST);
        return x;
    }
}
