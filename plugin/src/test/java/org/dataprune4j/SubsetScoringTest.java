package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.extrapolate.GraphExtrapolator;
import org.dataprune4j.score.DynamicsWindow;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** A score computed by a separate run on a subset, predicted for the rest, and a real run pruned by it. */
class SubsetScoringTest {
    private static final DataSet DATA = TestData.blobs(3, 200, 4, 21);

    @Test
    void theSubsetRunScoresItsShareAndTheRealRunsLedgerCountsIt() {
        PruningIterator it = PruningIterator.builder(DATA, 32).build();
        ExtrapolatedScores tdds = SubsetScoring.builder(ScoreKind.TDDS).scoredFraction(0.2).epochs(4)
                .window(DynamicsWindow.of(3)).batchSize(16).build().score(it, TestData.mlp(5, 8, 3, 2));
        assertEquals(120, tdds.scoredIds().length);
        assertEquals(600, tdds.scores().length);
        assertEquals(480, tdds.subsetExamplesTrained(), "120 examples x 4 epochs");
        assertTrue(Double.isFinite(tdds.heldOutSpearman()), tdds.describe());

        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        PruningListener pruning = PruningListener.builder(it, tdds.schedule(ScoreRangeRule.keepHardest(0.5))).build();
        net.setListeners(pruning);
        net.fit(it, 3);
        PruningLedger ledger = pruning.ledger();
        assertEquals(java.util.List.of(300, 300, 300), ledger.examplesPerEpoch(), "pruned from the first epoch");
        assertEquals(900 + 480, ledger.examplesTrained(), "the subset run is counted");
        assertEquals(480, ledger.scoringRunExamples());
        assertTrue(ledger.extraInferenceExamples() >= 600, "the embedding pass is counted: " + ledger);
    }

    @Test
    void theGraphNetworkExtrapolatesDualThroughTheSameRun() {
        PruningIterator it = PruningIterator.builder(DATA, 32).build();
        java.util.Map<ScoreKind, ExtrapolatedScores> both = SubsetScoring.builder(ScoreKind.DUAL)
                .alsoScore(ScoreKind.DYNAMIC_UNCERTAINTY).scoredFraction(0.2).window(DynamicsWindow.of(3)).batchSize(16)
                .extrapolator(GraphExtrapolator.defaults(1).withSizes(5, 16, 8, 40)).build()
                .scoreEach(it, TestData.mlp(5, 8, 3, 2));
        assertEquals(java.util.List.of(ScoreKind.DUAL, ScoreKind.DYNAMIC_UNCERTAINTY), java.util.List.copyOf(
                both.keySet()));
        assertEquals(480, both.get(ScoreKind.DYNAMIC_UNCERTAINTY).subsetExamplesTrained(),
                "one run of 4 epochs, what Dynamic Uncertainty's window of 3 needs");
        ExtrapolatedScores dual = both.get(ScoreKind.DUAL);
        assertEquals(600, dual.scores().length);
        assertTrue(dual.extrapolator().startsWith("graph network"), dual.extrapolator());
        int[] scored = dual.scoredIds();
        double[] s = dual.scores();
        for (double v : s) {
            assertTrue(Double.isFinite(v));
        }
        assertTrue(scored[0] >= 0 && scored[scored.length - 1] < 600);
    }

    @Test
    void givenScoresForOtherDataAreRefusedWhenTheListenerIsBuiltAndNonFiniteOnesAtOnce() {
        PruningIterator it = PruningIterator.builder(TestData.blobs(3, 10, 4, 1), 8).build();
        Exception e = assertThrows(IllegalArgumentException.class, () -> PruningListener.builder(it,
                org.dataprune4j.schedule.GivenScoresSchedule.of(new double[40], ScoreRangeRule.keepHardest(0.5), "tdds",
                        0, 0, java.time.Duration.ZERO)).build());
        assertTrue(String.valueOf(e.getMessage()).contains("40 scores were given, but the iterator has 30 examples"),
                e.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> org.dataprune4j.schedule.GivenScoresSchedule.of(new double[] {1, Double.NaN},
                        ScoreRangeRule.keepHardest(0.5), "tdds", 0, 0, java.time.Duration.ZERO));
        assertTrue(nan.getMessage().contains("example 1 is NaN"), nan.getMessage());
    }

    @Test
    void tooFewEpochsForTheWindowAreRefusedAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubsetScoring.builder(ScoreKind.DYNAMIC_UNCERTAINTY).epochs(5).window(DynamicsWindow.of(5)).build());
        assertTrue(e.getMessage().contains("needs 6 epochs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SubsetScoring.builder(ScoreKind.GRAND));
    }
}
