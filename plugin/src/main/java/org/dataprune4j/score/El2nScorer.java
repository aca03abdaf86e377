package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * EL2N, the error L2 norm ||softmax(output) - onehot(label)||_2 of each example (Paul et al. 2021,
 * "Deep Learning on a Data Diet"). High = hard or mislabelled; low = easy, learned early.
 *
 * <p>Two sources, chosen by {@link ScoreInput}:
 * <ul>
 *   <li>{@link ScoreInput#END_OF_WARMUP_PASS} (the listener's default): one evaluation-mode pass with the
 *       weights at the end of warm-up, as in the paper, so every example is scored by the same weights. On
 *       Fashion-MNIST with 5% flipped labels it put more of them in its top 5% than the training passes did
 *       in each of 3 seeds (0.748/0.719/0.757 against 0.702/0.715/0.718, docs/BENCHMARKS.md), for about
 *       0.6 s of inference (an eighth of an epoch of the reference MLP);</li>
 *   <li>{@link ScoreInput#TRAINING_PASSES}: each example's value from its latest training forward pass
 *       during warm-up; free, but each example is scored by the weights of the moment it was trained on,
 *       earlier batches by older weights.</li>
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
