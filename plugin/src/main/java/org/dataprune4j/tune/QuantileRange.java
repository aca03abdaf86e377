package org.dataprune4j.tune;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import org.dataprune4j.select.ScoreRangeRule;

/**
 * A candidate kept range of score quantiles, {@code 0 <= lo < hi <= 1}.
 *
 * @param lo lower quantile
 * @param hi upper quantile
 */
public record QuantileRange(double lo, double hi) implements java.io.Serializable {

    /** Validates the range. */
    public QuantileRange {
        checkArgument(lo >= 0 && hi <= 1 && lo < hi, "a range needs 0 <= lo < hi <= 1, got [%s, %s]", lo, hi);
    }

    /** The fraction of examples the range keeps, {@code hi - lo}. */
    public double keptFraction() {
        return hi - lo;
    }

    /** The selection rule that keeps this range. */
    public ScoreRangeRule toRule() {
        return ScoreRangeRule.quantiles(lo, hi);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", lo, hi);
    }
}
