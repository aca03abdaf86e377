package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Scores counted in equal-width bins, split into kept and pruned examples: what the report's chart and the UI's
 * "Pruning" page draw. Scores that are not finite (an example the source masked) are counted apart, in no bin.
 *
 * @param lower the lowest finite score (the first bin's left edge)
 * @param upper the highest finite score (the last bin's right edge, which it includes)
 * @param kept kept examples per bin
 * @param pruned pruned examples per bin
 * @param nonFinite examples whose score is NaN or infinite
 */
public record ScoreHistogram(double lower, double upper, int[] kept, int[] pruned, int nonFinite) {

    /** Checks the counts and copies them. */
    public ScoreHistogram {
        requireNonNull(kept, "kept");
        requireNonNull(pruned, "pruned");
        if (kept.length == 0 || kept.length != pruned.length) {
            throw new IllegalArgumentException("kept and pruned need one count per bin, at least one bin; got "
                    + kept.length + " and " + pruned.length);
        }
        kept = kept.clone();
        pruned = pruned.clone();
    }

    /**
     * Bins {@code scores} into {@code bins} equal-width bins from the lowest to the highest finite score.
     *
     * @param kept whether each example (same index) was kept
     * @throws IllegalArgumentException if the arrays differ in length or {@code bins} is under 1
     */
    public static ScoreHistogram of(double[] scores, boolean[] kept, int bins) {
        if (scores.length != kept.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + kept.length + " kept flags");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        double min = Arrays.stream(scores).filter(Double::isFinite).min().orElse(0);
        double max = Arrays.stream(scores).filter(Double::isFinite).max().orElse(1);
        double width = max > min ? (max - min) / bins : 1;
        int[] k = new int[bins];
        int[] p = new int[bins];
        int nonFinite = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                nonFinite++;
                continue;
            }
            int b = Math.min(bins - 1, (int) ((scores[i] - min) / width));
            if (kept[i]) {
                k[b]++;
            } else {
                p[b]++;
            }
        }
        return new ScoreHistogram(min, max > min ? max : min + width * bins, k, p, nonFinite);
    }

    /** Number of bins. */
    public int bins() {
        return kept.length;
    }

    /** Width of each bin. */
    public double binWidth() {
        return (upper - lower) / kept.length;
    }

    /** Centre of bin {@code b}. */
    public double binCentre(int b) {
        return lower + (b + 0.5) * binWidth();
    }

    /** Kept examples per bin (a copy). */
    @Override
    public int[] kept() {
        return kept.clone();
    }

    /** Pruned examples per bin (a copy). */
    @Override
    public int[] pruned() {
        return pruned.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreHistogram h && lower == h.lower && upper == h.upper && nonFinite == h.nonFinite
                && Arrays.equals(kept, h.kept) && Arrays.equals(pruned, h.pruned);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(lower) + Arrays.hashCode(kept)) + Arrays.hashCode(pruned);
    }

    @Override
    public String toString() {
        return "ScoreHistogram[" + lower + ", " + upper + "] kept " + Arrays.toString(kept) + " pruned "
                + Arrays.toString(pruned) + (nonFinite > 0 ? ", " + nonFinite + " not finite" : "");
    }
}
