package org.dataprune4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

class ClassAccuracyTest {

    @Test
    void perClassWorstAndBalancedFromCounts() {
        // class 0: 3 of 4 right, class 1: 1 of 2, class 2: no test example
        ClassAccuracy a = ClassAccuracy.of(new int[] {0, 0, 0, 0, 1, 1}, new int[] {0, 0, 0, 1, 1, 0}, 3);
        assertEquals(4.0 / 6, a.overall(), 1e-12);
        assertEquals(0.5, a.worst(), 1e-12);
        assertEquals(1, a.worstClass());
        assertEquals((0.75 + 0.5) / 2, a.balanced(), 1e-12);
        assertTrue(Double.isNaN(a.of(2)));
        assertArrayEquals(new int[] {4, 2, 0}, a.counts());
        assertThrows(IllegalArgumentException.class, () -> ClassAccuracy.of(new int[] {0}, new int[] {3}, 3));
        assertThrows(IllegalArgumentException.class, () -> ClassAccuracy.of(new int[] {0}, new int[] {0, 1}, 3));
    }

    private static final DataSet DATA = TestData.blobs(3, 40, 4, 7);

    /** A small network trained on {@link #DATA} for {@code epochs} full-batch epochs. */
    private static MultiLayerNetwork trained(int epochs) {
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        for (int e = 0; e < epochs; e++) {
            net.fit(DATA);
        }
        return net;
    }

    /** From a trained model, the overall figure equals DL4J's own Evaluation accuracy. */
    @Test
    void aModelsPerClassAccuracyAgreesWithDl4jsEvaluation() {
        DataSet data = DATA;
        MultiLayerNetwork net = trained(5);
        ClassAccuracy a = ClassAccuracy.of(net, data, 25);
        assertEquals(net.evaluate(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                data.asList(), 120)).accuracy(), a.overall(), 1e-12);
        assertEquals(120, java.util.Arrays.stream(a.counts()).sum());
        assertTrue(a.worst() <= a.balanced() && a.balanced() <= 1);
    }

    @Test
    void aTestIteratorAndADl4jEvaluationGiveTheSameCountsAsTheDataSet() {
        DataSet data = DATA;
        MultiLayerNetwork net = trained(3);
        ClassAccuracy fromData = ClassAccuracy.of(net, data, 25);
        ListDataSetIterator<DataSet> iterator = new ListDataSetIterator<>(data.asList(), 32);
        iterator.next(); // part used: the iterator is reset first
        assertEquals(fromData, ClassAccuracy.of(net, iterator));
        assertEquals(fromData, ClassAccuracy.of(net.evaluate(iterator)));
        assertTrue(fromData.worst() < 1, "a model that gets some wrong, so the counts mean something: " + fromData);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassAccuracy.of(net, new ListDataSetIterator<>(java.util.List.<DataSet>of(), 8)));
        assertTrue(e.getMessage().contains("yielded no examples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassAccuracy.of(new Evaluation(3)));
        assertTrue(e.getMessage().contains("counted no example"), e.getMessage());
    }
}
