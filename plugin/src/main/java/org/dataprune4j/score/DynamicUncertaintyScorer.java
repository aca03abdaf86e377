package org.dataprune4j.score;

/**
 * Dynamic Uncertainty (He et al., CVPR workshops 2024, "Large-scale Dataset Pruning with Dynamic Uncertainty"): the
 * standard deviation of an example's probability of its labelled class over a sliding window of epochs, averaged over
 * the windows. High = the prediction still moves: uncertain, kept.
 *
 * <p>As the authors' code computes it (github BAAI-DCAI/Dataset-Pruning, {@code ImageNet/get_coreset.py}): the
 * sample standard deviation (torch.std, n - 1) of the last {@code window} probabilities, taken at every epoch from the
 * window-th on <em>except the last</em> ({@code idx < len(files) - 1}), and averaged. So K presentations give
 * K - window windows, and an example needs window + 1 presentations. That code multiplies by 10, which changes no
 * ranking; this scorer does not. Values come from the training passes (train-mode outputs), one per presentation, as
 * the authors record them during training.
 *
 * <p>Memory: 4 x window + 8 bytes an example (48 at the default window of 10).
 */
public final class DynamicUncertaintyScorer extends WindowAverageScorer {

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     * @param window the window
     */
    public DynamicUncertaintyScorer(int numExamples, DynamicsWindow window) {
        super(numExamples, window);
    }

    @Override
    boolean countsLatestWindow() {
        return false;
    }

    @Override
    double windowValue(ProbabilityWindow values, int id) {
        return values.std(id);
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.DYNAMIC_UNCERTAINTY;
    }
}
