package org.dataprune4j.select;

import java.util.Arrays;

/**
 * How much of a ranking is ties. Every rule breaks ties in a seeded random order (the library's default seed, 42),
 * so tied examples are kept or pruned at random among themselves; when a large share of the scores tie (forgetting
 * after a short warm-up, for one), the kept set says little about those examples.
 */
public final class Ties {
    private Ties() {
    }

    /** The share of examples whose score equals another example's score, in [0, 1]. */
    public static double share(double[] scores) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int tied = 0;
        for (int i = 0; i < sorted.length; i++) {
            boolean sameAsPrevious = i > 0 && sorted[i] == sorted[i - 1];
            boolean sameAsNext = i + 1 < sorted.length && sorted[i] == sorted[i + 1];
            if (sameAsPrevious || sameAsNext) {
                tied++;
            }
        }
        return sorted.length == 0 ? 0 : (double) tied / sorted.length;
    }
}
