/**
 * Per-example scores: how hard or how important each training example is.
 *
 * <p>Every scorer is an {@link org.dataprune4j.score.ExampleScorer}: it observes batches of
 * {@link org.dataprune4j.score.ScoredBatch} (example ids, softmax outputs, one-hot labels and the input of the
 * output layer) and returns one score per example id. Which batches it needs is its
 * {@link org.dataprune4j.score.ScoreInput}: the training passes, one evaluation pass at the end of warm-up,
 * or fresh initialisations of the network. Nothing here touches a DL4J model; the listener feeds them.
 */
package org.dataprune4j.score;
