/**
 * Selection rules: which examples to keep, given one score per example.
 *
 * <p>A {@link org.dataprune4j.select.SelectionRule} turns scores and labels into a
 * {@link org.dataprune4j.select.Selection}, a {@link org.dataprune4j.select.Decision} for every example. Rules
 * rank examples by (score, id) ascending, so ties are broken deterministically by id. Available rules:
 * {@link org.dataprune4j.select.ScoreRangeRule} (a quantile range, keep hardest, keep easiest),
 * {@link org.dataprune4j.select.RandomRule} (the baseline) and {@link org.dataprune4j.select.ClassBalancedRule}
 * (any rule applied per class).
 */
package org.dataprune4j.select;
