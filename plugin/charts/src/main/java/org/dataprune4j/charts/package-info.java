/**
 * Pictures of a pruning run: {@link org.dataprune4j.charts.RunReport} writes a page about a run's report (the
 * score histogram with the kept examples, kept per class, the highest scores, the cost), and
 * {@link org.dataprune4j.charts.Charts} builds the charts themselves with XChart. Depends on the core library and
 * XChart only, and binds no logger.
 */
package org.dataprune4j.charts;
