/**
 * Score extrapolation ("Effective Data Pruning through Score Extrapolation", 2025): compute an expensive score
 * on a subset, predict it for every other example in an embedding space, from its nearest scored neighbours
 * ({@link org.dataprune4j.extrapolate.KnnExtrapolator}) or by a graph network over the neighbour graph
 * ({@link org.dataprune4j.extrapolate.GraphExtrapolator}), both an {@link org.dataprune4j.extrapolate.Extrapolator},
 * and measure how well it ranks with {@link org.dataprune4j.extrapolate.Spearman}.
 */
package org.dataprune4j.extrapolate;
