package org.dataprune4j.schedule;

import java.util.Set;
import org.dataprune4j.score.ScoreKind;

/**
 * Says, for each epoch the listener sees (counted from 0), whether scores are collected, when the first kept subset
 * is chosen (the swap: with the extra scoring passes and the report) and what every later epoch trains.
 * Implementations are immutable.
 *
 * <p>The default, {@link WarmupSchedule}, swaps once and keeps that subset. Dynamic schedules decide again after
 * the swap from scores kept fresh by every training pass: {@link ReselectSchedule} applies the rule again every k
 * epochs, {@link SoftPruningSchedule} is InfoBatch's rule (a random share of the low-score examples left out each
 * epoch, the rest of them up-weighted, all data at the end), and {@link RandomDynamicSchedule} draws a fresh random
 * subset each epoch.
 */
public interface PruningSchedule {

    /** Whether training passes of this epoch are scored. */
    boolean isScoringEpoch(int epoch);

    /** Whether the swap, the first choice of a subset, comes at the end of this epoch; true for exactly one epoch. */
    boolean isSwapEpoch(int epoch);

    /**
     * What the epoch after {@code epoch} trains, asked at the end of the swap epoch and of every later epoch. The
     * default applies the listener's rule at the swap and keeps that subset afterwards.
     */
    default EpochPlan planAfter(int epoch, EpochContext context) {
        return isSwapEpoch(epoch) ? EpochPlan.subset(context.ruleSelection()) : EpochPlan.unchanged();
    }

    /**
     * Whether this schedule may change what is trained after the swap. If so the listener keeps scoring every
     * training pass for the whole run, and ranks by a score that training passes update (EL2N, loss, forgetting).
     */
    default boolean decidesAfterSwap() {
        return false;
    }

    /**
     * Whether this schedule decides from scores (the default). One that does not (RS2, {@link Rs2Schedule}) scores
     * nothing and has no swap and no report: the listener asks {@link #planAfter} with epoch -1 before the first
     * epoch, then at the end of every epoch, with scores of 0.
     */
    default boolean needsScores() {
        return true;
    }

    /**
     * The number of epochs this schedule is planned for (soft pruning's annealing comes in its last ones), or 0 (the
     * default) if it works for any number. The listener refuses a different {@code epochs(n)}.
     */
    default int plannedEpochs() {
        return 0;
    }

    /** Scores this schedule reads beside the ranked one ({@link EpochContext#scores}); the listener computes them. */
    default Set<ScoreKind> scoresNeeded() {
        return Set.of();
    }

    /** Whether {@link #planAfter} uses the listener's selection rule; false for a schedule that chooses by itself. */
    default boolean usesRule() {
        return true;
    }

    /**
     * How many examples epoch {@code epoch} (from 0) is expected to train, for fitting a learning-rate schedule to
     * the run ({@code org.dataprune4j.lr.FittedSchedule}). The default: every example up to the swap epoch and in
     * it, {@code kept} after it.
     *
     * @param all the number of examples
     * @param kept the examples the latest selection keeps, or before the swap the rule's kept count
     */
    default int expectedExamples(int epoch, int all, int kept) {
        for (int e = 0; e < epoch; e++) {
            if (isSwapEpoch(e)) {
                return kept;
            }
        }
        return all;
    }

    /**
     * When the swap comes, for people: e.g. "the swap comes at the end of epoch 2 (epochs counted from 1)".
     * The default names the first swap epoch among the first 10,000.
     */
    default String describeSwap() {
        for (int e = 0; e < 10_000; e++) {
            if (isSwapEpoch(e)) {
                return "the swap comes at the end of epoch " + (e + 1) + " (epochs counted from 1)";
            }
        }
        return "this schedule never swaps";
    }
}
