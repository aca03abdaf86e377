package org.dataprune4j.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The three training-dynamics scores on probability series small enough to check by hand (the sums are written out in
 * each test; float storage allows 1e-6).
 */
class TrainingDynamicsScorersTest {
    private static final double TOL = 1e-6;

    /** Presents example 0 with p(class 0) from {@code series} and example 1 always at 0.5, one batch per epoch. */
    private static void present(ExampleScorer scorer, double... series) {
        for (double p : series) {
            scorer.observe(ScoredBatch.ofProbabilities(new int[] {0, 1},
                    new double[][] {{p, 1 - p}, {0.5, 0.5}}, new int[] {0, 0}, null));
        }
    }

    @Test
    void dynamicUncertaintyAveragesTheWindowsThatEndBeforeTheLastEpoch() {
        // window 2 over p = 0.2, 0.6, 0.6, 1.0: the authors' code takes the windows ending at epochs 2 and 3 (not 4):
        // std(0.2, 0.6) = 0.4 / sqrt(2) = 0.28284271, std(0.6, 0.6) = 0; mean 0.14142136. The constant example: 0.
        DynamicUncertaintyScorer scorer = new DynamicUncertaintyScorer(2, DynamicsWindow.of(2));
        present(scorer, 0.2, 0.6, 0.6, 1.0);
        assertArrayEquals(new double[] {0.14142136, 0}, scorer.scores(), TOL);
    }

    @Test
    void dynamicUncertaintyNeedsOneMorePresentationThanItsWindow() {
        DynamicUncertaintyScorer scorer = new DynamicUncertaintyScorer(2, DynamicsWindow.of(2));
        present(scorer, 0.2, 0.6);
        IllegalStateException e = assertThrows(IllegalStateException.class, scorer::scores);
        assertTrue(e.getMessage().contains("needs 3 training passes") && e.getMessage().contains("dynamicsWindow"),
                e.getMessage());
        present(scorer, 0.6);
        assertArrayEquals(new double[] {0.28284271, 0}, scorer.scores(), TOL);
    }

    @Test
    void dualAveragesEveryWindowsSpreadTimesOneMinusItsMean() {
        // windows of 2 over 0.2, 0.6, 0.6, 1.0: 0.28284271 x (1 - 0.4) = 0.16970563, 0 x 0.4 = 0,
        // 0.28284271 x (1 - 0.8) = 0.05656854; mean of the three 0.07542472.
        DualScorer scorer = new DualScorer(2, DynamicsWindow.of(2));
        present(scorer, 0.2, 0.6, 0.6, 1.0);
        assertArrayEquals(new double[] {0.07542472, 0}, scorer.scores(), TOL);
    }

    @Test
    void dualIsZeroForAnExampleLearnedAtOnceAndHighForOneThatStaysUncertain() {
        DualScorer scorer = new DualScorer(2, DynamicsWindow.of(3));
        present(scorer, 0.99, 0.99, 0.99, 0.99);
        double learned = scorer.scores()[0];
        DualScorer other = new DualScorer(2, DynamicsWindow.of(3));
        present(other, 0.1, 0.5, 0.2, 0.6);
        assertEquals(0, learned, TOL);
        assertTrue(other.scores()[0] > 0.1, "an uncertain, difficult example scores high: " + other.scores()[0]);
    }

    @Test
    void tddsIsTheMovingAverageOfEachWindowsSpreadOfKlContributions() {
        // distributions (0.5, 0.5), (0.8, 0.2), (0.8, 0.2), (0.4, 0.6); contributions between presentations:
        // d1 = 0.8 ln(0.8/0.5) + 0.2 |ln(0.2/0.5)| = 0.55926105, d2 = 0, d3 = 0.4 |ln(0.4/0.8)| + 0.6 ln(0.6/0.2)
        // = 0.93642625. Window 3 (2 contributions each): ||(d1, d2) - mean|| = d1 / sqrt(2) = 0.39545700,
        // ||(d2, d3) - mean|| = d3 / sqrt(2) = 0.66215... ; TDDS = 0.9 x 0.66215 + 0.9 x 0.1 x 0.39546 = 0.63152915.
        TddsScorer scorer = new TddsScorer(2, 2, DynamicsWindow.of(3));
        for (double[] p : new double[][] {{0.5, 0.5}, {0.8, 0.2}, {0.8, 0.2}, {0.4, 0.6}}) {
            scorer.observe(ScoredBatch.ofProbabilities(new int[] {0, 1}, new double[][] {p, {0.5, 0.5}},
                    new int[] {0, 1}, null));
        }
        assertArrayEquals(new double[] {0.63152915, 0}, scorer.scores(), TOL);
    }

    @Test
    void tddsNeedsAWindowOfThreeAndAFullWindowOfPresentations() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TddsScorer(2, 2, DynamicsWindow.of(2)));
        assertTrue(e.getMessage().contains("at least 3 epochs"), e.getMessage());
        TddsScorer scorer = new TddsScorer(2, 2, DynamicsWindow.of(3));
        present(scorer, 0.2, 0.6);
        assertThrows(IllegalStateException.class, scorer::scores);
    }

    @Test
    void aSnapshotTakenMidSeriesResumesToTheSameScores() {
        for (int kind = 0; kind < 3; kind++) {
            ExampleScorer a = scorer(kind);
            ExampleScorer b = scorer(kind);
            present(a, 0.1, 0.4, 0.3, 0.9, 0.7);
            present(b, 0.1, 0.4);
            ExampleScorer c = scorer(kind);
            c.restore(b.snapshot());
            present(c, 0.3, 0.9, 0.7);
            assertArrayEquals(a.scores(), c.scores(), 1e-12, a.kind().toString());
        }
    }

    private static ExampleScorer scorer(int kind) {
        DynamicsWindow w = DynamicsWindow.of(3).withTddsDecay(0.7);
        return switch (kind) {
            case 0 -> new DynamicUncertaintyScorer(2, w);
            case 1 -> new DualScorer(2, w);
            default -> new TddsScorer(2, 2, w);
        };
    }

    @Test
    void theWindowIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> DynamicsWindow.of(1));
        assertThrows(IllegalArgumentException.class, () -> DynamicsWindow.of(3).withTddsDecay(0));
        assertThrows(IllegalArgumentException.class, () -> DynamicsWindow.of(3).withTddsDecay(1.5));
        assertEquals(11, DynamicsWindow.defaults().presentationsNeeded(ScoreKind.DYNAMIC_UNCERTAINTY));
        assertEquals(10, DynamicsWindow.defaults().presentationsNeeded(ScoreKind.TDDS));
        assertEquals(1, DynamicsWindow.defaults().presentationsNeeded(ScoreKind.EL2N));
    }
}
