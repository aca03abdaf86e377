/**
 * The scarce/abundant crossover sweep: keep-hardest, keep-easiest and random against the training-set size, with
 * its table and Sorscher-style chart.
 */
package org.dataprune4j.benchmarks.crossover;
