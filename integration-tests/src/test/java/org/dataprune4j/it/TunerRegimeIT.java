package org.dataprune4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dataprune4j.PruningListener;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.tune.HalvingTuner;
import org.dataprune4j.tune.SavedTuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The successive-halving tuner finds the regime by itself on real Fashion-MNIST, at a budget of 30% kept: on 250
 * training images (scarce: the crossover sweep measured keep-easiest above random and keep-hardest below it there)
 * it picks a window off the hard end, toward the easy side; on all 55,000 (abundant: keep-easiest 2 pp below
 * random) a window of hard examples only, every kept one harder than the median.
 */
class TunerRegimeIT {
    private static final Logger log = LoggerFactory.getLogger(TunerRegimeIT.class);
    private static final double BUDGET = 0.3;
    /** Measured 2026-12-02: [0.5250, 0.8250] on 250 images (the windows are 0.3 wide; 0.9 is hardest but 10%). */
    private static final double SCARCE_HI_AT_MOST = 0.85;
    /**
     * Measured 2026-12-03: [0.6016, 0.9016] on 55,000 images, the hard side less its top 10% (a 10-epoch run with it:
     * 87.33% test accuracy, keep-hardest 84.01%, random 86.94%; docs/BENCHMARKS.md). Before the significance test
     * (2026-12-02) it was [0.6891, 0.9891].
     */
    private static final double ABUNDANT_LO_AT_LEAST = 0.55;

    private static SavedTuning tune(DataSet train, DataSet validation, int warmup, double finalProxyEpochs,
                                    Path file) {
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).toDataSet();
        HalvingTuner tuner = HalvingTuner.builder(validation, BUDGET).finalProxyEpochs(finalProxyEpochs)
                .seed(1).savedTo(file).build();
        TrainingRuns.pruned("tuned", ExampleNetworks.mlp(1), train, test, warmup + 1, 1,
                it -> PruningListener.builder(it, tuner).warmupEpochs(warmup).outliers(0));
        SavedTuning saved = SavedTuning.read(file);
        log.info("n={}: tuned range {} ({} examples trained by the candidates in {} s)", train.numExamples(),
                saved.range(), saved.trainedExamples(), saved.seconds());
        return saved;
    }

    private static LabelledImages firstPerClass(LabelledImages pool, int perClass) {
        int[] taken = new int[pool.numClasses()];
        int n = perClass * pool.numClasses();
        byte[][] pixels = new byte[n][];
        int[] labels = new int[n];
        int k = 0;
        for (int i = 0; i < pool.size() && k < n; i++) {
            int y = pool.labels()[i];
            if (taken[y] < perClass) {
                taken[y]++;
                pixels[k] = pool.pixels()[i];
                labels[k++] = y;
            }
        }
        return new LabelledImages(pixels, labels, pool.numClasses());
    }

    @Test
    void scarceDataGetsAnEasyWindowAndAbundantDataAHardOne(@TempDir Path dir) {
        LabelledImages all = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN);
        LabelledImages pool = all.head(55_000);
        DataSet validation = all.slice(55_000, 60_000).toDataSet();

        // 250 images: 10 warm-up epochs of the sweep's 200 (warmupShare 0.05), proxies up to 20 subset-epochs
        SavedTuning scarce = tune(firstPerClass(pool, 25).toDataSet(), validation, 10, 20, dir.resolve("scarce.json"));
        assertEquals(250, scarce.numExamples());
        assertTrue(scarce.hi() <= SCARCE_HI_AT_MOST, "scarce data: a window off the hard end, got " + scarce.range());

        SavedTuning abundant = tune(pool.toDataSet(), validation, 2, 0.75, dir.resolve("abundant.json"));
        assertEquals(55_000, abundant.numExamples());
        assertTrue(abundant.lo() >= ABUNDANT_LO_AT_LEAST, "abundant data: a hard window, got " + abundant.range());
        assertTrue(abundant.lo() > scarce.lo(), "the abundant window is harder: " + abundant.range() + " vs "
                + scarce.range());
    }
}
