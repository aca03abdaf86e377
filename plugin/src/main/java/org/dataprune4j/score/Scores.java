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

    /**
     * The values as doubles, each the shortest decimal that reads back as the same float: a score stored as 0.1f
     * comes back as 0.1, not 0.10000000149011612, and narrowing it again gives the same float.
     */
    static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = widen(values[i]);
        }
        return wide;
    }

    /** One value as {@link #widen(float[])} widens it. */
    static double widen(float value) {
        return Float.isFinite(value) && value != Math.rint(value) ? Double.parseDouble(Float.toString(value)) : value;
    }
}
