package org.dataprune4j.tune;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;

/**
 * Arbiter's parameter space of candidate ranges: lo in [loMin, loMax], hi in [hiMin, hiMax], decoded so
 * that every point is a valid range (lo &lt; hi) that keeps between {@code minKept} and {@code maxKept} of the
 * examples where the bounds allow it. Two unit leaves u1, u2 in [0, 1] map to
 * {@code lo = loMin + u1 (loTop - loMin)} with {@code loTop = min(loMax, hiMax - minKept)}, and
 * {@code hi = h0 + u2 (h1 - h0)} with {@code h0 = min(hiMax, max(hiMin, lo + minKept))} and
 * {@code h1 = max(h0, min(hiMax, lo + maxKept))}. By default {@code minKept} is {@link #MIN_WIDTH} and
 * {@code maxKept} 1; {@link #keptBetween} narrows them so that a search spends no candidate on a range it would
 * skip.
 */
public final class RangeSpace extends AbstractParameterSpace<QuantileRange> {
    private static final long serialVersionUID = 1L;

    /** Narrowest range considered: one in ten thousand examples. */
    public static final double MIN_WIDTH = 1e-4;

    private final ContinuousParameterSpace loUnit = new ContinuousParameterSpace(0, 1);
    private final ContinuousParameterSpace hiUnit = new ContinuousParameterSpace(0, 1);
    private final double loMin;
    private final double loMax;
    private final double hiMin;
    private final double hiMax;
    private final double minKept;
    private final double maxKept;

    /**
     * @param loMin smallest lo, in [0, 1)
     * @param loMax largest lo, in [loMin, 1)
     * @param hiMin smallest hi, in (0, 1]
     * @param hiMax largest hi, in [hiMin, 1]
     * @throws IllegalArgumentException if a bound is outside [0, 1], inverted, or lo >= hi everywhere
     */
    public RangeSpace(double loMin, double loMax, double hiMin, double hiMax) {
        this(loMin, loMax, hiMin, hiMax, MIN_WIDTH, 1);
    }

    private RangeSpace(double loMin, double loMax, double hiMin, double hiMax, double minKept, double maxKept) {
        checkArgument(loMin >= 0 && loMin <= loMax && loMax < 1, "lo bounds must satisfy 0 <= loMin <= loMax < 1,"
                + " got [%s, %s]", loMin, loMax);
        checkArgument(hiMin > 0 && hiMin <= hiMax && hiMax <= 1, "hi bounds must satisfy 0 < hiMin <= hiMax <= 1,"
                + " got [%s, %s]", hiMin, hiMax);
        checkArgument(loMin + MIN_WIDTH <= hiMax, "the search space has lo >= hi everywhere (lo from %s, hi up to"
                + " %s): no range keeps anything. Lower loMin or raise hiMax.", loMin, hiMax);
        this.loMin = loMin;
        this.loMax = loMax;
        this.hiMin = hiMin;
        this.hiMax = hiMax;
        this.minKept = minKept;
        this.maxKept = maxKept;
    }

    /**
     * The same bounds, drawing only ranges that keep between {@code minFraction} and {@code maxFraction} of the
     * examples ({@code hi - lo} in that interval). Where the hi bounds force a wider range than
     * {@code maxFraction} the narrowest allowed one is drawn (a budgeted search then skips it).
     *
     * @throws IllegalArgumentException unless {@code 0 <= minFraction <= maxFraction <= 1}, or if no range of
     *     these bounds keeps {@code minFraction}
     */
    public RangeSpace keptBetween(double minFraction, double maxFraction) {
        checkArgument(minFraction >= 0 && minFraction <= maxFraction && maxFraction <= 1 && maxFraction > 0,
                "kept fractions must satisfy 0 <= min <= max <= 1 and max > 0, got [%s, %s]", minFraction,
                maxFraction);
        double min = Math.max(MIN_WIDTH, minFraction);
        checkArgument(loMin + min <= hiMax, "no range of %s keeps %s of the examples (lo starts at %s, hi ends at"
                + " %s). Lower the floor or widen the space.", this, minFraction, loMin, hiMax);
        return new RangeSpace(loMin, loMax, hiMin, hiMax, min, Math.max(min, maxFraction));
    }

    /** The whole space: lo in [0, 1), hi in (0, 1]. */
    public static RangeSpace full() {
        return new RangeSpace(0, 1 - MIN_WIDTH, MIN_WIDTH, 1);
    }

    /** Decodes two unit values into a valid range. */
    public QuantileRange decode(double u1, double u2) {
        double loTop = Math.max(loMin, Math.min(loMax, hiMax - minKept));
        double lo = loMin + u1 * (loTop - loMin);
        double h0 = Math.min(hiMax, Math.max(hiMin, lo + minKept));
        double h1 = Math.max(h0, Math.min(hiMax, lo + maxKept));
        double hi = h0 + u2 * (h1 - h0);
        return new QuantileRange(lo, hi);
    }

    @Override
    public QuantileRange getValue(double[] input) {
        return decode(loUnit.getValue(input), hiUnit.getValue(input));
    }

    @Override
    public int numParameters() {
        return 2;
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return List.of(loUnit, hiUnit);
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Map.of("loUnit", loUnit, "hiUnit", hiUnit);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("RangeSpace is not a leaf; Arbiter sets the indices of its leaves");
    }

    @Override
    public String toString() {
        String kept = minKept == MIN_WIDTH && maxKept == 1 ? ""
                : String.format(Locale.ROOT, ", keeps [%.4f, %.4f]", minKept, maxKept);
        return String.format(Locale.ROOT, "RangeSpace{lo in [%.4f, %.4f], hi in [%.4f, %.4f]%s}", loMin, loMax, hiMin,
                hiMax, kept);
    }
}
