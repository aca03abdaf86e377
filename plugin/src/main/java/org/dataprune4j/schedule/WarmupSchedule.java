package org.dataprune4j.schedule;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Warm-up then swap: the first {@code warmupEpochs} epochs train on all examples and are scored; at the end
 * of the last of them the kept subset is chosen, and every later epoch trains on it.
 *
 * @param warmupEpochs number of warm-up epochs, at least 1 (2 is the default of the listener)
 */
public record WarmupSchedule(int warmupEpochs) implements PruningSchedule {

    /** Validates the number of warm-up epochs. */
    public WarmupSchedule {
        checkArgument(warmupEpochs >= 1, "warmupEpochs must be at least 1 (scores come from the warm-up's "
                + "training passes), got %s", warmupEpochs);
    }

    /** A schedule with the given number of warm-up epochs. */
    public static WarmupSchedule epochs(int warmupEpochs) {
        return new WarmupSchedule(warmupEpochs);
    }

    @Override
    public boolean isScoringEpoch(int epoch) {
        return epoch < warmupEpochs;
    }

    @Override
    public boolean isSwapEpoch(int epoch) {
        return epoch == warmupEpochs - 1;
    }

    @Override
    public String describeSwap() {
        return "the swap comes at the end of epoch " + warmupEpochs + " (epochs counted from 1), the last of "
                + warmupEpochs + " warm-up epoch(s)";
    }
}
