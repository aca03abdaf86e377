package org.dataprune4j.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ForgettingScorerTest {
    private static final double[][] RIGHT = {{0.9, 0.1}};
    private static final double[][] WRONG = {{0.1, 0.9}};

    @Test
    void countsCorrectToIncorrectTransitionsAndRanksNeverLearnedHighest() {
        // Scripted presentations (label 0 throughout; R = correct, W = wrong):
        // id 0: R R R R  -> 0 events
        // id 1: R W R W  -> 2 events
        // id 2: W R W R  -> 1 event
        // id 3: W W W W  -> never learned -> 4 presentations, above any event count
        // id 4: W R R R  -> 0 events (learning is not forgetting)
        String[] script = {"RRRR", "RWRW", "WRWR", "WWWW", "WRRR"};
        ForgettingScorer scorer = new ForgettingScorer(script.length);
        for (int t = 0; t < 4; t++) {
            for (int id = 0; id < script.length; id++) {
                double[][] p = script[id].charAt(t) == 'R' ? RIGHT : WRONG;
                scorer.observe(ScoredBatch.ofProbabilities(new int[] {id}, p, new int[] {0}, null));
            }
        }
        assertArrayEquals(new double[] {0, 2, 1, 4, 0}, scorer.scores(), 0.0);
    }

    @Test
    void packedCountsSurviveASnapshotAndStopAtTheirCapsWithoutSpillingIntoEachOther() {
        ForgettingScorer scorer = new ForgettingScorer(2);
        // id 0: alternate R W 20,000 times -> 20,000 events, capped at 16,383; 40,000 presentations capped at 32,767
        for (int t = 0; t < 40_000; t++) {
            scorer.observe(ScoredBatch.ofProbabilities(new int[] {0, 1}, new double[][] {
                    t % 2 == 0 ? RIGHT[0] : WRONG[0], WRONG[0]}, new int[] {0, 0}, null));
        }
        double[] scores = scorer.scores();
        assertEquals(16_383, scores[0], 0.0, "events stop at the cap");
        assertEquals(32_767, scores[1], 0.0, "never learned: presentations, stopped at the cap");

        ForgettingScorer restored = new ForgettingScorer(2);
        restored.restore(scorer.snapshot());
        assertArrayEquals(scores, restored.scores(), 0.0);
        restored.observe(ScoredBatch.ofProbabilities(new int[] {1}, RIGHT, new int[] {0}, null));
        assertEquals(0, restored.scores()[1], 0.0, "learned at last: the flags survived the snapshot");
    }
}
