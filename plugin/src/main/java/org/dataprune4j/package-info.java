/**
 * DataPrune4J: prune DL4J training data inside the training loop. What a user touches is here and in
 * {@link org.dataprune4j.select}:
 * <ul>
 *   <li>{@link org.dataprune4j.PruningIterator}: the wrapping {@code DataSetIterator}, and the swap point: it
 *       serves every example during warm-up and only the kept ones from the epoch after the swap;</li>
 *   <li>{@link org.dataprune4j.PruningListener}: the {@code TrainingListener} for a {@code MultiLayerNetwork} or a
 *       {@code ComputationGraph}; it scores examples from the warm-up's own training passes and, at its end, selects
 *       the kept subset (the scoring itself is done by a package-private {@code ScoringEngine});</li>
 *   <li>{@link org.dataprune4j.PruningReport}: what the swap kept and pruned, and why, with a CSV of every score.</li>
 * </ul>
 * The rest, one package per concept, with dependencies pointing down:
 * <ul>
 *   <li>{@link org.dataprune4j.select}: the selection rules (score range, hardest, easiest, random,
 *       class-balanced);</li>
 *   <li>{@link org.dataprune4j.schedule}: when the swap happens and what later epochs train, budgets
 *       ({@code TrainingBudget}) and RS2;</li>
 *   <li>{@link org.dataprune4j.lr}: learning-rate schedules fitted to a pruned run's length;</li>
 *   <li>{@link org.dataprune4j.tune}: the [lo, hi] range search on a validation set ({@code HalvingTuner}; the
 *       Arbiter-based {@code RangeTuner} needs Arbiter on the classpath);</li>
 *   <li>{@link org.dataprune4j.extrapolate}: a score computed on a subset, predicted for the rest by kNN or a graph
 *       network (inside the run, or by a separate subset run: {@link org.dataprune4j.SubsetScoring});</li>
 *   <li>{@link org.dataprune4j.embed}: which model layer or graph vertex embeds examples for prototypes and
 *       extrapolation;</li>
 *   <li>{@link org.dataprune4j.score}: the per-example scores (EL2N, GraNd, forgetting events, prototype
 *       distance, the loss, and the training-dynamics scores Dynamic Uncertainty, TDDS and DUAL);</li>
 *   <li>{@link org.dataprune4j.cluster}: k-means behind the prototype scores;</li>
 *   <li>{@code org.dataprune4j.internal}: plumbing (the seam over DL4J's two model types, ND4J helpers); not API,
 *       and not in the published Javadoc.</li>
 * </ul>
 * Epochs: in everything the library writes (logs, messages, reports) "epoch k" counts from 1; methods that return
 * an epoch as a position ({@code PruningReport.swapEpoch()}, {@code EpochContext.epoch()}) count from 0, as DL4J's
 * epoch counter does; methods that return a count ({@code epochsSeen()}) are counts.
 */
package org.dataprune4j;
