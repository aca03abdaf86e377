/**
 * Evaluation of a pruned run beyond overall accuracy: {@link org.dataprune4j.eval.ClassAccuracy} (per class, worst
 * class, balanced) and {@link org.dataprune4j.eval.LogitAdjustment} (predictions adjusted for imbalanced classes).
 */
package org.dataprune4j.eval;
