package org.dataprune4j.benchmarks.crossover;

import org.dataprune4j.benchmarks.matrix.MatrixData.Splits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Where the sweep gets its data and networks: the real data sets for the benchmark, generated images for its
 * tests. The training split is the pool the sizes are drawn from; validation and test stay fixed.
 */
public interface SweepData {
    /** Loads a data set: the training pool, a fixed validation split, the test split. */
    Splits load(String dataset);

    /** A freshly initialised network for the data, with the given seed. */
    MultiLayerNetwork network(Splits splits, long seed);
}
