package org.dataprune4j.score;

/**
 * The per-example cross-entropy loss, -ln p(label), from each example's latest training pass (InfoBatch's score,
 * Qin et al. 2024, "InfoBatch: Lossless Training Speed Up by Unbiased Dynamic Data Pruning"). Like EL2N it is
 * high for hard or mislabelled examples; unlike EL2N it does not saturate for confidently wrong predictions.
 */
public final class LossScorer extends LatestValueScorer {

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     */
    public LossScorer(int numExamples) {
        super(numExamples);
    }

    @Override
    double value(ScoredBatch batch, int row) {
        return batch.crossEntropy(row);
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.LOSS;
    }

    @Override
    public ScoreInput input() {
        return ScoreInput.TRAINING_PASSES;
    }
}
