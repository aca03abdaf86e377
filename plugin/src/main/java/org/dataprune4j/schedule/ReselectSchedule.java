package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Warm-up, swap, then the listener's rule applied again to fresh scores every {@code everyEpochs} epochs: the kept
 * set may change, so an example whose score rises later (a flipped label learned late, an example forgotten) can
 * enter or leave it. Scores are updated by every training pass for the whole run; pruned examples keep their last
 * score until they are trained again. A rule that draws at random draws afresh at each selection
 * ({@link org.dataprune4j.select.SelectionRule#forDraw}), the same draws in a rerun or a resumed run.
 *
 * @param warmupEpochs epochs on all data before the swap, at least 1
 * @param everyEpochs epochs between two selections, at least 1 (1: every epoch)
 */
public record ReselectSchedule(int warmupEpochs, int everyEpochs) implements PruningSchedule {

    /** Validates the settings. */
    public ReselectSchedule {
        checkArgument(warmupEpochs >= 1, "warmupEpochs must be at least 1, got %s", warmupEpochs);
        checkArgument(everyEpochs >= 1, "everyEpochs must be at least 1, got %s", everyEpochs);
    }

    /** Re-selects every {@code everyEpochs} epochs after {@code warmupEpochs} warm-up epochs. */
    public static ReselectSchedule every(int everyEpochs, int warmupEpochs) {
        return new ReselectSchedule(warmupEpochs, everyEpochs);
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
        int sinceSwap = epoch - (warmupEpochs - 1);
        return sinceSwap >= 0 && sinceSwap % everyEpochs == 0
                ? EpochPlan.subset(context.ruleSelection(sinceSwap / everyEpochs)) : EpochPlan.unchanged();
    }

    @Override
    public boolean decidesAfterSwap() {
        return true;
    }

    @Override
    public String describeSwap() {
        return "the swap comes at the end of epoch " + warmupEpochs + " (epochs counted from 1), the last of "
                + warmupEpochs + " warm-up epoch(s); the rule is applied again every " + everyEpochs + " epoch(s)";
    }
}
