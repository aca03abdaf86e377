package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Another schedule, with its last epochs on all data (InfoBatch's "annealing"): up to epoch
 * {@code totalEpochs - annealEpochs} (from 0) it decides as {@code inner} does; from then on every epoch trains every
 * example, unweighted. Used by {@link TrainingBudget#annealEpochs}.
 */
record AnnealedSchedule(PruningSchedule inner, int totalEpochs, int annealEpochs) implements PruningSchedule {

    AnnealedSchedule {
        requireNonNull(inner, "inner");
        checkArgument(annealEpochs >= 1 && annealEpochs < totalEpochs, "annealEpochs must be in [1, %s), got %s",
                totalEpochs, annealEpochs);
    }

    private int firstAnnealingEpoch() {
        return totalEpochs - annealEpochs;
    }

    @Override
    public boolean isScoringEpoch(int epoch) {
        return epoch < firstAnnealingEpoch() && inner.isScoringEpoch(epoch);
    }

    @Override
    public boolean isSwapEpoch(int epoch) {
        return inner.isSwapEpoch(epoch);
    }

    @Override
    public EpochPlan planAfter(int epoch, EpochContext context) {
        int next = epoch + 1;
        if (next == firstAnnealingEpoch()) {
            return EpochPlan.all(context, String.format(Locale.ROOT, "annealing: epochs %d to %d train"
                    + " all data", next + 1, totalEpochs));
        }
        return next > firstAnnealingEpoch() ? EpochPlan.unchanged() : inner.planAfter(epoch, context);
    }

    @Override
    public boolean decidesAfterSwap() {
        return true;
    }

    @Override
    public boolean needsScores() {
        return inner.needsScores();
    }

    @Override
    public boolean usesRule() {
        return inner.usesRule();
    }

    @Override
    public int expectedExamples(int epoch, int all, int kept) {
        return epoch >= firstAnnealingEpoch() ? all : inner.expectedExamples(epoch, all, kept);
    }

    @Override
    public String describeSwap() {
        return inner.describeSwap() + String.format(Locale.ROOT, "; epochs %d to %d train all data (annealing)",
                firstAnnealingEpoch() + 1, totalEpochs);
    }

    @Override
    public int plannedEpochs() {
        return totalEpochs;
    }
}
