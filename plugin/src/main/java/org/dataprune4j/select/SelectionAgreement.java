package org.dataprune4j.select;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Whether two selections agree once the scores they were made from are allowed to differ by a tolerance: the
 * same scores and kept set, in numbers, for scores computed two ways (Spark against one machine, another
 * partitioning or batch size, a network against the same graph, another thread count or BLAS kernel).
 *
 * <p>Float32 scores computed through differently composed batches differ in their last bits, because the
 * kernels sum in another order. Two selections then agree when (1) every example's two scores are within
 * {@code tolerance * max(1, |score|)} of each other, and (2) every example whose decision differs is one half
 * of a <em>boundary swap</em>: an example that moved the opposite way (kept in one, pruned in the other and the
 * reverse) whose score is within twice that tolerance of its own, on both sides. A swap is how a boundary tie
 * within the tolerance goes the other way; any other difference is a real disagreement. Masked examples are
 * decided before ranking, so they never differ when the masks are the same.
 *
 * <p>Use {@link #FLOAT32_TOLERANCE} for scores the library computes (they are float32 values).
 */
public final class SelectionAgreement {
    /**
     * Relative tolerance for float32 scores computed through differently composed batches: 1e-6 is about eight
     * float32 ulps at 1.0, above the one- or two-ulp differences measured between BLAS kernels and partitionings.
     */
    public static final double FLOAT32_TOLERANCE = 1e-6;

    private final int size;
    private final double tolerance;
    private final double maxScoreDifference;
    private final int scoresBeyondTolerance;
    private final int differing;
    private final int[] unexplained;

    private SelectionAgreement(int size, double tolerance, double maxScoreDifference, int scoresBeyondTolerance,
            int differing, int[] unexplained) {
        this.size = size;
        this.tolerance = tolerance;
        this.maxScoreDifference = maxScoreDifference;
        this.scoresBeyondTolerance = scoresBeyondTolerance;
        this.differing = differing;
        this.unexplained = unexplained;
    }

    /**
     * Compares two selections of the same examples and the scores each was made from.
     *
     * @param a the first selection
     * @param scoresA the scores {@code a} was made from, by example id
     * @param b the second selection
     * @param scoresB the scores {@code b} was made from, by example id
     * @param tolerance relative score tolerance, at least 0 ({@link #FLOAT32_TOLERANCE} for the library's scores)
     * @return the comparison
     * @throws IllegalArgumentException if the sizes differ or the tolerance is negative or not finite
     */
    public static SelectionAgreement of(Selection a, double[] scoresA, Selection b, double[] scoresB,
            double tolerance) {
        requireNonNull(a, "a");
        requireNonNull(b, "b");
        requireNonNull(scoresA, "scoresA");
        requireNonNull(scoresB, "scoresB");
        int n = a.size();
        checkArgument(b.size() == n && scoresA.length == n && scoresB.length == n,
                "The selections and scores must cover the same examples: selections of %s and %s, scores of %s"
                        + " and %s; compare two runs over the same data", n, b.size(), scoresA.length, scoresB.length);
        checkArgument(tolerance >= 0 && Double.isFinite(tolerance),
                "tolerance must be finite and >= 0 (e.g. SelectionAgreement.FLOAT32_TOLERANCE), got %s", tolerance);
        double maxDiff = 0;
        int beyond = 0;
        for (int i = 0; i < n; i++) {
            double diff = difference(scoresA[i], scoresB[i]);
            maxDiff = Math.max(maxDiff, diff);
            if (diff > allowed(scoresA[i], tolerance)) {
                beyond++;
            }
        }
        // differing examples grouped by their move (decision in a -> decision in b)
        Map<Decision, Map<Decision, List<Integer>>> moves = new EnumMap<>(Decision.class);
        int differing = 0;
        for (int i = 0; i < n; i++) {
            Decision from = a.decision(i);
            Decision to = b.decision(i);
            if (from != to) {
                differing++;
                moves.computeIfAbsent(from, d -> new EnumMap<>(Decision.class))
                        .computeIfAbsent(to, d -> new ArrayList<>()).add(i);
            }
        }
        List<Integer> unexplained = new ArrayList<>();
        for (Decision from : Decision.values()) {
            for (Decision to : Decision.values()) {
                List<Integer> forward = moves.getOrDefault(from, Map.of()).getOrDefault(to, List.of());
                if (forward.isEmpty() || from.ordinal() > to.ordinal() && hasMoves(moves, to, from)) {
                    continue; // nothing moved, or this pair of moves was matched from the other side
                }
                List<Integer> backward = moves.getOrDefault(to, Map.of()).getOrDefault(from, List.of());
                matchSwaps(forward, backward, scoresA, scoresB, tolerance, unexplained);
            }
        }
        int[] ids = unexplained.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new SelectionAgreement(n, tolerance, maxDiff, beyond, differing, ids);
    }

    private static boolean hasMoves(Map<Decision, Map<Decision, List<Integer>>> moves, Decision from, Decision to) {
        return !moves.getOrDefault(from, Map.of()).getOrDefault(to, List.of()).isEmpty();
    }

    /**
     * Pairs each forward move with a backward move whose scores are within twice the tolerance (greedy along the
     * scores, which finds the most pairs on a line); what stays unpaired on either side is unexplained.
     */
    private static void matchSwaps(List<Integer> forward, List<Integer> backward, double[] scoresA, double[] scoresB,
            double tolerance, List<Integer> unexplained) {
        Comparator<Integer> byScore = Comparator.comparingDouble(i -> scoresA[i]);
        List<Integer> f = new ArrayList<>(forward);
        List<Integer> g = new ArrayList<>(backward);
        f.sort(byScore);
        g.sort(byScore);
        int i = 0;
        int j = 0;
        while (i < f.size() && j < g.size()) {
            int x = f.get(i);
            int y = g.get(j);
            double slack = 2 * Math.max(allowed(scoresA[x], tolerance), allowed(scoresA[y], tolerance));
            if (difference(scoresA[x], scoresA[y]) <= slack && difference(scoresB[x], scoresB[y]) <= slack) {
                i++;
                j++;
            } else if (scoresA[x] < scoresA[y]) {
                unexplained.add(x);
                i++;
            } else {
                unexplained.add(y);
                j++;
            }
        }
        unexplained.addAll(f.subList(i, f.size()));
        unexplained.addAll(g.subList(j, g.size()));
    }

    private static double allowed(double score, double tolerance) {
        return tolerance * Math.max(1.0, Math.abs(score));
    }

    private static double difference(double x, double y) {
        if (Double.compare(x, y) == 0) {
            return 0; // also two NaNs, or two equal infinities
        }
        double d = Math.abs(x - y);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    /** Whether the two selections agree: every score within the tolerance, every differing decision a boundary swap. */
    public boolean agrees() {
        return scoresBeyondTolerance == 0 && unexplained.length == 0;
    }

    /** The largest absolute difference between an example's two scores. */
    public double maxScoreDifference() {
        return maxScoreDifference;
    }

    /** How many examples' two scores differ by more than the tolerance. */
    public int scoresBeyondTolerance() {
        return scoresBeyondTolerance;
    }

    /** How many examples have different decisions in the two selections. */
    public int differingDecisions() {
        return differing;
    }

    /** How many of the differing examples are halves of a boundary swap within the tolerance. */
    public int boundarySwaps() {
        return differing - unexplained.length;
    }

    /** The ids of differing examples that no boundary swap explains, ascending. */
    public int[] unexplainedIds() {
        return unexplained.clone();
    }

    @Override
    public String toString() {
        return String.format("%s: %d examples, relative tolerance %.1e; largest score difference %.3e (%d beyond the"
                        + " tolerance); %d decisions differ, %d of them boundary swaps within the tolerance,"
                        + " unexplained ids %s", agrees() ? "agree" : "DISAGREE", size, tolerance, maxScoreDifference,
                scoresBeyondTolerance, differing, boundarySwaps(),
                Arrays.toString(Arrays.copyOf(unexplained, Math.min(20, unexplained.length))));
    }
}
