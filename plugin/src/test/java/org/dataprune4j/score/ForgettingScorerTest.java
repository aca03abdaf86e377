package org.dataprune4j.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
}
