/**
 * The swap point: {@link org.dataprune4j.iterator.PruningIterator}, a {@code DataSetIterator} that gives every
 * training example a stable id, serves all of them during warm-up and only the kept ones after the swap.
 *
 * <p>Sources: an in-memory {@code DataSet} (rows gathered per batch, reshuffled every epoch with a seed) or any
 * resettable {@code DataSetIterator} (streamed in its own order, filtered by id, re-batched).
 */
package org.dataprune4j.iterator;
