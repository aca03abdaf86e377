package org.dataprune4j.benchmarks.crossover;

import org.dataprune4j.benchmarks.matrix.MatrixData.Splits;
import org.dataprune4j.benchmarks.matrix.RealData;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.examples.ExampleNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * MNIST and Fashion-MNIST from the project's data cache with the reference MLP: the pool is the first 55,000
 * training images, validation the last 5,000, test the 10,000 test images.
 */
public final class RealSweepData implements SweepData {
    /** Images held out of the pool for validation. */
    public static final int VALIDATION = 5_000;
    /** Images in the pool the sizes are drawn from. */
    public static final int POOL = 55_000;

    @Override
    public Splits load(String dataset) {
        ImageDataset which = RealData.byName(dataset);
        LabelledImages all = Datasets.load(which, Split.TRAIN);
        int n = all.size();
        return new Splits(all.head(n - VALIDATION), all.slice(n - VALIDATION, n), Datasets.load(which, Split.TEST),
                28, 28, which.classNames());
    }

    @Override
    public MultiLayerNetwork network(Splits splits, long seed) {
        return ExampleNetworks.mlp(seed);
    }
}
