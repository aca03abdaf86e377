/**
 * What a swap did: {@link org.dataprune4j.record.PruningReport} accounts for every example (kept, or pruned
 * with its score and the reason), lists likely-mislabelled outliers and writes every score as CSV.
 */
package org.dataprune4j.record;
