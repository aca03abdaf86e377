package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A scorer restricted to a subset of the examples: it passes only the subset's rows on to an inner scorer
 * built for the subset's size, so that an expensive score is computed on, say, 10% of the data (the first
 * step of score extrapolation). {@link #scores()} has one entry per subset id, in {@link #scoredIds()} order.
 */
public final class SubsetScorer implements ExampleScorer {
    private final ExampleScorer inner;
    private final int[] scoredIds;
    private final int[] positionOfId;

    private SubsetScorer(ExampleScorer inner, int[] scoredIds, int[] positionOfId) {
        this.inner = inner;
        this.scoredIds = scoredIds;
        this.positionOfId = positionOfId;
    }

    /**
     * @param scoredIds the subset, distinct ids in [0, numExamples), ascending
     * @param numExamples number of example ids
     * @param innerForSize builds the inner scorer for a given number of examples
     */
    public static SubsetScorer of(int[] scoredIds, int numExamples, IntFunction<ExampleScorer> innerForSize) {
        requireNonNull(scoredIds, "scoredIds");
        requireNonNull(innerForSize, "innerForSize");
        checkArgument(scoredIds.length > 0, "the scored subset is empty; score at least one example");
        checkArgument(scoredIds.length <= numExamples, "the scored subset has %s ids but there are only %s examples",
                scoredIds.length, numExamples);
        int[] position = new int[numExamples];
        Arrays.fill(position, -1);
        for (int i = 0; i < scoredIds.length; i++) {
            int id = scoredIds[i];
            checkArgument(id >= 0 && id < numExamples, "scored id %s is outside [0, %s)", id, numExamples);
            checkArgument(i == 0 || id > scoredIds[i - 1], "scored ids must be ascending and distinct, got %s after %s",
                    id, i == 0 ? -1 : scoredIds[i - 1]);
            position[id] = i;
        }
        return new SubsetScorer(requireNonNull(innerForSize.apply(scoredIds.length), "inner scorer"),
                scoredIds.clone(), position);
    }

    /** The ids this scorer scores, ascending. */
    public int[] scoredIds() {
        return scoredIds.clone();
    }

    @Override
    public ScoreKind kind() {
        return inner.kind();
    }

    @Override
    public ScoreInput input() {
        return inner.input();
    }

    @Override
    public void observe(ScoredBatch batch) {
        ScoredBatch subset = batch.restrictTo(positionOfId);
        if (subset.size() > 0) {
            inner.observe(subset);
        }
    }

    @Override
    public double[] snapshot() {
        return inner.snapshot();
    }

    @Override
    public void restore(double[] snapshot) {
        inner.restore(snapshot);
    }

    @Override
    public double[] scores() {
        return inner.scores();
    }

    @Override
    public String toString() {
        return "SubsetScorer{" + kind() + " on " + scoredIds.length + " of " + positionOfId.length + "}";
    }
}
