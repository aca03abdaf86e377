package org.dataprune4j.schedule;

/**
 * Says, for each epoch the listener sees (counted from 0), whether scores are collected and whether the kept
 * subset is chosen at its end. Implementations are immutable.
 */
public interface PruningSchedule {

    /** Whether training passes of this epoch are scored. */
    boolean isScoringEpoch(int epoch);

    /** Whether the kept subset is chosen at the end of this epoch; true for exactly one epoch. */
    boolean isSwapEpoch(int epoch);

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
