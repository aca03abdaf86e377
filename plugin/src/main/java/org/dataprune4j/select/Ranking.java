package org.dataprune4j.select;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Comparator;

/** Input checks and the (score, id) ascending order shared by the rules. */
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

    /** Example ids sorted by score ascending, ties by id ascending. */
    static int[] ascending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingInt(i -> i));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** The number of examples a fraction of {@code n} stands for: round(fraction * n). */
    static int count(double fraction, int n) {
        return (int) Math.round(fraction * n);
    }
}
