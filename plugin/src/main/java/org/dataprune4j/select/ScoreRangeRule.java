package org.dataprune4j.select;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Keeps the examples whose score ranks inside a quantile range [lo, hi].
 *
 * <p>Examples are ranked by score ascending (ties in the order of {@link Ties#key}); with n examples,
 * the kept ranks are round(lo * n) inclusive to round(hi * n) exclusive. {@code [0.48, 0.98]} drops the top 2% (often
 * mislabelled) and keeps the next 50%; {@link #keepHardest(double)} and {@link #keepEasiest(double)} are
 * the ranges {@code [1 - f, 1]} and {@code [0, f]}.
 */
public final class ScoreRangeRule implements SelectionRule {
    private final double lo;
    private final double hi;

    private ScoreRangeRule(double lo, double hi) {
        checkArgument(lo >= 0 && lo <= 1, "lo must be a quantile in [0, 1], got %s", lo);
        checkArgument(hi >= 0 && hi <= 1, "hi must be a quantile in [0, 1], got %s", hi);
        checkArgument(lo < hi, "lo must be below hi, got lo=%s, hi=%s: the range would keep nothing", lo, hi);
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * Keeps the quantile range [lo, hi] of the score.
     *
     * @param lo lower quantile in [0, 1)
     * @param hi upper quantile in (lo, 1]
     */
    public static ScoreRangeRule quantiles(double lo, double hi) {
        return new ScoreRangeRule(lo, hi);
    }

    /**
     * Keeps the highest-scoring fraction: what to do when data is abundant.
     *
     * @param fraction in (0, 1]
     */
    public static ScoreRangeRule keepHardest(double fraction) {
        checkFraction(fraction);
        return new ScoreRangeRule(1.0 - fraction, 1.0);
    }

    /**
     * Keeps the lowest-scoring fraction: what to do when data is scarce.
     *
     * @param fraction in (0, 1]
     */
    public static ScoreRangeRule keepEasiest(double fraction) {
        checkFraction(fraction);
        return new ScoreRangeRule(0.0, fraction);
    }

    static void checkFraction(double fraction) {
        checkArgument(fraction > 0 && fraction <= 1, "fraction kept must be in (0, 1], got %s", fraction);
    }

    /** The lower quantile. */
    public double lo() {
        return lo;
    }

    /** The upper quantile. */
    public double hi() {
        return hi;
    }

    /**
     * The ranks this rule keeps among n examples ranked ascending: round(lo * n) inclusive to round(hi * n) exclusive
     * (what a distributed selection needs to find its boundaries).
     *
     * @throws IllegalArgumentException if that range is empty
     */
    public RankRange keptRanks(int n) {
        int start = Ranking.count(lo, n);
        int end = Ranking.count(hi, n);
        checkArgument(end > start, "%s keeps no example of %s: ranks round(%s*%s)=%s to round(%s*%s)=%s are "
                + "empty. Widen the range or use more examples.", describe(), n, lo, n, start, hi, n, end);
        return new RankRange(start, end);
    }

    @Override
    public Selection select(double[] scores, int[] labels) {
        return select(scores, labels, Ranking.identity(scores.length));
    }

    /** {@link #select(double[], int[])} where position i holds example {@code ids[i]}, whose tie keys rank ties. */
    Selection select(double[] scores, int[] labels, int[] ids) {
        requireNonNull(ids, "ids");
        Ranking.checkInputs(scores, labels);
        int n = scores.length;
        RankRange kept = keptRanks(n);
        int start = kept.lowerEndpoint();
        int end = kept.upperEndpoint();
        int[] order = Ranking.ascending(scores, ids);
        Decision[] decisions = new Decision[n];
        for (int rank = 0; rank < n; rank++) {
            decisions[order[rank]] = rank < start ? Decision.PRUNED_BELOW_RANGE
                    : rank < end ? Decision.KEPT : Decision.PRUNED_ABOVE_RANGE;
        }
        return new Selection(decisions, describe());
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "score range [%.4f, %.4f]", lo, hi);
    }

    @Override
    public String toString() {
        return "ScoreRangeRule{" + describe() + "}";
    }
}
