package org.dataprune4j.score;

import java.util.Arrays;

/**
 * Records the class the network last predicted for each example, for the outlier list of a report.
 */
public final class PredictionTracker {
    private final int[] predicted;

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     */
    public PredictionTracker(int numExamples) {
        this.predicted = new int[numExamples];
        Arrays.fill(predicted, -1);
    }

    /** Records the predictions of one batch. */
    public void observe(ScoredBatch batch) {
        for (int r = 0; r < batch.size(); r++) {
            predicted[batch.id(r)] = batch.predicted(r);
        }
    }

    /** The last predicted class of each example, -1 where none was seen. */
    public int[] predictions() {
        return predicted.clone();
    }

    /** Restores predictions saved from {@link #predictions()} (a checkpoint). */
    public void restore(int[] saved) {
        if (saved.length != predicted.length) {
            throw new IllegalArgumentException("saved predictions of " + saved.length + " examples do not fit "
                    + predicted.length);
        }
        System.arraycopy(saved, 0, predicted, 0, predicted.length);
    }
}
