/**
 * Selection rules: which examples to keep, given one score per example.
 *
 * <p>A {@link org.dataprune4j.select.SelectionRule} turns scores and labels into a
 * {@link org.dataprune4j.select.Selection}, a {@link org.dataprune4j.select.Decision} for every example. Rules
 * rank examples by score ascending; ties are broken in a random order drawn with the library's default seed, so
 * runs are reproducible and tied examples are not kept or dropped by id ({@link org.dataprune4j.select.Ties}).
 * Available rules:
 * {@link org.dataprune4j.select.ScoreRangeRule} (a quantile range, keep hardest, keep easiest),
 * {@link org.dataprune4j.select.RandomRule} (the baseline) and {@link org.dataprune4j.select.ClassBalancedRule}
 * (any rule applied per class).
 */
package org.dataprune4j.select;
