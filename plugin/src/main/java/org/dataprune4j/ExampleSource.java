package org.dataprune4j;

import java.util.BitSet;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Where the examples come from: gives ids 0 to size - 1 and opens one pass over chosen ids.
 */
interface ExampleSource {

    /** Number of examples. */
    int size();

    /** The ids 0 to n - 1, ascending: a pass over every example. */
    static int[] allIds(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /** Class index of each example, by id: the source's own array, shared to keep one copy; never modify it. */
    int[] labels();

    /** The examples whose labels mask is all zeros (excluded from ranking), empty when none. */
    BitSet masked();

    /** Number of columns of a flattened feature row. */
    int inputColumns();

    /** Number of classes. */
    int totalOutcomes();

    /**
     * Whether an example's features change from one read to the next (a source that augments): then the data's
     * fingerprint leaves them out.
     */
    default boolean featuresChange() {
        return false;
    }

    /** Whether batches may be read on a prefetch thread (a streamed source answers as its iterator does). */
    boolean prefetchAllowed();

    /** Whether {@link #open} accepts ids in any order (in-memory) or only ascending (streamed). */
    boolean randomAccess();

    /**
     * Opens a pass over the given ids.
     *
     * @param ids the ids to serve, in serving order; ascending unless {@link #randomAccess()}
     * @param batchSize examples per batch (the last may be smaller)
     */
    Cursor open(int[] ids, int batchSize);

    /** One pass over chosen examples. Used by one thread at a time. */
    interface Cursor {
        /** Whether another batch is ready; never throws for a data problem, see {@link #failure()}. */
        boolean hasNext();

        /** The next batch; its ids are {@link #lastIds()}. */
        DataSet next();

        /** The ids of the batch last returned by {@link #next()}. */
        int[] lastIds();

        /** A problem found with the source during this pass, or null. It ends the pass early. */
        RuntimeException failure();
    }

}
