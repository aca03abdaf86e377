package org.dataprune4j.score;

/**
 * Thrown when a network's outputs are NaN or infinite, so no example can be scored: training diverged.
 *
 * <p>Lower the learning rate, check the inputs for NaN, or normalise the features, then train again.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was not finite, and where
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
