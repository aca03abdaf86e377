package org.dataprune4j.select;

import java.util.function.Consumer;
import org.nd4j.linalg.dataset.DataSet;

/** The training examples by id, as a {@link TunableRule} trains on them at the swap. */
@FunctionalInterface
public interface ExampleBatches {
    /**
     * Hands the examples with these ids to {@code consumer}, in this order, {@code batchSize} at a time (the last
     * batch may be smaller), as {@code DataSet}s with features, one-hot labels and masks, pre-processed as training
     * batches are.
     *
     * @param ids distinct ids, in the order wanted
     * @param batchSize examples per batch
     * @param consumer receives each batch
     */
    void forEachBatch(int[] ids, int batchSize, Consumer<DataSet> consumer);
}
