package org.dataprune4j.score;

/**
 * DUAL (Cho et al., 2025, "Lightweight Dataset Pruning without Full Training via Example Difficulty and Prediction
 * Uncertainty"): per sliding window of epochs, the standard deviation of the example's probability of its labelled
 * class (uncertainty) times one minus its mean (difficulty), averaged over the windows. Meant for early training only
 * (the authors score over the first 30 of 200 epochs); high = hard and uncertain, kept.
 *
 * <p>As the authors' code computes it (github behaapyy/dual-pruning, {@code exp_cifar/importance_evaluation.py},
 * {@code dual}): windows {@code i = 0 .. T - window}, all of them, each {@code std * (1 - mean)} with torch.std (n -
 * 1); that code multiplies by 10, which changes no ranking; this scorer does not. Values come from the training
 * passes, one per presentation. The paper's Beta-distribution sampling at extreme pruning ratios is a selection rule,
 * not part of the score.
 *
 * <p>Memory: 4 x window + 8 bytes an example (48 at the default window of 10).
 */
public final class DualScorer extends WindowAverageScorer {

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     * @param window the window
     */
    public DualScorer(int numExamples, DynamicsWindow window) {
        super(numExamples, window);
    }

    @Override
    boolean countsLatestWindow() {
        return true;
    }

    @Override
    double windowValue(ProbabilityWindow values, int id) {
        return values.std(id) * (1 - values.mean(id));
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.DUAL;
    }
}
