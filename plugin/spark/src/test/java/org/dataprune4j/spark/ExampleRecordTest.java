package org.dataprune4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.dataprune4j.internal.TrainedModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Records from DataSets and back, their checks, the parallelize warning and the models kept per executor. */
class ExampleRecordTest {

    @Test
    void aMinibatchSplitsIntoRecordsThatGiveBackItsExamples() {
        DataSet batch = SparkTestData.blobs(3, 4, 5, 1);
        List<ExampleRecord> records = ExampleRecord.split(batch, "the batch");
        assertEquals(12, records.size());
        List<DataSet> examples = batch.asList();
        for (int i = 0; i < 12; i++) {
            DataSet back = records.get(i).toDataSet();
            assertEquals(examples.get(i).getFeatures(), back.getFeatures(), "features of " + i);
            assertEquals(examples.get(i).getLabels(), back.getLabels(), "labels of " + i);
            assertEquals(examples.get(i).getLabels().argMax(1).getInt(0), records.get(i).label());
            assertEquals(records.get(i), ExampleRecord.of(examples.get(i)));
        }
        // images keep their shape; double features stay double
        DataSet images = new DataSet(Nd4j.rand(DataType.DOUBLE, 2, 1, 3, 4), Nd4j.create(new double[][] {{0, 1},
            {1, 0}}));
        List<ExampleRecord> two = ExampleRecord.split(images, "images");
        assertArrayEquals(new int[] {1, 3, 4}, two.get(1).featureShape());
        assertTrue(two.get(1).isDouble());
        assertEquals(0, two.get(1).label());
        assertEquals(images.getFeatures().slice(1).reshape(1, 1, 3, 4), two.get(1).toDataSet().getFeatures());
    }

    @Test
    void badExamplesAreRefusedSayingWhat() {
        DataSet batch = SparkTestData.blobs(3, 4, 5, 1);
        batch.getLabels().putScalar(7, 0, 0.5);
        IllegalArgumentException notOneHot = assertThrows(IllegalArgumentException.class,
                () -> ExampleRecord.split(batch, "Minibatch 2"));
        assertTrue(notOneHot.getMessage().startsWith("Minibatch 2, row 7, has labels [0.5, "), notOneHot.getMessage());
        DataSet oneColumn = new DataSet(Nd4j.rand(DataType.FLOAT, 2, 5), Nd4j.create(new float[][] {{0}, {1}}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExampleRecord.split(oneColumn, "Binary"))
                .getMessage().contains("labels of one column: scoring on Spark takes one-hot labels"));
        DataSet masked = SparkTestData.blobs(3, 1, 5, 1);
        masked.setLabelsMaskArray(Nd4j.ones(3, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExampleRecord.split(masked, "it"))
                .getMessage().contains("has a mask"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExampleRecord.of(SparkTestData.blobs(3, 1, 5,
                1))).getMessage().contains("holds 3 examples, not one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExampleRecord.of(new float[6],
                new int[] {2, 2}, 0, 3)).getMessage().contains("holds 4 values, the features 6"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExampleRecord.of(new float[4], 3, 3))
                .getMessage().contains("label 3 is not a class of [0, 3)"));
        // the record keeps its own copy
        float[] values = {1, 2, 3};
        ExampleRecord r = ExampleRecord.of(values, 1, 2);
        values[0] = 9;
        assertEquals(1f, r.toDataSet().getFeatures().getFloat(0, 0));
    }

    @Test
    void examplesParallelizedFromTheDriverAreNamedButIndexRangesAreNot() {
        JavaSparkContext sc = SparkTestData.localSpark();
        try {
            assertTrue(ExampleIds.warnIfParallelized(sc.parallelize(SparkTestData.blobs(2, 3, 4, 1).asList(), 2)
                    .map(d -> d).rdd()));
            assertFalse(ExampleIds.warnIfParallelized(sc.parallelize(List.of(0, 1, 2), 2)
                    .flatMap(i -> SparkTestData.blobs(2, 3, 4, i).asList().iterator()).rdd()));
        } finally {
            sc.stop();
        }
    }

    @Test
    void keyedExamplesHeldOnDiskOrNotCachedAreNamedWithTheFix() {
        JavaSparkContext sc = SparkTestData.localSpark();
        try {
            org.apache.spark.api.java.JavaRDD<Integer> onDisk = sc.parallelize(List.of(1, 2, 3, 4), 2)
                    .persist(org.apache.spark.storage.StorageLevel.DISK_ONLY());
            onDisk.count();
            org.apache.spark.storage.RDDInfo info = java.util.Arrays.stream(sc.sc().getRDDStorageInfo())
                    .filter(r -> r.id() == onDisk.id()).findFirst().orElseThrow();
            String message = CacheCheck.problem(info).orElseThrow();
            assertTrue(message.contains("MB of the keyed examples are on the executors' disks")
                    && message.contains("spark.executor.memory"), message);
            assertTrue(CacheCheck.problem(4, 3, 100 << 20, 0).orElseThrow().startsWith("Only 3 of the keyed examples'"
                    + " 4 partitions are cached"));
            assertFalse(CacheCheck.problem(4, 4, 100 << 20, 0).isPresent());
        } finally {
            sc.stop();
        }
    }

    @Test
    void anExecutorBuildsANetworkOnceAndGivesItEachPassesParameters() {
        JavaSparkContext sc = SparkTestData.localSpark();
        try {
            ExecutorModels.clear();
            MultiLayerNetwork net = SparkTestData.mlp(4, 2, 1);
            INDArray x = Nd4j.rand(DataType.FLOAT, 5, 4);
            ExecutorModels.ModelSource pass1 = ExecutorModels.broadcast(sc, net, 2, "pass-1");
            TrainedModel first = pass1.borrow();
            TrainedModel second = pass1.borrow(); // a task running beside the first gets its own
            assertNotSame(first, second);
            assertEquals(net.output(x, false), first.output(x, null));
            pass1.giveBack(first);
            assertEquals(1, ExecutorModels.idle(pass1));
            assertSame(first, pass1.borrow()); // the next task reuses it
            pass1.giveBack(first);
            pass1.giveBack(second);
            assertEquals(2, ExecutorModels.idle(pass1));
            // the next pass, after training: the same built networks, with the new parameters
            net.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 8, 4), Nd4j.eye(2).repeat(0, 4).reshape(8, 2)));
            ExecutorModels.ModelSource pass2 = ExecutorModels.broadcast(sc, net, 2, "pass-2");
            TrainedModel reused = pass2.borrow();
            assertTrue(reused == first || reused == second, "a built network is reused");
            assertEquals(net.output(x, false), reused.output(x, null));
            pass2.giveBack(reused);
            // another network: its own models
            ExecutorModels.ModelSource other = ExecutorModels.broadcast(sc, SparkTestData.mlp(4, 3, 2), 3, "pass-3");
            TrainedModel otherModel = other.borrow();
            assertEquals(3, otherModel.output(x, null).size(1));
            ExecutorModels.clear();
            assertEquals(0, ExecutorModels.idle(pass1));
        } finally {
            sc.stop();
        }
    }
}
