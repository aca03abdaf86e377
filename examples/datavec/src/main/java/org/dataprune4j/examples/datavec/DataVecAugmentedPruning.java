package org.dataprune4j.examples.datavec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.split.FileSplit;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.recordreader.ImageRecordReader;
import org.datavec.image.transform.BoxImageTransform;
import org.datavec.image.transform.FlipImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.PipelineImageTransform;
import org.datavec.image.transform.RandomCropTransform;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.ResidualCnn;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's DataVec snippet, compiled and run: Fashion-MNIST images as PNG files in class folders, read by an
 * {@code ImageRecordReader} whose {@code ImageTransform} pads by 2 pixels, crops 28x28 at random and flips half of
 * them, every epoch anew; the {@link ResidualCnn} trains on them with pruning after one warm-up epoch.
 *
 * <p>Arguments: {@code images=2000 epochs=4 keep=0.6 dir=target/fashion-mnist-png}.
 */
public final class DataVecAugmentedPruning {
    private static final Logger log = LoggerFactory.getLogger(DataVecAugmentedPruning.class);

    private DataVecAugmentedPruning() {
    }

    /**
     * The source as a DataVec user builds it: every image file under {@code dir} (one folder per class), in one
     * fixed random order, augmented by the reader, 64 images a batch, pixels scaled to [0, 1].
     */
    public static DataSetIterator augmentedSource(Path dir, int numClasses, long seed) {
        try {
            // README DataVec snippet begins
            FileSplit files = new FileSplit(dir.toFile(), NativeImageLoader.ALLOWED_FORMATS);
            List<URI> order = new ArrayList<>(Arrays.asList(files.locations()));
            Collections.shuffle(order, new Random(seed));  // shuffled once: a FileSplit given a Random
                                                           // reshuffles at every reset, which changes the ids
            ImageTransform augment = new PipelineImageTransform.Builder().setSeed(seed)
                    .addImageTransform(new BoxImageTransform(32, 32))           // pad by 2 px
                    .addImageTransform(new RandomCropTransform(seed, 28, 28))  // a random 28x28 crop
                    .addImageTransform(new FlipImageTransform(1), 0.5)          // mirror half of them
                    .build();
            ImageRecordReader reader = new ImageRecordReader(28, 28, 1, new ParentPathLabelGenerator(), augment);
            reader.initialize(new CollectionInputSplit(order));
            DataSetIterator source = new RecordReaderDataSetIterator(reader, 64, 1, numClasses);
            source.setPreProcessor(new ImagePreProcessingScaler(0, 1));
            // README DataVec snippet ends
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the images under " + dir, e);
        }
    }

    /** Trains the residual CNN on the augmented source with pruning; returns the listener for its ledger. */
    public static PruningListener train(DataSetIterator source, ComputationGraph net, int epochs, double keep) {
        // README DataVec pruning begins
        PruningIterator train = PruningIterator.builder(source)
                .sourceAugments()  // the reader augments: check ids by position, label and count, not pixels
                .build();
        PruningListener pruning = PruningListener.builder(train, ScoreRangeRule.keepHardest(keep))
                .warmupEpochs(1)
                .epochs(epochs)    // the fitted learning-rate schedule is re-planned as pruning shrinks epochs
                .build();
        net.addListeners(pruning);
        net.fit(train, epochs);
        // README DataVec pruning ends
        return pruning;
    }

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) {
        Arguments a = Arguments.parse(args);
        int images = a.intValue("images", 2000);
        int epochs = a.intValue("epochs", 4);
        double keep = Double.parseDouble(a.value("keep", "0.6"));
        Path dir = ImageFolders.write(Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).head(images),
                Path.of(a.value("dir", "target/fashion-mnist-png-" + images)));
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).head(2000).toDataSet();
        FittedSchedule schedule = FittedSchedule.cosine(5e-3).build();
        ComputationGraph net = ResidualCnn.build(28, 16, 10, 42, new Adam(schedule));
        PruningListener pruning = train(augmentedSource(dir, 10, 42), net, epochs, keep);
        log.info("Examples per epoch {}; test accuracy on 2,000 images {}", pruning.ledger().examplesPerEpoch(),
                String.format(java.util.Locale.ROOT, "%.2f %%", 100 * TrainingRuns.accuracy(net, test, 500)));
    }
}
