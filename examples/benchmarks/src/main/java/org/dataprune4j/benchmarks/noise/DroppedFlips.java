package org.dataprune4j.benchmarks.noise;

import java.util.Arrays;
import org.dataprune4j.select.Selection;

/**
 * How well a run's dropped set matches the planted label flips: precision is the share of flipped examples among
 * those dropped, recall the share of flipped examples that were dropped.
 *
 * @param dropped examples not kept by the run's last selection
 * @param flippedDropped of those, how many had a flipped label
 * @param flipped flipped examples in the training set
 */
public record DroppedFlips(int dropped, int flippedDropped, int flipped) {

    /** Nothing dropped (a full-data run). */
    public static DroppedFlips none(int flipped) {
        return new DroppedFlips(0, 0, flipped);
    }

    /** Counts the flipped ids among the examples {@code selection} does not keep. */
    public static DroppedFlips of(Selection selection, int[] flippedIds) {
        int dropped = selection.size() - selection.keptCount();
        int hits = (int) Arrays.stream(flippedIds).filter(id -> !selection.isKept(id)).count();
        return new DroppedFlips(dropped, hits, flippedIds.length);
    }

    /** Flipped share of the dropped examples; NaN when nothing was dropped. */
    public double precision() {
        return dropped == 0 ? Double.NaN : (double) flippedDropped / dropped;
    }

    /** Dropped share of the flipped examples; NaN when nothing was flipped. */
    public double recall() {
        return flipped == 0 ? Double.NaN : (double) flippedDropped / flipped;
    }
}
