package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * A score that is each example's value from its latest observed pass (EL2N, the loss): one float per example, so
 * an example that is not trained keeps its last value.
 */
abstract class LatestValueScorer implements ExampleScorer {
    private final float[] scores;

    LatestValueScorer(int numExamples) {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        this.scores = new float[numExamples];
        Arrays.fill(scores, Float.NaN);
    }

    /** The value of one row of a batch. */
    abstract double value(ScoredBatch batch, int row);

    @Override
    public final void observe(ScoredBatch batch) {
        for (int r = 0; r < batch.size(); r++) {
            scores[batch.id(r)] = (float) value(batch, r);
        }
    }

    @Override
    public final double[] snapshot() {
        return Scores.widen(scores);
    }

    @Override
    public final void restore(double[] snapshot) {
        checkArgument(snapshot.length == scores.length, "a %s snapshot of %s examples does not fit %s", kind(),
                snapshot.length, scores.length);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) snapshot[i];
        }
    }

    @Override
    public final double[] scores() {
        return Scores.checkAllScored(kind(), Scores.widen(scores));
    }
}
