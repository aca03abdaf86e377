package org.dataprune4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OffHeapTest {

    @Test
    void releasesOwnedArraysAndLeavesViewsAndNullsAlone() {
        INDArray a = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray row = a.getRow(1);
        OffHeap.release(row, null);
        assertFalse(a.wasClosed(), "releasing a view must not free its parent");
        assertEquals(10.0, a.sumNumber().doubleValue(), 0.0);
        OffHeap.release(a);
        assertTrue(a.wasClosed());
    }

    @Test
    void copiesValuesOutInRowMajorOrder() {
        INDArray a = Nd4j.create(new double[][] {{1, 2}, {3, 4}}).transpose();
        assertArrayEquals(new float[] {1, 3, 2, 4}, OffHeap.toFloats(a), 0f);
        assertArrayEquals(new double[] {1, 3, 2, 4}, OffHeap.toDoubles(a), 0.0);
        assertFalse(a.wasClosed());
        INDArray f = Nd4j.create(DataType.FLOAT, 2, 2).assign(7);
        assertArrayEquals(new float[] {7, 7, 7, 7}, OffHeap.toFloats(f), 0f);
        assertFalse(f.wasClosed(), "a float array is copied, not released");
    }
}
