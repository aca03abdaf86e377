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
}
