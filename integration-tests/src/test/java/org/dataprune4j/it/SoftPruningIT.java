package org.dataprune4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.PruningLedger;
import org.dataprune4j.PruningListener;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.score.ScoreKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Fashion-MNIST, InfoBatch's rule (soft pruning by the per-example loss, r = 0.5, delta = 0.875) on the
 * reference MLP for 10 epochs in one fit call: the run trains the measured share of the examples, with 8 weighted
 * epochs and 1 annealing epoch, and reaches an accuracy floor.
 */
class SoftPruningIT {
    private static final Logger log = LoggerFactory.getLogger(SoftPruningIT.class);

    /**
     * Measured on 2026-12-02 (2 cores, OMP_NUM_THREADS=1, seed 1, DynamicBenchmark): 87.70% with 411,189 of
     * 600,000 examples trained (0.685), full data 87.86%. The floor allows 1 pp below the measurement; the examples
     * ratio may move by 0.02 (the threshold is the mean loss, which depends on the run).
     */
    private static final double ACCURACY_FLOOR = 0.867;
    private static final double EXAMPLES_RATIO = 0.685;

    @Test
    void infoBatchsRuleTrainsTheMeasuredShareWithWeightedAndAnnealingEpochsAndReachesTheFloor() {
        DataSet train = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).toDataSet();
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).toDataSet();

        TrainingRuns.Result soft = TrainingRuns.pruned("soft pruning by loss", ExampleNetworks.mlp(1), train, test, 10,
                1, it -> PruningListener.builder(it, SoftPruningSchedule.builder(10).build()).score(ScoreKind.LOSS));
        PruningLedger ledger = soft.report().ledger().orElseThrow();
        log.info("Soft pruning: accuracy {} in {} s; {}", soft.testAccuracy(), soft.seconds(), ledger.describe());

        assertEquals(10, ledger.epochs());
        assertEquals(60_000, ledger.examplesPerEpoch().get(0), "epoch 1 on all data");
        assertEquals(60_000, ledger.examplesPerEpoch().get(9), "ceil(0.875 * 10) = 9: the last epoch anneals");
        assertEquals(8, ledger.weightedEpochs());
        assertEquals(1, ledger.annealingEpochs());
        assertEquals(0, ledger.extraInferenceExamples(), "the loss comes from the training passes");
        double ratio = (double) ledger.examplesTrained() / ledger.fullDataExamples();
        assertEquals(EXAMPLES_RATIO, ratio, 0.02, ledger::describe);
        assertTrue(soft.testAccuracy() >= ACCURACY_FLOOR, "soft-pruned accuracy " + soft.testAccuracy());
    }
}
