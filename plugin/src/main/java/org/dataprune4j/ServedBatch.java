package org.dataprune4j;

/**
 * The ids and class indices of the examples in one batch the iterator served, in row order.
 *
 * @param ids example ids, one per row
 * @param labels class index of each row
 */
record ServedBatch(int[] ids, int[] labels) {
}
