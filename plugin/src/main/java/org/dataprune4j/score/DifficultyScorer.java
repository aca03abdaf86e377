package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Difficulty: one minus the mean probability of the labelled class over an example's training passes (DUAL's
 * difficulty term, Cho et al. 2025; one minus the "confidence" of Swayamdipta et al.'s data maps, 2020). High = the
 * network gave the label little probability on average. 8 bytes an example (a sum and a count).
 */
public final class DifficultyScorer implements ExampleScorer {
    private final float[] sums;
    private final int[] presentations;

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     */
    public DifficultyScorer(int numExamples) {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        this.sums = new float[numExamples];
        this.presentations = new int[numExamples];
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.DIFFICULTY;
    }

    @Override
    public ScoreInput input() {
        return ScoreInput.TRAINING_PASSES;
    }

    @Override
    public void observe(ScoredBatch batch) {
        for (int r = 0; r < batch.size(); r++) {
            int id = batch.id(r);
            sums[id] += (float) batch.probability(r, batch.label(r));
            presentations[id]++;
        }
    }

    @Override
    public double[] scores() {
        double[] s = new double[sums.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = presentations[i] == 0 ? Double.NaN : 1 - sums[i] / presentations[i];
        }
        return Scores.checkAllScored(kind(), s);
    }

    /** The sums, then the counts. */
    @Override
    public double[] snapshot() {
        double[] s = new double[2 * sums.length];
        for (int i = 0; i < sums.length; i++) {
            s[i] = sums[i];
            s[sums.length + i] = presentations[i];
        }
        return s;
    }

    @Override
    public void restore(double[] snapshot) {
        checkArgument(snapshot.length == 2 * sums.length, "a difficulty snapshot of %s numbers does not fit %s"
                + " examples", snapshot.length, sums.length);
        for (int i = 0; i < sums.length; i++) {
            sums[i] = (float) snapshot[i];
            presentations[i] = (int) snapshot[sums.length + i];
        }
    }
}
