package org.dataprune4j.select;

import org.nd4j.linalg.dataset.DataSet;

/** The training examples by id, as a {@link TunableRule} trains on them at the swap. */
@FunctionalInterface
public interface ExampleBatches {
    /**
     * The examples with these ids, as one {@code DataSet} in id order (features, one-hot labels, masks).
     *
     * @param ascendingIds ids, ascending and distinct
     */
    DataSet examples(int[] ascendingIds);
}
