package org.dataprune4j;

/**
 * One of the highest-scoring examples: often mislabelled or ambiguous, worth a look.
 *
 * @param id the example id
 * @param label its given class index
 * @param predicted the class the warm-up model last predicted for it
 * @param score its score in the selection's score kind
 * @param kept whether the swap kept it
 */
public record Outlier(int id, int label, int predicted, double score, boolean kept) {
}
