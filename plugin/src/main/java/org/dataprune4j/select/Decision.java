package org.dataprune4j.select;

/**
 * What a selection rule decided for one example, and why.
 */
public enum Decision {
    /** Kept for training after the swap. */
    KEPT("kept"),
    /** Pruned: its score ranks below the kept range (too easy). */
    PRUNED_BELOW_RANGE("score below the kept range"),
    /** Pruned: its score ranks above the kept range (too hard, often mislabelled). */
    PRUNED_ABOVE_RANGE("score above the kept range"),
    /** Pruned: not drawn by the random rule. */
    PRUNED_NOT_DRAWN("not drawn by the random rule"),
    /** Pruned without ranking: its labels mask is 0, so it adds no loss to training and its score means nothing. */
    PRUNED_MASKED("labels mask is 0 (adds no loss); not ranked"),
    /** Left out of the next epoch by soft pruning: its score is below the threshold and it was not drawn. */
    PRUNED_SOFT("score below the soft-pruning threshold, not drawn for this epoch"),
    /** Pruned by {@link ClassAdaptiveRule}: outside its class's quota (set from the class's mean score). */
    PRUNED_CLASS_QUOTA("outside its class's adaptive quota");

    private final String reason;

    Decision(String reason) {
        this.reason = reason;
    }

    /** A short human-readable reason. */
    public String reason() {
        return reason;
    }

    /** Whether the example is kept. */
    public boolean isKept() {
        return this == KEPT;
    }
}
