package org.dataprune4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningRecord;
import org.dataprune4j.PruningReport;
import org.dataprune4j.extrapolate.ExtrapolationSummary;
import org.dataprune4j.score.ScoreKind;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class QuickStartTest {

    @Test
    void theReadmeSnippetTrainsAndKeepsTheConfiguredHalf(@TempDir Path dir) throws Exception {
        int n = 500;
        DataSet data = TestBlobs.of(n, 1.5, 1);
        Path csv = dir.resolve("scores.csv");
        PruningReport report = QuickStart.trainWithPruning(ExampleNetworks.mlp(20, new int[] {16}, 4, 3), data, 4, csv);
        assertEquals(250, report.keptCount(), "round(0.98*500) - round(0.48*500) = 490 - 240");
        assertEquals(10, report.count(org.dataprune4j.select.Decision.PRUNED_ABOVE_RANGE));
        assertEquals(n + 1, Files.readAllLines(csv).size());
        PruningRecord record = PruningRecord.read(dir.resolve("run.json"));
        assertEquals(250, record.keptIds().length);
        assertEquals("42", record.configuration().get("iterator.seed"));
        assertTrue(report.keptScoreRange().lowerEndpoint() > 0);
    }

    @Test
    void theReadmeGraphSnippetPrunesAComputationGraphAndEmbedsAtTheNamedVertex() {
        DataSet data = TestBlobs.of(500, 1.5, 1);
        PruningReport report = QuickStart.trainGraphWithPruning(ExampleNetworks.mlpGraph(20, new int[] {16, 8}, 4, 3),
                data, 3, "dense0");
        assertEquals(250, report.keptCount());
        assertEquals(1, report.swapEpoch(), "2 warm-up epochs by default");
        assertEquals(16, report.scoringDetails().clusterings().get(0).dimensions(), "embedded at dense0 (16 units)");
    }

    @Test
    void theReadmePrototypeSnippetRanksByClassPrototypesAndExtrapolatesGrand() {
        DataSet data = TestBlobs.of(500, 1.5, 1);
        PruningIterator train = PruningIterator.builder(data, 64).build();
        PruningListener pruning = QuickStart.prototypeListener(train);
        MultiLayerNetwork net = ExampleNetworks.mlp(20, new int[] {16}, 4, 3);
        net.addListeners(pruning);
        net.fit(train, 3);
        PruningReport report = pruning.report();
        assertEquals(250, report.keptCount());
        assertEquals(ScoreKind.PROTOTYPE_CLASS, report.scoreKind());
        assertEquals(2, report.scoringDetails().clusterings().size());
        assertEquals(4, report.scoringDetails().clusterings().get(0).clusters(), "k = 4 classes");
        ExtrapolationSummary x = report.scoringDetails().extrapolation().orElseThrow();
        assertEquals(50, x.scored());
        assertTrue(x.holdoutSpearman() > 0, x::describe);
    }

    @Test
    void theReadmeDynamicSnippetSoftPrunesWeightsAndAnnealsAsTheLedgerSays() {
        int n = 500;
        org.dataprune4j.PruningLedger ledger = QuickStart.trainWithSoftPruning(
                ExampleNetworks.mlp(20, new int[] {16}, 4, 3), TestBlobs.of(n, 1.5, 1), 8);
        assertEquals(8, ledger.epochs());
        assertEquals(n, ledger.examplesPerEpoch().get(0), "epoch 1 on all data");
        assertEquals(n, ledger.examplesPerEpoch().get(7), "ceil(0.875 * 8) = 7: the 8th epoch anneals on all data");
        assertEquals(6, ledger.weightedEpochs());
        assertEquals(1, ledger.annealingEpochs());
        for (int e = 1; e < 7; e++) {
            assertTrue(ledger.examplesPerEpoch().get(e) < n, "epoch " + (e + 1) + " leaves examples out");
        }
        assertTrue(ledger.effectivePruningRatio() > 0.05, ledger::describe);
        assertEquals(0, ledger.extraInferenceExamples(), "the loss comes from the training passes: no extra pass");
    }

    @Test
    void theReadmeDynamicsSnippetPrunesFromTheFirstEpochAndCountsTheSubsetRun() {
        DataSet data = TestBlobs.of(600, 1.5, 1);
        PruningIterator train = PruningIterator.builder(data, 32).build();
        PruningListener pruning = QuickStart.trainWithExtrapolatedTdds(ExampleNetworks.mlp(20, new int[] {16}, 4, 3),
                ExampleNetworks.mlp(20, new int[] {16}, 4, 4), train, 3);
        assertEquals(java.util.List.of(300, 300, 300), pruning.ledger().examplesPerEpoch());
        assertEquals(900 + 60 * 10, pruning.ledger().examplesTrained(), "60 subset examples x 10 epochs counted");
    }

    @Test
    void theReadmeBudgetSnippetSpendsHalfOfTenEpochsAndEndsAtTheFinalLearningRate() {
        DataSet train = TestBlobs.of(600, 1.5, 1);
        PruningListener pruning = QuickStart.trainWithBudget(train, 20, 4);
        // 600 in the warm-up epoch, 0.375 x 600 = 225 in each of the 8 pruned ones, 600 in the last: 3,000
        assertEquals(600, pruning.ledger().examplesPerEpoch().get(0));
        assertEquals(225, pruning.ledger().examplesPerEpoch().get(1));
        assertEquals(600, pruning.ledger().examplesPerEpoch().get(9));
        assertEquals(3_000, pruning.ledger().examplesTrained(), 30, "the budget, to within 1%");
        assertTrue(pruning.hasSwapped());
    }

    @Test
    void theReadmeTuningSnippetTunesOnceAndReusesTheSavedRange(@TempDir Path dir) throws Exception {
        DataSet train = TestBlobs.of(600, 1.5, 1);
        DataSet validation = TestBlobs.of(200, 1.5, 2);
        Path file = dir.resolve("tuning.json");
        PruningReport first = QuickStart.trainWithTunedRange(ExampleNetworks.mlp(20, new int[] {16}, 4, 3), train,
                validation, 4, file);
        assertEquals(300, first.keptCount(), "the budget: half of 600");
        String saved = Files.readString(file);
        assertTrue(saved.contains("\"dataFingerprint\"") && saved.contains("\"numExamples\" : 600"), saved);
        PruningReport second = QuickStart.trainWithTunedRange(ExampleNetworks.mlp(20, new int[] {16}, 4, 3), train,
                validation, 4, file);
        assertEquals(saved, Files.readString(file), "the second run reused the file");
        assertEquals(first.selection().rule(), second.selection().rule());
    }

    /** The README's imbalance budget snippet: 15 epochs, 2 on all data and 13 at 3/13, the examples of 5. */
    @Test
    void theReadmeImbalanceBudgetSnippetSpendsHalfTheExamplesOfTenEpochsOverFifteen() {
        DataSet data = TestBlobs.of(650, 1.5, 1);
        MultiLayerNetwork net = ExampleNetworks.mlp(20, new int[] {16}, 4, 3,
                new org.nd4j.linalg.learning.config.Adam(org.dataprune4j.lr.FittedSchedule.cosine(1e-2).build()));
        PruningListener pruning = QuickStart.trainImbalancedWithinBudget(net, data);
        java.util.List<Integer> perEpoch = pruning.ledger().examplesPerEpoch();
        assertEquals(15, perEpoch.size());
        assertEquals(java.util.List.of(650, 650, 150), perEpoch.subList(0, 3), "3/13 of 650 after 2 warm-ups");
        assertEquals(5 * 650, pruning.ledger().examplesTrained(), "the examples of 0.5 x 10 epochs");
        org.dataprune4j.eval.ClassAccuracy a = org.dataprune4j.eval.ClassAccuracy.of(net, TestBlobs.of(200, 1.5, 2),
                500);
        // measured 2026-12-07: balanced 0.915, worst 0.88; floors 0.85 and 0.75 (another BLAS kernel or thread count)
        assertTrue(a.balanced() >= 0.85 && a.worst() >= 0.75, a.toString());
    }

    /**
     * The README's adjustment snippet after the imbalance budget snippet, on long-tailed blobs: the ledger counts what
     * each class trained, and adjusting by it lifts the rare class.
     */
    @Test
    void theReadmeAdjustmentSnippetAdjustsByTheClassesTheRunTrainedOn() {
        DataSet data = TestBlobs.longTailed(1500, 1.0, 1);
        DataSet test = TestBlobs.of(400, 1.0, 2);
        MultiLayerNetwork net = ExampleNetworks.mlp(20, new int[] {16}, 4, 3,
                new org.nd4j.linalg.learning.config.Adam(org.dataprune4j.lr.FittedSchedule.cosine(1e-2).build()));
        PruningListener pruning = QuickStart.trainImbalancedWithinBudget(net, data);
        java.util.List<Long> perClass = pruning.ledger().examplesPerClass();
        assertEquals(pruning.ledger().examplesTrained(), perClass.stream().mapToLong(Long::longValue).sum());
        assertTrue(perClass.get(3) / (double) pruning.ledger().examplesTrained() > 1 / 15.0,
                () -> "the rare class's share of what was trained grew from 1/15: " + perClass);
        org.dataprune4j.eval.ClassAccuracy plain = org.dataprune4j.eval.ClassAccuracy.of(net, test, 500);
        org.dataprune4j.eval.ClassAccuracy adjusted = QuickStart.adjustedAfterClassAdaptive(pruning, net, test);
        org.dataprune4j.eval.ClassAccuracy bySizes = org.dataprune4j.eval.LogitAdjustment.of(
                pruning.report().totalPerClass()).accuracy(net, test, 500);
        // measured 2026-12-07 (trained [2813, 2149, 1421, 1115] of 1500 x 5): balanced / worst plain 0.7725 / 0.51,
        // adjusted by what was trained 0.8075 / 0.72, by the class sizes 0.765 / 0.51 (it over-corrects); the margins
        // below are a third to a half of the measured ones (another BLAS kernel or thread count)
        String all = "plain " + plain + ", adjusted " + adjusted + ", by the sizes " + bySizes;
        assertTrue(adjusted.balanced() >= plain.balanced() + 0.01 && adjusted.worst() >= plain.worst() + 0.1, all);
        assertTrue(adjusted.balanced() >= bySizes.balanced() + 0.015, all);
    }

    /** The README's imbalance snippet: 10 epochs, 2 on all data and 8 at 37.5%, then a per-class accuracy. */
    @Test
    void theReadmeImbalanceSnippetKeepsItsShareEveryEpochAndReportsEveryClass() {
        DataSet data = TestBlobs.of(600, 1.5, 1);
        org.dataprune4j.eval.ClassAccuracy a = QuickStart.trainImbalanced(ExampleNetworks.mlp(20, new int[] {16}, 4, 3,
                new org.nd4j.linalg.learning.config.Adam(1e-2)), data, TestBlobs.of(200, 1.5, 2));
        assertEquals(4, a.numClasses());
        assertEquals(200, java.util.Arrays.stream(a.counts()).sum());
        // measured 2026-12-06: balanced 0.95, worst 0.92 (0.96 / 0.92 with fresh draws, 2026-12-07); floors 0.85 and 0.75 (another BLAS kernel or thread count)
        assertTrue(a.balanced() >= 0.85 && a.worst() >= 0.75 && a.worst() <= a.balanced(), a.toString());
    }
}
