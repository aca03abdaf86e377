/**
 * The benchmark mains behind docs/BENCHMARKS.md, each one process so that every ratio compares runs measured side
 * by side: {@link org.dataprune4j.benchmarks.PruningBenchmark} (listener overhead for a network and a graph, GraNd,
 * full vs pruned training, the EL2N source), {@link org.dataprune4j.benchmarks.PrototypeBenchmark} and
 * {@link org.dataprune4j.benchmarks.TuningBenchmark}; the matrix and the noise study are in
 * {@link org.dataprune4j.benchmarks.matrix}. Run with {@code -Pbenchmark -Dbenchmark.main=...}.
 */
package org.dataprune4j.benchmarks;
