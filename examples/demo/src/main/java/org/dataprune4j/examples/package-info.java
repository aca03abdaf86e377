/**
 * Runnable examples: {@link org.dataprune4j.examples.PruningDemo} (the README's first command; {@code model=graph}
 * trains the ComputationGraph version), {@link org.dataprune4j.examples.QuickStart} and
 * {@link org.dataprune4j.examples.RangeTuningExample} (the README's snippets, compiled and tested), with the helpers
 * the benchmarks and integration tests share: {@link org.dataprune4j.examples.ExampleNetworks} and
 * {@link org.dataprune4j.examples.TrainingRuns}. The benchmarks live in the {@code dataprune4j-benchmarks} module,
 * the data loader in {@code dataprune4j-data}.
 */
package org.dataprune4j.examples;
