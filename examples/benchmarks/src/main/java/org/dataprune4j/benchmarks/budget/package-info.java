/**
 * The fair-baseline benchmark: pruning against full data with a learning-rate schedule fitted to its own length,
 * full data for fewer epochs and RS2 at the same budget, all side by side in one process ({@link
 * org.dataprune4j.benchmarks.budget.BudgetBenchmark}).
 */
package org.dataprune4j.benchmarks.budget;
