/**
 * Runnable examples: {@link org.dataprune4j.examples.PruningDemo} (the README's first command),
 * {@link org.dataprune4j.examples.QuickStart} (the README's snippet) and
 * {@link org.dataprune4j.examples.PruningBenchmark} (the figures in docs/BENCHMARKS.md), with the helpers they
 * share: {@link org.dataprune4j.examples.ExampleNetworks} and {@link org.dataprune4j.examples.TrainingRuns}.
 */
package org.dataprune4j.examples;
