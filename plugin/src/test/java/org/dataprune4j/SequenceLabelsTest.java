package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class SequenceLabelsTest {
    /** Labels [2 examples, 3 classes, 4 steps]: example 0 class 2, example 1 class 0, at the steps given. */
    private static INDArray labels(int[] stepsOf0, int[] stepsOf1) {
        INDArray l = Nd4j.zeros(DataType.FLOAT, 2, 3, 4);
        for (int t : stepsOf0) {
            l.putScalar(new int[] {0, 2, t}, 1);
        }
        for (int t : stepsOf1) {
            l.putScalar(new int[] {1, 0, t}, 1);
        }
        return l;
    }

    @Test
    void dataVecsAlignEndLabelsBecomeOneLabelPerSequence() {
        // ALIGN_END with one label line per sequence: the label and a mask 1 at the last step only
        INDArray mask = Nd4j.create(new float[][] {{0, 0, 0, 1}, {0, 0, 0, 1}});
        DataSet d = new DataSet(Nd4j.rand(DataType.FLOAT, 2, 5, 4), labels(new int[] {3}, new int[] {3}), null, mask);
        SequenceLabels.lastStep().preProcess(d);
        assertEquals(Nd4j.create(new float[][] {{0, 0, 1}, {1, 0, 0}}), d.getLabels());
        assertNull(d.getLabelsMaskArray());
    }

    @Test
    void aLabelRepeatedAtEveryRealStepGivesThatLabel() {
        // ALIGN_START, lengths 2 and 4, the class repeated at every step; the padding's labels are zeros, masked
        INDArray mask = Nd4j.create(new float[][] {{1, 1, 0, 0}, {1, 1, 1, 1}});
        DataSet d = new DataSet(Nd4j.rand(DataType.FLOAT, 2, 5, 4), labels(new int[] {0, 1}, new int[] {0, 1, 2, 3}),
                null, mask);
        SequenceLabels.lastStep().preProcess(d);
        assertEquals(Nd4j.create(new float[][] {{0, 0, 1}, {1, 0, 0}}), d.getLabels());
        // no mask: every step is labelled
        DataSet full = new DataSet(Nd4j.rand(DataType.FLOAT, 2, 5, 4), labels(new int[] {0, 1, 2, 3},
                new int[] {0, 1, 2, 3}));
        SequenceLabels.lastStep().preProcess(full);
        assertEquals(Nd4j.create(new float[][] {{0, 0, 1}, {1, 0, 0}}), full.getLabels());
    }

    @Test
    void labelsThatChangeOverTimeOrAreAllMaskedAreRejectedWithWhatToDo() {
        INDArray changing = labels(new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3});
        changing.putScalar(new int[] {1, 0, 3}, 0);
        changing.putScalar(new int[] {1, 1, 3}, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SequenceLabels.lastStep()
                .preProcess(new DataSet(Nd4j.rand(DataType.FLOAT, 2, 5, 4), changing)));
        assertTrue(e.getMessage().contains("Sequence 1 of this batch is labelled [1.0, 0.0, 0.0] at step 2 and"
                + " [0.0, 1.0, 0.0] at step 3"), e.getMessage());
        assertTrue(e.getMessage().contains("keeps or prunes a sequence whole"), e.getMessage());

        INDArray mask = Nd4j.create(new float[][] {{0, 0, 0, 1}, {0, 0, 0, 0}});
        e = assertThrows(IllegalArgumentException.class, () -> SequenceLabels.lastStep().preProcess(new DataSet(
                Nd4j.rand(DataType.FLOAT, 2, 5, 4), labels(new int[] {3}, new int[] {3}), null, mask)));
        assertTrue(e.getMessage().contains("Sequence 1 of this batch has no labelled step"), e.getMessage());
    }

    @Test
    void labelsAlreadyOnePerSequencePassUnchanged() {
        INDArray labels = Nd4j.create(new float[][] {{0, 1}, {1, 0}});
        DataSet d = new DataSet(Nd4j.rand(DataType.FLOAT, 2, 5, 4), labels);
        SequenceLabels.lastStep().preProcess(d);
        assertSame(labels, d.getLabels());
    }

    @Test
    void thePruningIteratorsRefusalOfLabelsPerStepNamesIt() {
        DataSet perStep = new DataSet(Nd4j.rand(DataType.FLOAT, 2, 5, 4), labels(new int[] {3}, new int[] {3}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningIterator.builder(perStep, 2));
        assertTrue(e.getMessage().contains("SequenceLabels.lastStep()"), e.getMessage());
    }
}
