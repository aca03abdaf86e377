package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.select.RandomRule;

/**
 * A fresh random subset of the same size every epoch after the warm-up, scores ignored: the baseline every dynamic
 * rule must beat (Raju et al. 2021 found it ahead of a static subset at aggressive pruning rates). Masked examples
 * are never drawn.
 *
 * @param fraction the share of examples trained each epoch after the warm-up, in (0, 1]
 * @param warmupEpochs epochs on all data first, at least 1
 * @param seed seed of the draws; epoch e draws with a seed derived from it and e
 */
public record RandomDynamicSchedule(double fraction, int warmupEpochs, long seed) implements PruningSchedule {

    /** Validates the settings. */
    public RandomDynamicSchedule {
        checkArgument(fraction > 0 && fraction <= 1, "fraction kept must be in (0, 1], got %s", fraction);
        checkArgument(warmupEpochs >= 1, "warmupEpochs must be at least 1, got %s", warmupEpochs);
    }

    /** Keeps a fresh random {@code fraction} every epoch after {@code warmupEpochs}, seed 42. */
    public static RandomDynamicSchedule keep(double fraction, int warmupEpochs) {
        return new RandomDynamicSchedule(fraction, warmupEpochs, Defaults.SEED);
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
        if (epoch < warmupEpochs - 1) {
            return EpochPlan.unchanged();
        }
        long drawSeed = context.random(seed).nextLong();
        return EpochPlan.subset(context.select(RandomRule.keep(fraction, drawSeed)));
    }

    @Override
    public int expectedExamples(int epoch, int all, int kept) {
        return epoch < warmupEpochs ? all : (int) Math.round(fraction * all);
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
        return String.format(Locale.ROOT, "from the end of epoch %d (epochs counted from 1) on, a fresh random %.0f%%"
                + " of the examples is drawn for every epoch", warmupEpochs, 100 * fraction);
    }
}
