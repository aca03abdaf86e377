package org.dataprune4j.internal;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees ND4J off-heap memory as soon as the scoring code is done with an array, instead of waiting for the
 * JVM's garbage collector. Scoring passes allocate outside DL4J's workspaces (e.g. {@code feedForwardToLayer}
 * returns detached copies); with a large heap the collector runs rarely and that garbage piled up to gigabytes in one
 * benchmark process before this was added. Views and workspace-attached arrays are left alone.
 */
public final class OffHeap {
    private OffHeap() {
    }

    /** Releases the given arrays (nulls, views and attached arrays are skipped). */
    public static void release(INDArray... arrays) {
        release(Arrays.asList(arrays));
    }

    /** Releases the given arrays (nulls, views and attached arrays are skipped). */
    public static void release(Iterable<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** The values of {@code a} as floats in row-major order, through a temporary copy that is released. */
    public static float[] toFloats(INDArray a) {
        INDArray cast = a.castTo(DataType.FLOAT);
        INDArray copy = cast.dup('c');
        float[] values = copy.data().asFloat();
        release(copy);
        if (cast != a) {
            release(cast);
        }
        return values;
    }

    /** The values of {@code a} as doubles in row-major order, through a temporary copy that is released. */
    public static double[] toDoubles(INDArray a) {
        INDArray copy = a.dup('c');
        double[] values = copy.data().asDouble();
        release(copy);
        return values;
    }
}
