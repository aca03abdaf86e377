/**
 * Evaluation of a pruned run beyond overall accuracy: {@link org.dataprune4j.eval.ClassAccuracy} (per class, worst
 * class, balanced).
 */
package org.dataprune4j.eval;
