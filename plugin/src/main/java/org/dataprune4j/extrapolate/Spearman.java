package org.dataprune4j.extrapolate;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Spearman's rank correlation: the Pearson correlation of the ranks, ties given their average rank.
 */
public final class Spearman {
    private Spearman() {
    }

    /**
     * @param a values, finite
     * @param b values of the same examples, finite
     * @return the rank correlation in [-1, 1]; NaN if either side is constant
     * @throws IllegalArgumentException if lengths differ, are below 2, or a value is not finite
     */
    public static double correlation(double[] a, double[] b) {
        requireNonNull(a, "a");
        requireNonNull(b, "b");
        checkArgument(a.length == b.length, "both sides need the same number of values, got %s and %s", a.length,
                b.length);
        checkArgument(a.length >= 2, "a rank correlation needs at least 2 values, got %s", a.length);
        return pearson(ranks(a), ranks(b));
    }

    /** Ranks from 1, ties given the average of the ranks they span. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            checkArgument(Double.isFinite(values[i]), "value %s is %s; ranks need finite values", i, (Object) values[i]);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = average;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
