package org.dataprune4j.loss;

/**
 * The loss weight of each row of the batch being trained, published by the {@code PruningIterator} when it serves
 * the batch and read by {@link WeightedLoss} on the same training thread. Null means every row weighs 1.
 */
public final class BatchWeights {
    private volatile float[] weights;

    /**
     * Publishes the weights of the batch about to be trained.
     *
     * @param rowWeights one weight per row, or null for all 1
     */
    public void publish(float[] rowWeights) {
        this.weights = rowWeights;
    }

    /** The weights of the batch being trained, or null when every row weighs 1. */
    public float[] current() {
        return weights;
    }
}
