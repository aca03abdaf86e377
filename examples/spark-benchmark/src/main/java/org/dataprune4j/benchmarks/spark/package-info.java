/** The Spark scoring benchmark of docs/BENCHMARKS.md ("Scoring on Spark"). */
package org.dataprune4j.benchmarks.spark;
