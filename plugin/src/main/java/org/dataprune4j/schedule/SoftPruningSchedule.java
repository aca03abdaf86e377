package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import java.util.SplittableRandom;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;

/**
 * InfoBatch's rule (Qin et al., ICLR 2024) with any score: after the warm-up, at every epoch, a random share
 * {@code pruneFraction} of the examples whose score is below the threshold (the mean score, or a quantile) is left
 * out of the next epoch, and the low-score examples that stay have their loss weighted by 1 / (1 - pruneFraction),
 * so that the epoch's expected gradient is that of all data; in the last (1 - annealFrom) share of the
 * {@code totalEpochs}, every example is trained, unweighted. InfoBatch's defaults: pruneFraction 0.5, annealFrom
 * 0.875, the mean as threshold, ranked by the per-example loss ({@code ScoreKind.LOSS}).
 *
 * <p>The weights go through {@link org.dataprune4j.loss.WeightedLoss}, installed on the output layer for the
 * weighted epochs. {@code totalEpochs} must be the number of epochs the model is trained for: DL4J does not tell a
 * listener how many epochs {@code fit} will run, and with fewer the annealing epochs never come.
 */
public final class SoftPruningSchedule implements PruningSchedule {
    private final int totalEpochs;
    private final double pruneFraction;
    private final double annealFrom;
    private final double thresholdQuantile;
    private final int warmupEpochs;
    private final long seed;

    private SoftPruningSchedule(Builder b) {
        this.totalEpochs = b.totalEpochs;
        this.pruneFraction = b.pruneFraction;
        this.annealFrom = b.annealFrom;
        this.thresholdQuantile = b.thresholdQuantile;
        this.warmupEpochs = b.warmupEpochs;
        this.seed = b.seed;
    }

    /**
     * Starts a builder with InfoBatch's defaults.
     *
     * @param totalEpochs the number of epochs the model is trained for, at least 2
     */
    public static Builder builder(int totalEpochs) {
        return new Builder(totalEpochs);
    }

    /** The number of epochs the schedule plans for. */
    public int totalEpochs() {
        return totalEpochs;
    }

    /** The first epoch (from 0) of the annealing: every epoch from it on trains all data unweighted. */
    public int firstAnnealingEpoch() {
        return (int) Math.ceil(annealFrom * totalEpochs - 1e-9);
    }

    @Override
    public boolean isScoringEpoch(int epoch) {
        return true;
    }

    @Override
    public boolean isSwapEpoch(int epoch) {
        return epoch == warmupEpochs - 1;
    }

    @Override
    public EpochPlan planAfter(int epoch, EpochContext context) {
        int next = epoch + 1;
        int n = context.numExamples();
        if (next < warmupEpochs) {
            return EpochPlan.unchanged();
        }
        if (next >= firstAnnealingEpoch()) {
            return EpochPlan.all(context, String.format(Locale.ROOT, "soft pruning, annealing: epoch %d trains all data"
                    + " unweighted (%d of the %d planned epochs anneal)", next + 1,
                    Math.max(0, totalEpochs - firstAnnealingEpoch()), totalEpochs));
        }
        double threshold = threshold(context);
        int[] low = new int[n];
        int lowCount = 0;
        Decision[] decisions = new Decision[n];
        for (int id = 0; id < n; id++) {
            if (context.isMasked(id)) {
                decisions[id] = Decision.PRUNED_MASKED;
            } else {
                decisions[id] = Decision.KEPT;
                if (context.score(id) < threshold) {
                    low[lowCount++] = id;
                }
            }
        }
        int leftOut = (int) Math.round(pruneFraction * lowCount);
        SplittableRandom random = context.random(seed);
        for (int i = 0; i < leftOut; i++) {
            int j = i + random.nextInt(lowCount - i);
            int t = low[i];
            low[i] = low[j];
            low[j] = t;
            decisions[low[i]] = Decision.PRUNED_SOFT;
        }
        boolean[] upWeighted = new boolean[n];
        for (int i = leftOut; i < lowCount; i++) {
            upWeighted[low[i]] = true;
        }
        Selection selection = new Selection(decisions, String.format(Locale.ROOT, "soft pruning: %d of the %d"
                + " examples below the %s (%.4f) left out, the other %d weighted %.3f", leftOut, lowCount,
                thresholdQuantile < 0 ? "mean" : String.format(Locale.ROOT, "%.2f quantile", thresholdQuantile),
                threshold, lowCount - leftOut, weight()));
        float[] weights = new float[selection.keptCount()];
        int k = 0;
        for (int id = 0; id < n; id++) {
            if (decisions[id] == Decision.KEPT) {
                weights[k++] = upWeighted[id] ? (float) weight() : 1f;
            }
        }
        return EpochPlan.weightedSubset(selection, weights);
    }

