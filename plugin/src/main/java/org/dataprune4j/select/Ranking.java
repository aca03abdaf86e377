package org.dataprune4j.select;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.internal.Shuffle;

/** Input checks and the ascending score order (ties in a seeded random order) shared by the rules. */
final class Ranking {
    private Ranking() {
    }

    static void checkInputs(double[] scores, int[] labels) {
        requireNonNull(scores, "scores");
        requireNonNull(labels, "labels");
        checkArgument(scores.length == labels.length, "scores (%s) and labels (%s) must have the same length",
                scores.length, labels.length);
        checkArgument(scores.length > 0, "there are no examples to select from");
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score of example " + i + " is " + scores[i]
                        + "; scores must be finite");
            }
        }
    }

    /** Seed of the random order that breaks ties (the library's default seed). */
    static final long TIE_SEED = Defaults.SEED;

    /**
     * Example ids sorted by score ascending; ties are broken by a random order of the ids drawn with
     * {@link #TIE_SEED}, the same for every call with the same number of examples. Breaking ties by id would keep
     * or drop whole runs of ids: on data sorted by class, keep-hardest on scores that mostly tie (forgetting after
     * a short warm-up) once pruned a whole class.
     */
    static int[] ascending(double[] scores) {
        int n = scores.length;
        int[] tieKey = new int[n];
        for (int i = 0; i < n; i++) {
            tieKey[i] = i;
        }
        Shuffle.inPlace(tieKey, new SplittableRandom(TIE_SEED));
        // Sorted on primitives (a boxed comparator sort took seconds at 1,000,000 examples): each id's key is the
        // rank of its score among the sorted scores in the high half, its tie key in the low half; the tie keys are a
        // permutation, so the low half gives the id back.
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int[] idOfTieKey = new int[n];
        long[] keys = new long[n];
        for (int id = 0; id < n; id++) {
            idOfTieKey[tieKey[id]] = id;
            keys[id] = (long) firstIndexOf(sorted, scores[id]) << 32 | tieKey[id];
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = idOfTieKey[(int) keys[i]];
        }
        return order;
    }

    /** The first index of {@code value} in {@code sorted} (ascending, ordered as {@link Double#compare}). */
    private static int firstIndexOf(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(sorted[mid], value) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of examples a fraction of {@code n} stands for: round(fraction * n). */
    static int count(double fraction, int n) {
        return (int) Math.round(fraction * n);
    }
}
