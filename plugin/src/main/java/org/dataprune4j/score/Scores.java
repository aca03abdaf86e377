package org.dataprune4j.score;

/** Checks shared by the scorers. */
final class Scores {
    private Scores() {
    }

    /** Returns a copy of {@code scores}, or fails naming the first example that was never observed. */
    static double[] checkAllScored(ScoreKind kind, double[] scores) {
        int missing = 0;
        int first = -1;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                missing++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (missing > 0) {
            throw new IllegalStateException(missing + " of " + scores.length + " examples were never scored for "
                    + kind + " (the first is id " + first + "). Every example must pass through the network"
                    + " while scores are collected: train whole epochs with the PruningIterator.");
        }
        return scores.clone();
    }
}
