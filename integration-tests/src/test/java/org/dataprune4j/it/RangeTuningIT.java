package org.dataprune4j.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.RangeTuningExample.Split55;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.tune.QuantileRange;
import org.dataprune4j.tune.RangeSpace;
import org.dataprune4j.tune.RangeTuner;
import org.dataprune4j.tune.Trial;
import org.dataprune4j.tune.TuningResult;
import org.dataprune4j.tune.WarmedUp;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Fashion-MNIST with 10% of the training labels flipped: tuning the range at a budget of 50% kept, with
 * small proxy runs, drops the top (hi < 1) and validates at least as well as keep-hardest at the same budget.
 *
 * <p>Measured on 2026-11-23 (2 cores, OMP_NUM_THREADS=1): tuned [0.2226, 0.5201] -> validation accuracy 0.830;
 * keep hardest 50% -> 0.183 (with 10% noise the hardest half of an easy class is mostly images flipped into it);
 * tuning cost 15 s (a quarter of the training set, 16 candidates of 2 proxy epochs); the test takes about 25 s.
 */
class RangeTuningIT {
    private static final Logger log = LoggerFactory.getLogger(RangeTuningIT.class);

    @Test
    void withLabelNoiseTheTunedRangeDropsTheTopAndBeatsKeepHardest() {
        Split55 data = Split55.of(Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN), 0.10, 7);
        RangeTuner tuner = RangeTuner.builder(ExampleNetworks.mlp(42).getLayerWiseConfigurations(), data.train(),
                        data.validation())
                .space(new RangeSpace(0, 0.875, 0.125, 1)).maxKeptFraction(0.5).randomSearch(16, 7)
                .trainingSubsample(0.25).proxyEpochs(2).build();
        WarmedUp warm = tuner.warmUp();
        TuningResult tuned = warm.search();
        Trial best = tuned.best().orElseThrow();
        double hardest = warm.evaluate(new QuantileRange(0.5, 1.0));
        log.info("Tuned {} -> {}; keep hardest 50% -> {}; cost {} s", best.range(), best.objective(), hardest,
                tuned.totalSeconds());

        assertTrue(best.range().hi() < 1.0, "the tuned range keeps the very top: " + best.range());
        assertTrue(best.objective() >= hardest, "tuned " + best.objective() + " < keep hardest " + hardest);
    }
}
