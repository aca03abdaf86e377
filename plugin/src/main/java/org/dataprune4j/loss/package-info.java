/**
 * Per-example loss weights for DL4J output layers ({@link org.dataprune4j.loss.WeightedLoss}), used by soft pruning
 * to keep the expected gradient unchanged. Depends on ND4J only.
 */
package org.dataprune4j.loss;
