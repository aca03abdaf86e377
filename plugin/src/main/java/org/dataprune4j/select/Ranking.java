package org.dataprune4j.select;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/** Input checks and the ascending score order (ties in the order of {@link Ties#key}) shared by the rules. */
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

    /**
     * Example ids sorted by score ascending; ties are broken by {@link Ties#key} of each id, a pseudo-random order
     * fixed per id, so the order does not depend on which other examples are ranked (a distributed sort gives the same
     * order). Breaking ties by id would keep or drop whole runs of ids: on data sorted by class, keep-hardest on
     * scores that mostly tie (forgetting after a short warm-up) once pruned a whole class.
     *
     * @param scores the scores, one per position
     * @param ids the example id of each position (its tie key's input)
     * @return positions (indices into {@code scores}) in ascending order
     */
    static int[] ascending(double[] scores, int[] ids) {
        int n = scores.length;
        checkArgument(ids.length == n, "%s ids for %s scores", ids.length, n);
        // Sorted on primitives (a boxed comparator sort took seconds at 1,000,000 examples): each position's key is
        // the rank of its score among the sorted scores in the high half, its id's tie key in the low half; tie keys
        // are a bijection of the ids, so the low half gives the id and so the position back.
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        boolean identity = true;
        for (int p = 0; p < n && identity; p++) {
            identity = ids[p] == p;
        }
        // for other ids: the ids sorted, each with its position, to find a position by binary search
        int[] sortedIds = null;
        int[] positionOfSorted = null;
        if (!identity) {
            long[] idAndPosition = new long[n];
            for (int p = 0; p < n; p++) {
                checkArgument(ids[p] >= 0, "ids must be >= 0, got %s", ids[p]);
                idAndPosition[p] = (long) ids[p] << 32 | p;
            }
            Arrays.sort(idAndPosition);
            sortedIds = new int[n];
            positionOfSorted = new int[n];
            for (int i = 0; i < n; i++) {
                sortedIds[i] = (int) (idAndPosition[i] >>> 32);
                positionOfSorted[i] = (int) idAndPosition[i];
                checkArgument(i == 0 || sortedIds[i] != sortedIds[i - 1], "id %s appears twice", sortedIds[i]);
            }
        }
        long[] keys = new long[n];
        for (int p = 0; p < n; p++) {
            keys[p] = (long) firstIndexOf(sorted, scores[p]) << 32 | Integer.toUnsignedLong(Ties.key(ids[p]));
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int id = Ties.idOfKey((int) keys[i]);
            order[i] = identity ? id : positionOfSorted[Arrays.binarySearch(sortedIds, id)];
        }
        return order;
    }

    /**
     * The rule's selection where position i holds example {@code ids[i]}: the ranking rules break ties by those ids'
     * keys, so that a part of the examples (one class, the unmasked ones) ranks as the whole set would; other rules
     * select as usual.
     */
    static Selection selectWithIds(SelectionRule rule, double[] scores, int[] labels, int[] ids) {
        if (rule instanceof ScoreRangeRule range) {
            return range.select(scores, labels, ids);
        }
        if (rule instanceof ClassBalancedRule balanced) {
            return balanced.select(scores, labels, ids);
        }
        return rule.select(scores, labels);
    }

    /** {@link #ascending(double[], int[])} where position i holds example i. */
    static int[] ascending(double[] scores) {
        return ascending(scores, identity(scores.length));
    }

    static int[] identity(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
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
