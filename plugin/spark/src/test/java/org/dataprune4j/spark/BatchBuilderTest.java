package org.dataprune4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.Tuple2;

/** Batches written from records: the values, shape and type of the examples, and the array reused per batch size. */
class BatchBuilderTest {

    @Test
    void batchesHoldTheRecordsInOrderAndReuseTheArrayForBatchesOfOneSize() {
        // 5 float images of shape [2, 3, 4]: batches of 2, 2 and 1
        INDArray images = Nd4j.rand(DataType.FLOAT, 5, 2, 3, 4);
        List<Tuple2<Long, ExampleRecord>> records = records(new DataSet(images, oneHot(5)));
        try (BatchBuilder builder = new BatchBuilder(records.get(0)._2().layout())) {
            INDArray first = builder.features(records, 0, 2);
            assertArrayEquals(new long[] {2, 2, 3, 4}, first.shape());
            assertEquals(DataType.FLOAT, first.dataType());
            assertEquals(images.get(interval(0, 2)), first);
            INDArray second = builder.features(records, 2, 4);
            assertSame(first, second, "a batch of the same size reuses the array");
            assertEquals(images.get(interval(2, 4)), second);
            INDArray last = builder.features(records, 4, 5);
            assertArrayEquals(new long[] {1, 2, 3, 4}, last.shape());
            assertEquals(images.get(interval(4, 5)), last);
        }
    }

    @Test
    void doubleFeaturesStayDouble() {
        INDArray features = Nd4j.rand(DataType.DOUBLE, 3, 7);
        List<Tuple2<Long, ExampleRecord>> records = records(new DataSet(features, oneHot(3)));
        try (BatchBuilder builder = new BatchBuilder(records.get(0)._2().layout())) {
            INDArray batch = builder.features(records, 1, 3);
            assertEquals(DataType.DOUBLE, batch.dataType());
            assertEquals(features.get(interval(1, 3)), batch);
        }
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex interval(int from, int to) {
        return org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to);
    }

    private static INDArray oneHot(int rows) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 3);
        for (int r = 0; r < rows; r++) {
            y.putScalar(r, r % 3, 1);
        }
        return y;
    }

    private static List<Tuple2<Long, ExampleRecord>> records(DataSet data) {
        List<Tuple2<Long, ExampleRecord>> out = new ArrayList<>();
        for (ExampleRecord r : ExampleRecord.split(data, "test data")) {
            out.add(new Tuple2<>((long) out.size(), r));
        }
        return out;
    }
}
