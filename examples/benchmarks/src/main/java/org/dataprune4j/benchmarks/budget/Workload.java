package org.dataprune4j.benchmarks.budget;

import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.LongTail;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.RandomCropFlip;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.ResidualCnn;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What the budget benchmark trains: a training and a test set, the network for a seed and an updater, and the
 * augmentation of the training batches for a seed (none for the MLP).
 *
 * @param name the data set's name in the tables
 * @param train the training set
 * @param test the test set
 * @param network a freshly initialised network (a {@code MultiLayerNetwork} or a {@code ComputationGraph}) for
 *     (seed, updater)
 * @param augmentation the augmentation of training batches for a seed, or null for none
 * @param evalBatch examples evaluated at a time (0: the whole test set at once)
 */
public record Workload(String name, DataSet train, DataSet test, BiFunction<Long, IUpdater, Model> network,
                       LongFunction<DataSetPreProcessor> augmentation, int evalBatch) {

    /** Fashion-MNIST or MNIST (all 60,000 training and 10,000 test images) and the reference MLP 784-512-256-10. */
    public static Workload real(String dataset) {
        ImageDataset d = image(dataset);
        return new Workload(dataset, Datasets.load(d, Split.TRAIN).toDataSet(), Datasets.load(d, Split.TEST)
                .toDataSet(), ExampleNetworks::mlp, null, 0);
    }

    /**
     * Fashion-MNIST or MNIST made long-tailed (issue 30): the training set by {@link LongTail} with imbalance
     * {@code ratio} (a seeded draw, data seed 1 for every run), the test set left balanced, the reference MLP.
     * Named e.g. "fashion-mnist-lt100".
     */
    public static Workload longTailed(String dataset, double ratio) {
        ImageDataset d = image(dataset);
        return new Workload(String.format(java.util.Locale.ROOT, "%s-lt%.0f", dataset, ratio),
                LongTail.of(Datasets.load(d, Split.TRAIN), ratio, 1).toDataSet(), Datasets.load(d, Split.TEST)
                .toDataSet(), ExampleNetworks::mlp, null, 0);
    }

    /**
     * For choosing a setting without the test set (issue 30): {@code perClass} training images of every class held
     * out as a balanced validation set, which takes the test set's place, and the long-tailed profile drawn from the
     * rest ({@link LongTail#withValidation}). Named e.g. "fashion-mnist-lt100-val500".
     */
    public static Workload longTailedValidation(String dataset, double ratio, int perClass) {
        ImageDataset d = image(dataset);
        LongTail.WithValidation split = LongTail.withValidation(Datasets.load(d, Split.TRAIN), ratio, 1, perClass);
        return new Workload(String.format(java.util.Locale.ROOT, "%s-lt%.0f-val%d", dataset, ratio, perClass),
                split.train().toDataSet(), split.validation().toDataSet(), ExampleNetworks::mlp, null, 0);
    }

    /**
     * The first {@code trainSize} training images of Fashion-MNIST or MNIST, all 10,000 test images, the
     * {@link ResidualCnn} of the given width, and random-crop (2 px) and flip augmentation seeded by the run's seed.
     * Named e.g. "fashion-mnist-cnn16-20000".
     */
    public static Workload cnn(String dataset, int trainSize, int width) {
        ImageDataset d = image(dataset);
        return new Workload(dataset + "-cnn" + width + "-" + trainSize,
                Datasets.load(d, Split.TRAIN).head(trainSize).toDataSet(), Datasets.load(d, Split.TEST).toDataSet(),
                (seed, updater) -> ResidualCnn.build(28, width, 10, seed, updater),
                seed -> new RandomCropFlip(28, 2, true, seed * 31 + 7), 500);
    }

    /**
     * The first {@code trainSize} training images of Fashion-MNIST or MNIST and all 10,000 test images read as
     * sequences of their 28 rows (28 pixels a step; features [examples, 28, 28] as [examples, channels, steps]),
     * classified by an LSTM of {@code hidden} units with {@code LastTimeStep} ({@link ExampleNetworks#rowLstm}).
     * Named e.g. "fashion-mnist-rows-lstm64-10000".
     */
    public static Workload rows(String dataset, int trainSize, int hidden) {
        ImageDataset d = image(dataset);
        return new Workload(dataset + "-rows-lstm" + hidden + "-" + trainSize,
                asRows(Datasets.load(d, Split.TRAIN).head(trainSize).toDataSet()),
                asRows(Datasets.load(d, Split.TEST).toDataSet()),
                (seed, updater) -> ExampleNetworks.rowLstm(28, hidden, 10, seed, updater), null, 1000);
    }

    /**
     * A binary task: all training and test images of Fashion-MNIST or MNIST, labelled 1 for class {@code positive}
     * and 0 for the rest (labels of one column; a tenth of the images are positive), and the reference MLP with one
     * sigmoid output and binary cross-entropy ({@link ExampleNetworks#binaryMlp}). Named e.g.
     * "fashion-mnist-class6-vs-rest".
     */
    public static Workload oneVsRest(String dataset, int positive) {
        ImageDataset d = image(dataset);
        return new Workload(dataset + "-class" + positive + "-vs-rest",
                oneVsRest(Datasets.load(d, Split.TRAIN).toDataSet(), positive),
                oneVsRest(Datasets.load(d, Split.TEST).toDataSet(), positive), ExampleNetworks::binaryMlp, null, 0);
    }

    /** One-hot labels [n, classes] made one column: 1 for class {@code positive}, 0 otherwise. */
    static DataSet oneVsRest(DataSet data, int positive) {
        if (positive < 0 || positive >= data.getLabels().size(1)) {
            throw new IllegalArgumentException("positive=" + positive + " is not a class of the data (0 to "
                    + (data.getLabels().size(1) - 1) + ")");
        }
        return new DataSet(data.getFeatures(), data.getLabels().getColumn(positive, true).dup());
    }

    /** Images [n, 784] as sequences of rows: step t holds row t's 28 pixels, [n, 28 (pixels), 28 (rows)]. */
    static DataSet asRows(DataSet images) {
        int n = images.numExamples();
        return new DataSet(images.getFeatures().reshape('c', n, 28, 28).permute(0, 2, 1).dup('c'),
                images.getLabels());
    }

    private static ImageDataset image(String dataset) {
        return switch (dataset) {
            case "fashion-mnist" -> ImageDataset.FASHION_MNIST;
            case "mnist" -> ImageDataset.MNIST;
            default -> throw new IllegalArgumentException("Unknown dataset '" + dataset + "'; use fashion-mnist,"
                    + " mnist or tiny");
        };
    }

    /** 800 generated examples in 4 overlapping Gaussian classes (20 dimensions), 400 test, MLP 20-32-4: for tests. */
    public static Workload tiny() {
        return new Workload("tiny", blobs(800, 1), blobs(400, 2),
                (seed, updater) -> ExampleNetworks.mlp(20, new int[] {32}, 4, seed, updater), null, 0);
    }

    private static DataSet blobs(int n, long seed) {
        SplittableRandom centres = new SplittableRandom(7);
        SplittableRandom random = new SplittableRandom(seed);
        float[][] mu = new float[4][20];
        for (float[] c : mu) {
            for (int d = 0; d < 20; d++) {
                c[d] = (float) (centres.nextDouble() * 2 - 1);
            }
        }
        float[][] x = new float[n][20];
        float[][] y = new float[n][4];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            for (int d = 0; d < 20; d++) {
                x[i][d] = mu[c][d] + (float) (random.nextGaussian() * 0.8);
            }
            y[i][c] = 1;
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }
}
