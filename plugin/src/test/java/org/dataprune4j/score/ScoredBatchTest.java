package org.dataprune4j.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.internal.OneHot;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScoredBatchTest {

    @Test
    void rejectsLabelsThatAreNotOneHot() {
        INDArray logits = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray smoothed = Nd4j.create(new double[][] {{1, 0}, {0.1, 0.9}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoredBatch.ofLogits(new int[] {10, 11}, logits, smoothed, null));
        assertTrue(e.getMessage().contains("example 11"), e.getMessage());
        assertTrue(e.getMessage().contains("one-hot"), e.getMessage());
    }

    @Test
    void rejectsAllZeroAndMultiHotLabels() {
        assertThrows(IllegalArgumentException.class, () -> OneHot.classOf(new double[] {0, 0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> OneHot.classOf(new double[] {1, 1, 0}, 0));
        assertEquals(2, OneHot.classOf(new double[] {0, 0, 1}, 0));
    }

    @Test
    void nanOrInfiniteOutputsMeanTrainingDiverged() {
        INDArray labels = Nd4j.create(new double[][] {{1, 0}});
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> ScoredBatch.ofLogits(new int[] {7}, Nd4j.create(new double[][] {{Double.NaN, 0}}), labels, null));
        assertTrue(e.getMessage().contains("example 7"), e.getMessage());
        assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
        assertThrows(TrainingDivergedException.class, () -> ScoredBatch.ofLogits(new int[] {7},
                Nd4j.create(new double[][] {{Double.POSITIVE_INFINITY, 0}}), labels, null));
    }

    @Test
    void penultimateNormsAreSquaredL2PerRow() {
        INDArray h = Nd4j.create(new double[][] {{3, 4}, {1, 0}});
        ScoredBatch batch = ScoredBatch.ofLogits(new int[] {0, 1}, Nd4j.zeros(2, 2),
                Nd4j.create(new double[][] {{1, 0}, {0, 1}}), h);
        assertEquals(25.0, batch.penultimateSquaredNorm(0), 1e-9);
        assertEquals(1.0, batch.penultimateSquaredNorm(1), 1e-9);
    }

    @Test
    void outputsWithClassIndicesScoreAsWithOneHotLabels() {
        INDArray probabilities = Nd4j.create(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}});
        ScoredBatch oneHot = ScoredBatch.ofOutputs(new int[] {4, 9}, probabilities,
                Nd4j.create(new double[][] {{0, 1, 0}, {0, 0, 1}}));
        ScoredBatch indices = ScoredBatch.ofOutputs(new int[] {4, 9}, probabilities, new int[] {1, 2});
        for (int r = 0; r < 2; r++) {
            assertEquals(oneHot.label(r), indices.label(r));
            assertEquals(oneHot.predicted(r), indices.predicted(r));
            assertEquals(oneHot.residualNorm(r), indices.residualNorm(r), 1e-12);
            assertEquals(oneHot.crossEntropy(r), indices.crossEntropy(r), 1e-12);
        }
        assertEquals(Math.log(0.2), -indices.crossEntropy(0), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> ScoredBatch.ofOutputs(new int[] {4, 9}, probabilities, new int[] {1, 3}));
    }
}
