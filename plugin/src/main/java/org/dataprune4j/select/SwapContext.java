package org.dataprune4j.select;

import static java.util.Objects.requireNonNull;

import org.deeplearning4j.nn.api.Model;

/**
 * What a {@link TunableRule} tunes on at the swap: the warmed-up model (train copies of it, never the model
 * itself), every example's ranked score and label, the examples by id, and a fingerprint of the training data.
 *
 * @param model the warmed-up {@code MultiLayerNetwork} or {@code ComputationGraph}
 * @param scores the ranked score of every example, by id
 * @param labels the class index of every example, by id
 * @param scoreName the ranked score's name, e.g. {@code el2n}
 * @param examples the training examples by id
 * @param dataFingerprint a digest of the training data (features and labels of every example, in id order)
 */
public record SwapContext(Model model, double[] scores, int[] labels, String scoreName, ExampleBatches examples,
                          String dataFingerprint) {
    /** Checks that nothing is missing. */
    public SwapContext {
        requireNonNull(model, "model");
        requireNonNull(scores, "scores");
        requireNonNull(labels, "labels");
        requireNonNull(scoreName, "scoreName");
        requireNonNull(examples, "examples");
        requireNonNull(dataFingerprint, "dataFingerprint");
    }
}
