package org.dataprune4j;

import org.dataprune4j.select.Decision;

/**
 * One example the swap pruned, with the score it was ranked by and why it was pruned.
 *
 * @param id the example id
 * @param label its class index
 * @param score its score in the selection's score kind
 * @param decision why it was pruned
 */
public record PrunedExample(int id, int label, double score, Decision decision) {

    /** A short human-readable reason. */
    public String reason() {
        return decision.reason();
    }
}
