package org.dataprune4j.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class El2nScorerTest {

    @Test
    void el2nOfThreeExamplesWithKnownSoftmax() {
        // Hand computation: ||p - y||_2.
        // id 0: p=(0.7,0.2,0.1), y=0 -> sqrt(0.09+0.04+0.01) = sqrt(0.14) = 0.374165738677...
        // id 1: p=(0.7,0.2,0.1), y=2 -> sqrt(0.49+0.04+0.81) = sqrt(1.34) = 1.157583690279...
        // id 2: p=(1/3,1/3,1/3), y=1 -> sqrt(1/9+4/9+1/9) = sqrt(2/3) = 0.816496580927...
        double[][] p = {{0.7, 0.2, 0.1}, {0.7, 0.2, 0.1}, {1 / 3.0, 1 / 3.0, 1 / 3.0}};
        El2nScorer scorer = new El2nScorer(3, ScoreInput.TRAINING_PASSES);
        scorer.observe(ScoredBatch.ofProbabilities(new int[] {0, 1, 2}, p, new int[] {0, 2, 1}, null));
        assertArrayEquals(new double[] {0.374165738677, 1.157583690279, 0.816496580927}, scorer.scores(), 1e-6);
    }

    @Test
    void el2nFromLogitsAppliesSoftmax() {
        // logits (ln 7, ln 2, ln 1) give softmax (0.7, 0.2, 0.1).
        INDArray logits = Nd4j.create(new double[][] {{Math.log(7), Math.log(2), 0}});
        INDArray labels = Nd4j.create(new double[][] {{1, 0, 0}});
        ScoredBatch batch = ScoredBatch.ofLogits(new int[] {0}, logits, labels, null);
        assertEquals(0.374165738677, batch.residualNorm(0), 1e-6);
        assertEquals(0.7, batch.probability(0, 0), 1e-9);
        assertTrue(batch.correct(0));
    }

    @Test
    void latestObservationWins() {
        El2nScorer scorer = new El2nScorer(1, ScoreInput.TRAINING_PASSES);
        scorer.observe(ScoredBatch.ofProbabilities(new int[] {0}, new double[][] {{0.5, 0.5}}, new int[] {0}, null));
        scorer.observe(ScoredBatch.ofProbabilities(new int[] {0}, new double[][] {{1.0, 0.0}}, new int[] {0}, null));
        assertEquals(0.0, scorer.scores()[0], 1e-12);
    }

    @Test
    void unscoredExampleIsAnError() {
        El2nScorer scorer = new El2nScorer(2, ScoreInput.TRAINING_PASSES);
        scorer.observe(ScoredBatch.ofProbabilities(new int[] {0}, new double[][] {{1.0, 0.0}}, new int[] {0}, null));
        IllegalStateException e = assertThrows(IllegalStateException.class, scorer::scores);
        assertTrue(e.getMessage().contains("1 of 2 examples were never scored"), e.getMessage());
    }

    @Test
    void rejectsFreshInitialisationInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new El2nScorer(3, ScoreInput.FRESH_INITIALISATIONS));
        assertTrue(e.getMessage().contains("TRAINING_PASSES or END_OF_WARMUP_PASS"), e.getMessage());
    }
}
