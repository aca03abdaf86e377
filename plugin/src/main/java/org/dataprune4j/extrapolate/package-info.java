/**
 * Score extrapolation ("Effective Data Pruning through Score Extrapolation", 2025): compute an expensive score
 * on a subset, predict it for every other example from its nearest scored neighbours in an embedding space
 * ({@link org.dataprune4j.extrapolate.KnnExtrapolator}), and measure how well it ranks with
 * {@link org.dataprune4j.extrapolate.Spearman}.
 */
package org.dataprune4j.extrapolate;
