/**
 * The outlier gallery: the highest-scoring images drawn in a grid, for the demo and the benchmark matrix's report.
 * The charts themselves and the run report page are in the {@code dataprune4j-charts} module
 * ({@code org.dataprune4j.charts}).
 */
package org.dataprune4j.examples.charts;
