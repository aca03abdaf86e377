package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

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
public final class El2nScorer implements ExampleScorer {
    private final ScoreInput input;
    /** Float, the precision of the outputs the norm comes from: 4 bytes an example for the whole run. */
    private final float[] scores;

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     * @param input {@link ScoreInput#TRAINING_PASSES} or {@link ScoreInput#END_OF_WARMUP_PASS}
     */
    public El2nScorer(int numExamples, ScoreInput input) {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        checkArgument(input == ScoreInput.TRAINING_PASSES || input == ScoreInput.END_OF_WARMUP_PASS,
                "EL2N is taken from TRAINING_PASSES or END_OF_WARMUP_PASS, not %s", input);
        this.input = input;
        this.scores = new float[numExamples];
        Arrays.fill(scores, Float.NaN);
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
            scores[batch.id(r)] = (float) batch.residualNorm(r);
        }
    }

    @Override
    public double[] snapshot() {
        return Scores.widen(scores);
    }

    @Override
    public void restore(double[] snapshot) {
        checkArgument(snapshot.length == scores.length, "an EL2N snapshot of %s examples does not fit %s",
                snapshot.length, scores.length);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) snapshot[i];
        }
    }

    @Override
    public double[] scores() {
        return Scores.checkAllScored(kind(), Scores.widen(scores));
    }
}
