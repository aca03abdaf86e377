/**
 * DataPrune4J: prune DL4J training data inside the training loop.
 *
 * <p>The pieces, one package each:
 * <ul>
 *   <li>{@link org.dataprune4j.iterator}: {@code PruningIterator}, the wrapping {@code DataSetIterator}; the
 *       swap point where training moves from all examples to the kept ones;</li>
 *   <li>{@link org.dataprune4j.listener}: {@code PruningListener}, the {@code TrainingListener} that scores
 *       examples during warm-up and decides the kept subset at the end of it;</li>
 *   <li>{@link org.dataprune4j.score}: the per-example scores (EL2N, GraNd, forgetting events, prototype
 *       distance);</li>
 *   <li>{@link org.dataprune4j.embed}: which network layer embeds examples for prototypes and extrapolation;</li>
 *   <li>{@link org.dataprune4j.cluster}: k-means behind the prototype scores;</li>
 *   <li>{@link org.dataprune4j.extrapolate}: a score computed on a subset, predicted for the rest;</li>
 *   <li>{@link org.dataprune4j.tune}: the [lo, hi] range search on a validation set;</li>
 *   <li>{@link org.dataprune4j.select}: the selection rules (score range, hardest, easiest, random,
 *       class-balanced);</li>
 *   <li>{@link org.dataprune4j.schedule}: when the swap happens;</li>
 *   <li>{@link org.dataprune4j.record}: what a swap kept and pruned, and why, with a CSV of every score.</li>
 * </ul>
 */
package org.dataprune4j;
