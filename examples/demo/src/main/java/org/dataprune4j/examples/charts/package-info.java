/**
 * PNG charts (score histograms with the kept range shaded, kept count per class) and the outlier gallery, drawn for
 * the demo and reused by the benchmark matrix's report.
 */
package org.dataprune4j.charts;
