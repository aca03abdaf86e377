package org.dataprune4j.benchmarks.matrix;

import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.examples.ExampleNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * MNIST and Fashion-MNIST from the project's data cache, with the reference MLP. The validation split is the
 * last {@code validationSize} images of the training split; training uses the first {@code trainSize} of the
 * rest (all of it when 0).
 */
public final class RealData implements MatrixData {
    @Override
    public Splits load(String dataset, MatrixSpec spec) {
        ImageDataset which = byName(dataset);
        LabelledImages all = Datasets.load(which, Split.TRAIN);
        int n = all.size();
        int v = spec.validationSize();
        LabelledImages validation = all.slice(n - v, n);
        int trainSize = spec.trainSize() == 0 ? n - v : spec.trainSize();
        if (trainSize > n - v) {
            throw new IllegalArgumentException("trainSize " + trainSize + " exceeds the " + (n - v)
                    + " training images left after the validation split");
        }
        return new Splits(all.head(trainSize), validation, Datasets.load(which, Split.TEST), 28, 28,
                which.classNames());
    }

    /**
     * The data set named {@code mnist} or {@code fashion-mnist}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ImageDataset byName(String dataset) {
        return switch (dataset) {
            case "mnist" -> ImageDataset.MNIST;
            case "fashion-mnist" -> ImageDataset.FASHION_MNIST;
            default -> throw new IllegalArgumentException("Unknown data set '" + dataset
                    + "'; use mnist or fashion-mnist");
        };
    }

    @Override
    public MultiLayerNetwork network(Splits splits, long seed) {
        return ExampleNetworks.mlp(seed);
    }
}
