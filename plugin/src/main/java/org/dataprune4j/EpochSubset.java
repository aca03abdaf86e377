package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Which examples the iterator serves: the active ids (all until the first subset) and the pending ones that take
 * effect at the next epoch, each optionally with a loss weight per id. Written by the listener's thread at an
 * epoch's end, read by the iterator's; the arrays are replaced, never changed. Internal to the iterator.
 */
final class EpochSubset {
    private final int numExamples;
    private volatile int[] active;
    private volatile int[] pending;
    /** Loss weights of the active ids (same order), or null when unweighted; the pending ones likewise. */
    private volatile float[] activeWeights;
    private volatile float[] pendingWeights;

    EpochSubset(int numExamples) {
        this.numExamples = numExamples;
        this.active = ExampleSource.allIds(numExamples);
    }

    /** The ids served this epoch, ascending. Do not modify. */
    int[] active() {
        return active;
    }

    /**
     * Serves only the given examples from the next epoch on, each with a loss weight or unweighted.
     *
     * @param keptIds ids to keep, ascending, at least one
     * @param weights one weight per kept id, or null for unweighted
     */
    void keepFromNextEpoch(int[] keptIds, float[] weights) {
        requireNonNull(keptIds, "keptIds");
        checkArgument(keptIds.length > 0, "a subset must keep at least one example");
        checkArgument(weights == null || weights.length == keptIds.length, "%s weights for %s ids",
                weights == null ? 0 : weights.length, keptIds.length);
        for (int i = 0; i < keptIds.length; i++) {
            checkArgument(keptIds[i] >= 0 && keptIds[i] < numExamples, "id %s is not an example id [0, %s)",
                    keptIds[i], numExamples);
            checkArgument(i == 0 || keptIds[i] > keptIds[i - 1], "kept ids must be ascending and distinct");
        }
        this.pendingWeights = weights == null ? null : weights.clone();
        this.pending = keptIds.clone();
    }

    /** Makes the pending subset active now, if there is one; returns its size, or -1 if none was pending. */
    int takePending() {
        int[] next = pending;
        if (next == null) {
            return -1;
        }
        activeWeights = pendingWeights;
        active = next;
        pending = null;
        pendingWeights = null;
        return next.length;
    }

    /** The examples the current epoch serves, or the next one if asked between epochs (pending, else active). */
    int nextEpochCount() {
        int[] next = pending;
        return next != null ? next.length : active.length;
    }

    /** The loss weights of the ids the next epoch serves (pending or, if none, active), or null when unweighted. */
    float[] nextEpochWeights() {
        float[] w = pending != null ? pendingWeights : activeWeights;
        return w == null ? null : w.clone();
    }

    /** The loss weight of each row of a batch, or null when this epoch is unweighted. */
    float[] rowWeights(int[] ids) {
        float[] weights = activeWeights;
        if (weights == null) {
            return null;
        }
        int[] kept = active;
        float[] rows = new float[ids.length];
        for (int r = 0; r < ids.length; r++) {
            rows[r] = weights[Arrays.binarySearch(kept, ids[r])];
        }
        return rows;
    }
}
