package org.dataprune4j.score;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A per-example score computed once, at the swap, from every example's embedding (rather than accumulated from
 * forward passes like an {@link ExampleScorer}): the prototype distances of {@link PrototypeScorer}. Higher
 * scores mean harder (more atypical) examples.
 */
public interface EmbeddingScorer {

    /** Which score this is. */
    ScoreKind kind();

    /**
     * Scores every example from its embedding.
     *
     * @param embeddings {@code [n, d]}, row = example id
     * @param labels class index per example id (a label-free scorer ignores them)
     * @return one score per example, and how the computation went
     */
    PrototypeScorer.Result score(INDArray embeddings, int[] labels);
}
