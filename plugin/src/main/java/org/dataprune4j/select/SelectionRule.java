package org.dataprune4j.select;

/**
 * Decides which examples to keep from one score per example.
 *
 * <p>Implementations are immutable and deterministic: the same scores and labels give the same selection.
 * Higher scores mean harder examples.
 */
public interface SelectionRule {

    /**
     * Decides for every example.
     *
     * @param scores one finite score per example, indexed by id
     * @param labels the class index of each example, indexed by id
     * @return a decision for every example
     * @throws IllegalArgumentException if the arrays differ in length, a score is not finite, or the rule
     *     would keep no example
     */
    Selection select(double[] scores, int[] labels);

    /** A short description, for logs and reports, e.g. {@code score range [0.48, 0.98]}. */
    String describe();
}
