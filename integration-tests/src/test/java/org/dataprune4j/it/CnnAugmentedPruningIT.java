package org.dataprune4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.data.RandomCropFlip;
import org.dataprune4j.examples.ResidualCnn;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.examples.datavec.DataVecAugmentedPruning;
import org.dataprune4j.examples.datavec.ImageFolders;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Fashion-MNIST on the residual CNN with random-crop and flip augmentation, pruned in the loop (issue 27): the
 * first 3,000 training images, 4 epochs (1 warm-up, then the hardest 50% by EL2N), a cosine learning rate fitted to
 * the run; once with the augmentation on the {@code PruningIterator}, once through DataVec (PNG files, an
 * {@code ImageRecordReader} whose transform augments, {@code sourceAugments()}). Each keeps the configured count and
 * reaches an accuracy floor on the first 2,000 test images.
 */
class CnnAugmentedPruningIT {
    private static final Logger log = LoggerFactory.getLogger(CnnAugmentedPruningIT.class);
    private static final int IMAGES = 3_000;
    private static final int EPOCHS = 4;

    /**
     * Measured on 2026-12-05 (2 cores, OMP_NUM_THREADS=1, Adam 5e-3 with a fitted cosine, batch 64): 63.0% with the
     * augmentation on the iterator (the same under OPENBLAS_CORETYPE=Haswell); 65.35% and, under Haswell, 64.05%
     * through DataVec, whose transforms draw from ND4J's shared random generator (4 short epochs, 141 updates: the
     * CNN is far from trained; docs/BENCHMARKS.md has its full-length runs). The floors allow 3 pp below the lowest.
     */
    private static final double AUGMENTATION_ON_ITERATOR_FLOOR = 0.60;
    private static final double DATAVEC_FLOOR = 0.61;

    @Test
    void aCnnWithAugmentationOnTheIteratorIsPrunedAndReachesTheFloor() {
        LabelledImages images = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).head(IMAGES);
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).head(2_000).toDataSet();
        FittedSchedule schedule = FittedSchedule.cosine(5e-3).build();
        ComputationGraph net = ResidualCnn.build(28, 16, 10, 42, new Adam(schedule));

        PruningIterator train = PruningIterator.builder(images.toDataSet(), 64).seed(42)
                .augmentation(new RandomCropFlip(28, 2, true, 42)).build();
        PruningListener pruning = PruningListener.builder(train, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .epochs(EPOCHS).build();
        net.addListeners(pruning);
        net.fit(train, EPOCHS);

        double accuracy = TrainingRuns.accuracy(net, test, 500);
        log.info("CNN, augmentation on the iterator: {} per epoch, test accuracy {}",
                pruning.ledger().examplesPerEpoch(), accuracy);
        assertEquals(List.of(3_000, 1_500, 1_500, 1_500), pruning.ledger().examplesPerEpoch());
        assertEquals(1_500, pruning.report().keptCount());
        assertTrue(schedule.isPlanned(), "the listener fitted the learning rate to the pruned run");
        assertTrue(accuracy >= AUGMENTATION_ON_ITERATOR_FLOOR, "accuracy " + accuracy);
    }

    @Test
    void aCnnFedByADataVecReaderThatAugmentsIsPrunedAndReachesTheFloor(@TempDir Path tmp) {
        LabelledImages images = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).head(IMAGES);
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).head(2_000).toDataSet();
        Path dir = ImageFolders.write(images, tmp.resolve("fashion-mnist-png"));
        FittedSchedule schedule = FittedSchedule.cosine(5e-3).build();
        ComputationGraph net = ResidualCnn.build(28, 16, 10, 42, new Adam(schedule));

        PruningListener pruning = DataVecAugmentedPruning.train(DataVecAugmentedPruning.augmentedSource(dir, 10, 42),
                net, EPOCHS, 0.5);

        double accuracy = TrainingRuns.accuracy(net, test, 500);
        log.info("CNN through DataVec: {} per epoch, test accuracy {}", pruning.ledger().examplesPerEpoch(), accuracy);
        assertEquals(List.of(3_000, 1_500, 1_500, 1_500), pruning.ledger().examplesPerEpoch());
        assertTrue(accuracy >= DATAVEC_FLOOR, "accuracy " + accuracy);
    }
}