    /** The loss weight of a low-score example that stays: 1 / (1 - pruneFraction). */
    public double weight() {
        return 1 / (1 - pruneFraction);
    }

    private double threshold(EpochContext context) {
        int n = context.numExamples();
        double[] values = new double[n];
        int m = 0;
        double sum = 0;
        for (int id = 0; id < n; id++) {
            if (!context.isMasked(id)) {
                values[m++] = context.score(id);
                sum += context.score(id);
            }
        }
        if (thresholdQuantile < 0) {
            return sum / Math.max(1, m);
        }
        double[] sorted = java.util.Arrays.copyOf(values, m);
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(m - 1, (int) Math.floor(thresholdQuantile * m))];
    }

    /** Every example in the warm-up and the annealing epochs; in between, as many as the latest epoch kept. */
    @Override
    public int expectedExamples(int epoch, int all, int kept) {
        return epoch < warmupEpochs || epoch >= firstAnnealingEpoch() ? all : kept;
    }

    @Override
    public boolean decidesAfterSwap() {
        return true;
    }

    @Override
    public boolean usesRule() {
        return false;
    }

    @Override
    public String describeSwap() {
        return String.format(Locale.ROOT, "soft pruning starts after epoch %d (epochs counted from 1): each epoch"
                + " leaves out %.0f%% of the examples below the %s and weights the rest of them %.3f; epochs %d to %d"
                + " train all data", warmupEpochs, 100 * pruneFraction, thresholdQuantile < 0 ? "mean score"
                : String.format(Locale.ROOT, "%.2f quantile", thresholdQuantile), weight(), firstAnnealingEpoch() + 1,
                totalEpochs);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SoftPruningSchedule{total %d, prune %.3f, anneal from %.3f, threshold %s,"
                + " warm-up %d, seed %d}", totalEpochs, pruneFraction, annealFrom, thresholdQuantile < 0 ? "mean"
                : String.valueOf(thresholdQuantile), warmupEpochs, seed);
    }

    /** Builds a {@link SoftPruningSchedule}; every option has InfoBatch's default. */
    public static final class Builder {
        private final int totalEpochs;
        private double pruneFraction = 0.5;
        private double annealFrom = 0.875;
        private double thresholdQuantile = -1;
        private int warmupEpochs = 1;
        private long seed = Defaults.SEED;

        private Builder(int totalEpochs) {
            checkArgument(totalEpochs >= 2, "totalEpochs must be at least 2 (the epochs fit will run), got %s",
                    totalEpochs);
            this.totalEpochs = totalEpochs;
        }

        /** The share r of the below-threshold examples left out each epoch, in (0, 1) (default 0.5). */
        public Builder pruneFraction(double r) {
            checkArgument(r > 0 && r < 1, "pruneFraction must be in (0, 1), got %s", r);
            this.pruneFraction = r;
            return this;
        }

        /** The share delta of the epochs that may prune; the rest anneal on all data (default 0.875). */
        public Builder annealFrom(double delta) {
            checkArgument(delta > 0 && delta <= 1, "annealFrom must be in (0, 1], got %s", delta);
            this.annealFrom = delta;
            return this;
        }

        /** The threshold: this quantile of the scores instead of their mean (default: the mean). */
        public Builder thresholdQuantile(double q) {
            checkArgument(q > 0 && q < 1, "thresholdQuantile must be in (0, 1), got %s", q);
            this.thresholdQuantile = q;
            return this;
        }

        /** Epochs on all data before the first pruned epoch, at least 1 (default 1). */
        public Builder warmupEpochs(int epochs) {
            checkArgument(epochs >= 1, "warmupEpochs must be at least 1, got %s", epochs);
            this.warmupEpochs = epochs;
            return this;
        }

        /** Seed of the per-epoch draws (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the schedule.
         *
         * @throws IllegalArgumentException if the warm-up reaches the annealing epochs (nothing would be pruned)
         */
        public SoftPruningSchedule build() {
            SoftPruningSchedule s = new SoftPruningSchedule(this);
            checkArgument(warmupEpochs < s.firstAnnealingEpoch(), "with %s warm-up epoch(s) and annealing from epoch"
                    + " %s of %s, no epoch is pruned; lower warmupEpochs or raise annealFrom", warmupEpochs,
                    s.firstAnnealingEpoch() + 1, totalEpochs);
            return s;
        }
    }

    @Override
    public int plannedEpochs() {
        return totalEpochs;
    }
}
