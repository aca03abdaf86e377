package org.dataprune4j.internal;

import java.util.SplittableRandom;

/** The seeded Fisher-Yates shuffle shared by the iterator's epoch order and the rules' tie order. */
public final class Shuffle {
    private Shuffle() {
    }

    /** Shuffles {@code values} in place, from the last position down, with {@code random}. */
    public static void inPlace(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
