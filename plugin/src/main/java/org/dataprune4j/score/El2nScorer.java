package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * EL2N, the error L2 norm ||softmax(output) - onehot(label)||_2 of each example (Paul et al. 2021,
 * "Deep Learning on a Data Diet"). High = hard or mislabelled; low = easy, learned early.
 *
 * <p>Two sources, chosen by {@link ScoreInput} (the figures behind the default are in docs/BENCHMARKS.md, "EL2N
 * from training passes or from one evaluation pass"):
 * <ul>
 *   <li>{@link ScoreInput#TRAINING_PASSES} (the listener's default): each example's value from its latest
 *       training forward pass during warm-up, at no extra pass. Subsets pruned with it trained better;</li>
 *   <li>{@link ScoreInput#END_OF_WARMUP_PASS}: one evaluation-mode pass with the weights at the end of
 *       warm-up, as in the paper (a fraction of an epoch of inference). It found planted flipped labels a little
 *       better, but subsets pruned with it trained worse. Choose it for the outlier list, not for the kept
 *       subset.</li>
 * </ul>
 */
public final class El2nScorer extends LatestValueScorer {
    private final ScoreInput input;

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     * @param input {@link ScoreInput#TRAINING_PASSES} or {@link ScoreInput#END_OF_WARMUP_PASS}
     */
    public El2nScorer(int numExamples, ScoreInput input) {
        super(numExamples);
        checkArgument(input == ScoreInput.TRAINING_PASSES || input == ScoreInput.END_OF_WARMUP_PASS,
                "EL2N is taken from TRAINING_PASSES or END_OF_WARMUP_PASS, not %s", input);
        this.input = input;
    }

    @Override
    double value(ScoredBatch batch, int row) {
        return batch.residualNorm(row);
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.EL2N;
    }

    @Override
    public ScoreInput input() {
        return input;
    }
}
