package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * EL2N, the error L2 norm ||softmax(output) - onehot(label)||_2 of each example (Paul et al. 2021,
 * "Deep Learning on a Data Diet"). High = hard or mislabelled; low = easy, learned early.
 *
 * <p>Two sources, chosen by {@link ScoreInput}:
 * <ul>
 *   <li>{@link ScoreInput#TRAINING_PASSES} (the default): each example's value from its latest training
 *       forward pass during warm-up. It costs no extra pass over the data. It ranked the planted mislabelled
 *       examples of Fashion-MNIST as well as the evaluation pass did (docs/BENCHMARKS.md), so the free one
 *       is the default;</li>
 *   <li>{@link ScoreInput#END_OF_WARMUP_PASS}: one evaluation-mode pass with the weights at the end of
 *       warm-up, as in the paper; every example is scored by the same weights, at the cost of one inference
 *       pass.</li>
 * </ul>
 */
public final class El2nScorer implements ExampleScorer {
    private final ScoreInput input;
    private final double[] scores;

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     * @param input {@link ScoreInput#TRAINING_PASSES} or {@link ScoreInput#END_OF_WARMUP_PASS}
     */
    public El2nScorer(int numExamples, ScoreInput input) {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        checkArgument(input == ScoreInput.TRAINING_PASSES || input == ScoreInput.END_OF_WARMUP_PASS,
                "EL2N is taken from TRAINING_PASSES or END_OF_WARMUP_PASS, not %s", input);
        this.input = input;
        this.scores = new double[numExamples];
        Arrays.fill(scores, Double.NaN);
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.EL2N;
    }

    @Override
    public ScoreInput input() {
        return input;
    }

    @Override
    public void observe(ScoredBatch batch) {
        for (int r = 0; r < batch.size(); r++) {
            scores[batch.id(r)] = batch.residualNorm(r);
        }
    }

    @Override
    public double[] scores() {
        return Scores.checkAllScored(kind(), scores);
    }
}
