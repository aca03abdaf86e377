package org.dataprune4j.score;

/**
 * Which forward passes a scorer needs to observe; the listener routes batches accordingly.
 */
public enum ScoreInput {
    /** The training forward passes of the warm-up epochs: no extra pass over the data. */
    TRAINING_PASSES,
    /** One evaluation-mode pass over all examples at the end of warm-up. */
    END_OF_WARMUP_PASS,
    /** One evaluation-mode pass per fresh initialisation of the network's configuration. */
    FRESH_INITIALISATIONS
}
