package org.dataprune4j.benchmarks.budget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class WorkloadTest {
    @Test
    void anImageBecomesTheSequenceOfItsRows() {
        INDArray pixels = Nd4j.arange(2 * 784).castTo(DataType.FLOAT).reshape(2, 784); // image i: i * 784 + r * 28 + c
        DataSet rows = Workload.asRows(new DataSet(pixels, Nd4j.create(new float[][] {{1, 0}, {0, 1}})));
        assertArrayEquals(new long[] {2, 28, 28}, rows.getFeatures().shape(), "[examples, pixels a row, rows]");
        for (int r : new int[] {0, 5, 27}) {
            for (int c : new int[] {0, 13, 27}) {
                assertEquals(784 + r * 28 + c, rows.getFeatures().getDouble(1, c, r), 0.0, "row " + r + " col " + c);
            }
        }
        assertEquals(784 + 30, pixels.getDouble(1, 30), 0.0, "the images are left as they were");
    }

    @Test
    void oneClassAgainstTheRestIsOneLabelColumn() {
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, 3, 4), Nd4j.create(new float[][] {{1, 0, 0}, {0, 0, 1},
            {0, 1, 0}}));
        DataSet binary = Workload.oneVsRest(data, 2);
        assertArrayEquals(new long[] {3, 1}, binary.getLabels().shape());
        assertArrayEquals(new float[] {0, 1, 0}, binary.getLabels().toFloatVector());
        assertEquals(data.getFeatures(), binary.getFeatures());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Workload.oneVsRest(data, 3));
    }
}
