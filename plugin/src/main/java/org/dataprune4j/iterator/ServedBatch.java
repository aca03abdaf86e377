package org.dataprune4j.iterator;

/**
 * The ids and class indices of the examples in one batch the iterator served, in row order.
 *
 * @param ids example ids, one per row
 * @param labels class index of each row
 */
public record ServedBatch(int[] ids, int[] labels) {
}
