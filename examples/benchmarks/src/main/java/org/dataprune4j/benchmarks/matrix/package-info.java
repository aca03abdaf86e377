/**
 * The benchmark matrix (datasets x scores x rules x kept fractions x seeds, plus full-data runs), its
 * resumable results file, the JSON run record, the PNG charts, the outlier gallery and the static HTML report.
 * {@link org.dataprune4j.benchmarks.matrix.BenchmarkMatrix} is the main; {@link
 * org.dataprune4j.benchmarks.matrix.NoiseStudy} the label-noise study.
 */
package org.dataprune4j.benchmarks.matrix;
