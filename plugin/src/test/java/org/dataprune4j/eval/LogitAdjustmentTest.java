package org.dataprune4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class LogitAdjustmentTest {

    @Test
    void theRareClassWinsWhereItsOutputIsCloseEnough() {
        // priors 0.9 / 0.1: at tau 1 class 1 wins when p1 / p0 > 1/9, i.e. p1 > 0.1
        LogitAdjustment adjust = LogitAdjustment.of(new int[] {900, 100});
        assertArrayEquals(new int[] {0, 1, 1}, adjust.predict(Nd4j.create(new float[][] {{0.95f, 0.05f},
            {0.85f, 0.15f}, {0.3f, 0.7f}})));
        assertArrayEquals(new int[] {0, 1, 1}, adjust.predict(Nd4j.create(new float[][] {{0.05f}, {0.15f}, {0.7f}})),
                "one sigmoid column, the same decisions");
        assertArrayEquals(new int[] {0, 0, 1}, LogitAdjustment.of(new int[] {900, 100}, 0).predict(
                Nd4j.create(new float[][] {{0.95f, 0.05f}, {0.85f, 0.15f}, {0.3f, 0.7f}})), "tau 0: the largest output");
        assertArrayEquals(new int[] {1, 2}, LogitAdjustment.of(new int[] {10, 10, 10}).predict(
                Nd4j.create(new float[][] {{0.2f, 0.5f, 0.3f}, {0.1f, 0.2f, 0.7f}})), "equal priors change nothing");
    }

    @Test
    void theAccuracyOfAModelIsCountedOnAdjustedPredictions() {
        DataSet test = TestData.blobs(3, 50, 4, 5);
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.fit(TestData.blobs(3, 50, 4, 6));
        ClassAccuracy plain = ClassAccuracy.of(net, test, 40);
        ClassAccuracy same = LogitAdjustment.of(new int[] {5, 5, 5}).accuracy(net, test, 40);
        assertArrayEquals(plain.perClass(), same.perClass(), 1e-12, "equal priors: the plain accuracy");
        ClassAccuracy skewed = LogitAdjustment.of(new int[] {1, 1, 1000}).accuracy(net, test, 40);
        assertTrue(skewed.perClass()[2] < plain.perClass()[2] && skewed.perClass()[0] >= plain.perClass()[0],
                () -> "a common class is predicted less often: " + plain + " then " + skewed);
    }

    @Test
    void theClassesARunTrainedOnGiveTheSameAdjustmentAsClassSizes() {
        INDArray outputs = Nd4j.create(new float[][] {{0.95f, 0.05f}, {0.85f, 0.15f}, {0.3f, 0.7f}});
        assertArrayEquals(LogitAdjustment.of(new int[] {900, 100}).predict(outputs),
                LogitAdjustment.ofTrained(List.of(9_000_000_000L, 1_000_000_000L)).predict(outputs),
                "shares, not counts, decide; counts past int's range are fine");
        assertArrayEquals(new int[] {0, 0, 1}, LogitAdjustment.ofTrained(List.of(900L, 100L), 0).predict(outputs));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogitAdjustment.ofTrained(List.of()))
                .getMessage().contains("LogitAdjustment.of(report.totalPerClass())"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogitAdjustment.ofTrained(List.of(5L, 0L)))
                .getMessage().contains("Class 1 has 0 examples trained"));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogitAdjustment.of(new int[] {5}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogitAdjustment.of(new int[] {5, 0}))
                .getMessage().contains("Class 1 has 0 training examples"));
        assertThrows(IllegalArgumentException.class, () -> LogitAdjustment.of(new int[] {5, 5}, -1));
        assertThrows(IllegalArgumentException.class, () -> LogitAdjustment.of(new int[] {5, 5}, Double.NaN));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogitAdjustment.of(new int[] {5, 5, 5})
                .predict(Nd4j.create(new float[][] {{0.5f, 0.5f}}))).getMessage().contains("made for 3"));
        assertEquals(3, LogitAdjustment.of(new int[] {5, 5, 5}).numClasses());
    }
}
