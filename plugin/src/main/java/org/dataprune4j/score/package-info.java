/**
 * Per-example scores: how hard or how important each training example is.
 *
 * <p>Every scorer is an {@link org.dataprune4j.score.ExampleScorer}: it observes batches of
 * {@link org.dataprune4j.score.ScoredBatch} (example ids, softmax outputs, one-hot labels and the input of the
 * output layer) and returns one score per example id. Which batches it needs is its
 * {@link org.dataprune4j.score.ScoreInput}: the training passes, one evaluation pass at the end of warm-up,
 * or fresh initialisations of the network. {@link org.dataprune4j.score.SubsetScorer} restricts one to a subset
 * (for score extrapolation). The training-dynamics scores (Dynamic Uncertainty, TDDS, DUAL) keep a bounded window of
 * each example's recent passes, sized by a {@link org.dataprune4j.score.DynamicsWindow}.
 * {@link org.dataprune4j.score.PrototypeScorer} is the exception that says so in its
 * API: it takes every example's embedding at once and clusters them. Nothing here touches a DL4J model; the
 * listener feeds them.
 */
package org.dataprune4j.score;
