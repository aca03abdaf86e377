/**
 * DataPrune4J on Spark: per-example scores computed by the executors from a broadcast model
 * ({@link org.dataprune4j.spark.SparkScoring}), the kept set chosen from the distributed scores by a distributed sort
 * ({@link org.dataprune4j.spark.SparkSelection}, the same set as on one machine), and a per-epoch training loop on
 * dl4j-spark that swaps to the kept subset after warm-up ({@link org.dataprune4j.spark.SparkPruningTrainer}).
 *
 * <p>Examples are keyed by a stable id ({@link org.dataprune4j.spark.ExampleIds}); every score and decision is tied
 * to that id, so repartitioning never changes which example is which.
 */
package org.dataprune4j.spark;
