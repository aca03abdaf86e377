package org.dataprune4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.extrapolate.ExtrapolationSummary;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.extrapolate.Spearman;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningListenerBuilder;
import org.dataprune4j.PruningReport;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Fashion-MNIST, reference MLP (seed 42), 2 warm-up epochs: EL2N computed on 10% of the examples and
 * extrapolated by the listener must rank the other 90% close to the EL2N computed on every example.
 */
class ScoreExtrapolationIT {
    private static final Logger log = LoggerFactory.getLogger(ScoreExtrapolationIT.class);

    /**
     * Measured on 2026-11-23 (2 cores, OMP_NUM_THREADS=1), this seed: Spearman 0.911 against the full EL2N over
     * all 60,000 examples and 0.902 on the listener's 1,200-example hold-out; seeds 1 and 2 of the benchmark gave
     * 0.902-0.904 over the predicted examples only (docs/BENCHMARKS.md). A random ranking gives 0. The floor
     * leaves room for floating-point differences between machines.
     */
    private static final double SPEARMAN_FLOOR = 0.85;

    private static PruningReport warmUp(DataSet train, ScoreExtrapolation extrapolation) {
        MultiLayerNetwork net = ExampleNetworks.mlp(42);
        PruningIterator it = PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(42).build();
        PruningListenerBuilder builder = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .warmupEpochs(2).outliers(0);
        if (extrapolation != null) {
            builder.extrapolate(extrapolation);
        }
        PruningListener listener = builder.build();
        net.setListeners(listener);
        net.fit(it, 2);
        return listener.report();
    }

    @Test
    void el2nExtrapolatedFromTenPercentRanksLikeTheFullEl2n() {
        DataSet train = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).toDataSet();
        double[] full = warmUp(train, null).scores().scores(ScoreKind.EL2N);
        ScoreExtrapolation setting = ScoreExtrapolation.of(ScoreKind.EL2N, 0.1);
        PruningReport report = warmUp(train, setting);
        double[] extrapolated = report.scores().scores(ScoreKind.EL2N);
        ExtrapolationSummary summary = report.scoringDetails().extrapolation().orElseThrow();

        int[] scored = setting.scoredIds(60_000);
        assertEquals(6_000, scored.length);
        assertEquals(6_000, summary.scored());
        for (int id : scored) {
            assertEquals(full[id], extrapolated[id], 1e-6, "scored example " + id + " keeps its computed EL2N");
        }
        double rho = Spearman.correlation(full, extrapolated);
        log.info("Extrapolated EL2N: Spearman {} against the full EL2N; {}", rho, summary.describe());
        assertTrue(rho >= SPEARMAN_FLOOR, "Spearman " + rho + " below the floor " + SPEARMAN_FLOOR);
        assertTrue(summary.holdoutSpearman() >= SPEARMAN_FLOOR, summary::describe);
        assertEquals(30_000, report.keptCount());
    }
}
