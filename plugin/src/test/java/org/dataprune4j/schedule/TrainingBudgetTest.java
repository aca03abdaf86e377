package org.dataprune4j.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningLedger;
import org.dataprune4j.PruningListener;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

class TrainingBudgetTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 5, 3); // 120 examples, batches of 16

    @ParameterizedTest
    @CsvSource({"0.5, 6, 1, 0, '120, 48, 48, 48, 48, 48'", "0.3, 10, 1, 0, '120, 27, 27, 27, 27, 27, 27, 27, 27, 27'",
            "0.7, 10, 2, 0, '120, 120, 75, 75, 75, 75, 75, 75, 75, 75'",
            // the default: the last epoch on all data where the budget leaves room
            "0.5, 6, 1, -1, '120, 30, 30, 30, 30, 120'", "0.3, 10, 1, -1, '120, 15, 15, 15, 15, 15, 15, 15, 15, 120'",
            "0.4, 10, 1, -1, '120, 30, 30, 30, 30, 30, 30, 30, 30, 120'"})
    void theLedgerMeetsTheBudgetAndTheLearningRateEndsWithTheRun(double share, int epochs, int warmup, int anneal,
            String perEpoch) {
        TrainingBudget planned = TrainingBudget.of(share, epochs).warmupEpochs(warmup);
        TrainingBudget budget = anneal < 0 ? planned : planned.annealEpochs(anneal);
        FittedSchedule lr = FittedSchedule.cosine(1e-2).finalValue(1e-4).build();
        MultiLayerNetwork net = TestData.mlp(6, 8, 3, 7, new Adam(lr));
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, budget).build();
        net.setListeners(pruning);
        net.fit(it, budget.epochs());
        PruningLedger ledger = pruning.ledger();
        List<Integer> expected = java.util.Arrays.stream(perEpoch.split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
        assertEquals(expected, ledger.examplesPerEpoch());
        double spent = ledger.examplesTrained() / (share * epochs * 120);
        assertTrue(Math.abs(spent - 1) <= 0.01, "the budget met to within 1%: " + spent);
        int last = net.getIterationCount() - 1;
        BaseLayer first = (BaseLayer) net.getLayer(0).conf().getLayer();
        assertEquals(1e-4, first.getIUpdater().getLearningRate(last, epochs - 1), 1e-12);
    }

    @Test
    void thePlanIsTheKeptShareOfWhatTheWarmUpLeaves() {
        TrainingBudget b = TrainingBudget.of(0.5, 10).warmupEpochs(2).annealEpochs(0);
        assertEquals(0.375, b.keptShare(), 1e-12); // (5 - 2) / 8
        assertEquals(0.2222, TrainingBudget.of(0.3, 10).annealEpochs(0).keptShare(), 1e-4); // (3 - 1) / 9
        assertEquals(1, TrainingBudget.of(0.5, 10).annealEpochs());
        assertEquals(0.375, TrainingBudget.of(0.5, 10).keptShare(), 1e-12); // (5 - 1 - 1) / 8
        assertEquals(0, TrainingBudget.of(0.2, 10).annealEpochs(), "no room: 2 epochs are warm-up and annealing");
        assertEquals(0, TrainingBudget.of(0.5, 10).warmupEpochs(4).annealEpochs(), "no room after 4 warm-up epochs");
        org.dataprune4j.select.ScoreRangeRule rule = (org.dataprune4j.select.ScoreRangeRule) b.dropHardest(0.02).rule();
        assertEquals(0.605, rule.lo(), 1e-12); // 0.98 - 0.375
        assertEquals(0.98, rule.hi(), 1e-12);
    }

    @Test
    void aPlanWithItsOwnRuleHasNoLastEpochOnAllDataUnlessAsked() {
        TrainingBudget hardest = TrainingBudget.of(0.5, 10);
        assertEquals(1, hardest.annealEpochs());
        TrainingBudget own = hardest.keptBy(org.dataprune4j.select.ScoreRangeRule::keepEasiest);
        assertEquals(0, own.annealEpochs());
        assertEquals(4.0 / 9, own.keptShare(), 1e-12); // (5 - 1) / 9
        assertEquals(1, own.annealEpochs(1).annealEpochs(), "asked for");
        assertEquals(1, hardest.annealEpochs(1).keptBy(org.dataprune4j.select.ScoreRangeRule::keepEasiest)
                .annealEpochs(), "asked for before keptBy");
        assertTrue(own.toString().contains("re-selected every 1 epoch(s)}"), own.toString());
    }

    @Test
    void aBudgetSpreadOverMoreEpochsSpendsTheSameExamplesInSmallerShares() {
        TrainingBudget spread = TrainingBudget.of(0.5, 6).annealEpochs(0).spreadOver(9); // 3 epochs' examples over 9
        assertEquals(9, spread.epochs());
        assertEquals(3, spread.share() * spread.epochs(), 1e-9);
        assertEquals(0.25, spread.keptShare(), 1e-9); // (3 - 1) / 8
        assertEquals(0, spread.annealEpochs(), "settings are kept");
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, spread).build();
        MultiLayerNetwork net = TestData.mlp(6, 8, 3, 7, new Adam(FittedSchedule.cosine(1e-2).build()));
        net.setListeners(pruning);
        net.fit(it, spread.epochs());
        assertEquals(List.of(120, 30, 30, 30, 30, 30, 30, 30, 30), pruning.ledger().examplesPerEpoch());
        assertEquals(3 * 120, pruning.ledger().examplesTrained(), "the examples of 0.5 x 6 epochs");
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> TrainingBudget.of(0.5, 10).spreadOver(4));
        assertTrue(tooFew.getMessage().contains("spread them over at least 5 epochs"), tooFew.getMessage());
    }

    @Test
    void aBudgetThatCannotBeSpentIsRejectedWithTheFix() {
        IllegalArgumentException warmup = assertThrows(IllegalArgumentException.class,
                () -> TrainingBudget.of(0.2, 10).warmupEpochs(2));
        assertTrue(warmup.getMessage().contains("lower warmupEpochs"), warmup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingBudget.of(1.2, 10));
        assertThrows(IllegalArgumentException.class, () -> TrainingBudget.of(0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> TrainingBudget.of(0.9, 10).dropHardest(0.2));
    }

    @Test
    void theReportKeepsTheLastPrunedDecisionAndAResumeIntoTheAnnealingEpochTrainsEverything(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        TrainingBudget budget = TrainingBudget.of(0.5, 6); // 1 warm-up, 4 epochs of (3 - 2) / 4 = 25%, 1 on all data
        List<Integer> expected = List.of(120, 30, 30, 30, 30, 120);
        MultiLayerNetwork whole = TestData.mlp(6, 8, 3, 7, new Adam(FittedSchedule.cosine(1e-2).build()));
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener uninterrupted = PruningListener.builder(it, budget).build();
        whole.setListeners(uninterrupted);
        whole.fit(it, budget.epochs());
        assertEquals(expected, uninterrupted.ledger().examplesPerEpoch());
        assertEquals(30, uninterrupted.report().keptCount(), "the last pruned decision, not the annealing epoch's");

        MultiLayerNetwork first = TestData.mlp(6, 8, 3, 7, new Adam(FittedSchedule.cosine(1e-2).build()));
        PruningIterator a = PruningIterator.builder(DATA, 16).build();
        first.setListeners(PruningListener.builder(a, budget).checkpoints(dir).build());
        first.fit(a, 5); // stopped before the annealing epoch
        MultiLayerNetwork resumed = org.dataprune4j.PruningCheckpoint.restoreNetwork(dir);
        PruningIterator b = PruningIterator.builder(DATA, 16).build();
        PruningListener again = PruningListener.builder(b, budget).checkpoints(dir).resumeFrom(dir).build();
        resumed.setListeners(again);
        resumed.fit(b, budget.epochs() - again.epochsSeen());
        assertEquals(expected, again.ledger().examplesPerEpoch(), "the resumed annealing epoch trains all 120");
        assertTrue(whole.params().equalsWithEps(resumed.params(), 1e-5), "the uninterrupted run's parameters");
    }
}
