package org.dataprune4j.score;

/**
 * A per-example score, accumulated from batches of forward-pass results and read once at the swap.
 *
 * <p>Implementations are stateful accumulators, one per training run: the listener calls
 * {@link #observe(ScoredBatch)} for every batch of the passes named by {@link #input()}, then
 * {@link #scores()} once. Higher scores mean harder examples.
 */
public interface ExampleScorer {

    /** Which score this is. */
    ScoreKind kind();

    /** Which forward passes this scorer must observe. */
    ScoreInput input();

    /**
     * Observes one batch.
     *
     * @param batch forward-pass results for some examples, keyed by their ids
     */
    void observe(ScoredBatch batch);

    /**
     * The scores, indexed by example id (a {@link SubsetScorer} indexes by position in its subset).
     *
     * @return a new array with one score per example this scorer covers
     * @throws IllegalStateException if some example was never observed
     */
    double[] scores();

    /**
     * The scorer's accumulated state as numbers, for a checkpoint; {@link #restore} takes it back.
     *
     * @throws UnsupportedOperationException if this scorer cannot be checkpointed
     */
    default double[] snapshot() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }

    /**
     * Restores the state a {@link #snapshot()} of a scorer of the same kind and size returned.
     *
     * @throws IllegalArgumentException if the snapshot does not fit this scorer
     */
    default void restore(double[] snapshot) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be checkpointed");
    }
}
