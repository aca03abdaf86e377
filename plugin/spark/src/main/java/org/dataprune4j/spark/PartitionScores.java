package org.dataprune4j.spark;

import java.io.Serializable;

/**
 * The scores of one partition's examples, column by column (a few bytes an example, the unit Spark caches and ships).
 * Internal: users read scores through {@link SparkScores}.
 */
final class PartitionScores implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Example ids, in the partition's order. */
    int[] ids;
    /** Class index of each example. */
    int[] labels;
    /** The class the model predicts. */
    int[] predicted;
    /** EL2N, stored as a float as the single-machine scorer stores it. */
    float[] el2n;
    /** Cross-entropy loss, stored as a float as the single-machine scorer stores it. */
    float[] loss;
    /** Forgetting scores, or null when forgetting is not tracked. */
    double[] forgetting;
    /** The forgetting state (the single-machine scorer's snapshot) to continue from, or null. */
    double[] forgettingState;

    /** For serialisation frameworks (Kryo) only. */
    PartitionScores() {
    }

    PartitionScores(int size, boolean withForgetting) {
        ids = new int[size];
        labels = new int[size];
        predicted = new int[size];
        el2n = new float[size];
        loss = new float[size];
        if (withForgetting) {
            forgetting = new double[size];
        }
    }

    int size() {
        return ids.length;
    }
}
