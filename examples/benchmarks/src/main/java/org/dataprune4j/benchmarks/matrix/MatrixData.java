package org.dataprune4j.benchmarks.matrix;

import org.dataprune4j.data.LabelledImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Where the matrix gets its data and networks: the real data sets for the benchmark, generated images for its
 * tests.
 */
public interface MatrixData {

    /** The splits of one data set: training, validation (for tuning; disjoint from training) and test. */
    record Splits(LabelledImages train, LabelledImages validation, LabelledImages test, int width, int height,
                  java.util.List<String> classNames) {
    }

    /**
     * Loads a data set.
     *
     * @param dataset its name
     * @param spec the matrix spec (training and validation sizes)
     */
    Splits load(String dataset, MatrixSpec spec);

    /** A freshly initialised network for the data, with the given seed. */
    MultiLayerNetwork network(Splits splits, long seed);
}
