package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.schedule.TrainingBudget;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The class-adaptive rule in a run: with the static swap, re-selected every epoch, and as a budget's rule. */
class ClassAdaptiveInRunTest {

    /** 3 blob classes, then class 1 and 2 cut to 15 examples each beside class 0's 90: a long tail. */
    private static DataSet longTail() {
        DataSet all = TestData.blobs(3, 90, 4, 7);
        List<org.nd4j.linalg.dataset.DataSet> kept = new ArrayList<>();
        int[] seen = new int[3];
        for (org.nd4j.linalg.dataset.DataSet one : all.asList()) {
            int c = one.getLabels().argMax(1).getInt(0);
            if (c == 0 || seen[c] < 15) {
                seen[c]++;
                kept.add(one);
            }
        }
        return org.nd4j.linalg.dataset.DataSet.merge(kept);
    }

    private static double keptShare(PruningReport r, int c) {
        return (double) r.keptPerClass()[c] / r.totalPerClass()[c];
    }

    @Test
    void theSmallClassesKeepALargerShareInEveryWayOfUsingTheRule() {
        DataSet data = longTail();
        assertEquals(120, data.numExamples());
        // the static swap
        PruningIterator it = PruningIterator.builder(data, 20).seed(1).build();
        PruningListener stat = PruningListener.builder(it, ClassAdaptiveRule.keep(0.3)).warmupEpochs(1)
                .score(ScoreKind.LOSS).build();
        train(stat, it, 3);
        assertEquals(36, stat.report().keptCount());
        assertTrue(keptShare(stat.report(), 1) > keptShare(stat.report(), 0), stat.report().summary());
        // the summary says why the 84 others were pruned (no other reason), and gives no hint to make the rule class-aware
        String summary = stat.report().summary();
        assertTrue(summary.contains("pruned 84: 84 outside their class's adaptive quota" + System.lineSeparator()),
                summary);
        assertFalse(summary.contains("below the range"), summary); // no reason with a count of 0
        assertFalse(summary.contains("ranks all classes together"), summary);

        // re-selected every epoch: a decision per epoch, each of 36
        PruningIterator it2 = PruningIterator.builder(data, 20).seed(1).build();
        PruningListener dynamic = PruningListener.builder(it2, ClassAdaptiveRule.rcap(0.3, 3, 5))
                .score(ScoreKind.LOSS).schedule(ReselectSchedule.every(1, 1)).build();
        train(dynamic, it2, 4);
        assertEquals(List.of(120, 36, 36, 36), dynamic.ledger().examplesPerEpoch());

        // a budget's rule: the planner's kept share, kept class-adaptively
        TrainingBudget budget = TrainingBudget.of(0.5, 6).keptBy(ClassAdaptiveRule::keep);
        assertTrue(budget.rule() instanceof ClassAdaptiveRule r && r.fraction() == budget.keptShare(), budget.toString());
        PruningIterator it3 = PruningIterator.builder(data, 20).seed(1).build();
        PruningListener planned = PruningListener.builder(it3, budget).build();
        train(planned, it3, 6);
        assertEquals(360, planned.ledger().examplesTrained(), "0.5 x 6 epochs x 120 examples");
        // no last epoch on all data with the rule of keptBy: 1 warm-up, then 0.4 kept in each of 5 epochs
        assertEquals(List.of(120, 48, 48, 48, 48, 48), planned.ledger().examplesPerEpoch());
        assertTrue(keptShare(planned.report(), 2) > keptShare(planned.report(), 0), planned.report().summary());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingBudget.of(0.5, 6).dropHardest(0.02).keptBy(ClassAdaptiveRule::keep));
    }

    @Test
    void theLedgerCountsTheExamplesOfEachClassTheModelTrainedOn() {
        DataSet data = longTail();
        // the static swap: 1 warm-up epoch on all 120 (90, 15, 15), then the kept set twice
        PruningIterator it = PruningIterator.builder(data, 20).seed(1).build();
        PruningListener stat = PruningListener.builder(it, ClassAdaptiveRule.keep(0.3)).warmupEpochs(1)
                .score(ScoreKind.LOSS).build();
        train(stat, it, 3);
        int[] kept = stat.report().keptPerClass();
        assertEquals(List.of(90L + 2 * kept[0], 15L + 2 * kept[1], 15L + 2 * kept[2]), stat.ledger().examplesPerClass());

        // re-selected every epoch: the warm-up epoch, then each draw's kept examples of each class
        PruningIterator it2 = PruningIterator.builder(data, 20).seed(1).build();
        PruningListener dynamic = PruningListener.builder(it2, ClassAdaptiveRule.rcap(0.3, 3, 5))
                .score(ScoreKind.LOSS).schedule(ReselectSchedule.every(1, 1)).epochs(4).build();
        long[] expected = {90, 15, 15};
        dynamic.addObserver(s -> s.decision().ifPresent(r -> {
            for (int c = 0; c < 3; c++) {
                expected[c] += r.keptPerClass()[c];
            }
        }));
        train(dynamic, it2, 4);
        assertEquals(List.of(expected[0], expected[1], expected[2]), dynamic.ledger().examplesPerClass());
        assertEquals(120 + 3 * 36, expected[0] + expected[1] + expected[2], "3 draws of 36 after the warm-up");
        // the small classes' share of what was trained grew from 1/8 each: what a logit adjustment should divide by
        assertTrue(expected[1] / (double) (120 + 3 * 36) > 0.125, dynamic.ledger().toString());
    }

    @Test
    void reSelectedEveryEpochEachDrawIsAfreshAndARerunDrawsTheSame() {
        // temperature 100: nearly uniform within a class, so the random keys decide which of a class's examples stay;
        // the same keys every epoch (as before draws were counted) kept nearly the same examples of class 0 each time
        List<Integer> first = keptIdsOfEveryDraw();
        assertEquals(4 * 36, first.size(), "4 draws of 36");
        long distinct = first.stream().distinct().count();
        // measured: 85 of 120 with a fresh draw each time, 37 with the same keys every time
        assertTrue(distinct >= 60, "4 draws covered only " + distinct + " of 120 examples");
        assertEquals(first, keptIdsOfEveryDraw(), "a rerun draws the same");
    }

    private static List<Integer> keptIdsOfEveryDraw() {
        PruningIterator it = PruningIterator.builder(longTail(), 20).seed(1).build();
        PruningListener listener = PruningListener.builder(it, ClassAdaptiveRule.keep(0.3).clippedAt(Math.log(3))
                .sampledWithin(100, 5)).score(ScoreKind.LOSS).schedule(ReselectSchedule.every(1, 1)).epochs(5).build();
        List<Integer> kept = new ArrayList<>();
        listener.addObserver(s -> s.decision().ifPresent(r -> {
            for (int id : r.selection().keptIds()) {
                kept.add(id);
            }
        }));
        train(listener, it, 5);
        return kept;
    }

    private static void train(PruningListener listener, PruningIterator it, int epochs) {
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        net.addListeners(listener);
        net.fit(it, epochs);
    }
}
