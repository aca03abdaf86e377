package org.dataprune4j.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SelectionAgreementTest {
    private static final int[] LABELS = new int[8];
    private static final double TOL = SelectionAgreement.FLOAT32_TOLERANCE;

    @Test
    void theSameScoresAgreeWithNoDifference() {
        double[] s = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        Selection sel = ScoreRangeRule.quantiles(0.25, 0.75).select(s, LABELS);
        SelectionAgreement same = SelectionAgreement.of(sel, s, sel, s.clone(), TOL);
        assertTrue(same.agrees(), same.toString());
        assertEquals(0, same.differingDecisions());
        assertEquals(0.0, same.maxScoreDifference(), 0.0);
    }

    @Test
    void aTieAtEitherBoundaryThatGoesTheOtherWayIsASwapWithinTheTolerance() {
        // ids 1 and 2 straddle the lower boundary (ranks 1 and 2), ids 5 and 6 the upper one (ranks 5 and 6); each
        // pair's order flips between a and b by differences below 1e-6
        double[] a = {0.1, 0.5, 0.5000003, 0.6, 0.7, 0.9, 0.9000002, 1.3};
        double[] b = {0.1, 0.5000004, 0.5000002, 0.6, 0.7, 0.9000003, 0.9000001, 1.3};
        SelectionRule rule = ScoreRangeRule.quantiles(0.25, 0.75);
        Selection sa = rule.select(a, LABELS);
        Selection sb = rule.select(b, LABELS);
        assertEquals(4, sa.keptCount());
        SelectionAgreement agreement = SelectionAgreement.of(sa, a, sb, b, TOL);
        assertTrue(agreement.agrees(), agreement.toString());
        assertEquals(4, agreement.differingDecisions(), "ids 1, 2 at the lower boundary, 5, 6 at the upper");
        assertEquals(4, agreement.boundarySwaps());
        // the same moves with a tolerance too small to explain them
        SelectionAgreement strict = SelectionAgreement.of(sa, a, sb, b, 1e-9);
        assertFalse(strict.agrees());
        assertArrayEquals(new int[] {1, 2, 5, 6}, strict.unexplainedIds());
    }

    @Test
    void aDifferenceAwayFromTheBoundaryIsUnexplained() {
        double[] s = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        Selection sa = ScoreRangeRule.keepHardest(0.5).select(s, LABELS);
        Decision[] moved = new Decision[8];
        for (int i = 0; i < 8; i++) {
            moved[i] = sa.decision(i);
        }
        moved[0] = Decision.KEPT; // the easiest example kept
        moved[4] = Decision.PRUNED_BELOW_RANGE; // in exchange for one 0.4 away
        SelectionAgreement agreement = SelectionAgreement.of(sa, s, new Selection(moved, "edited"), s, TOL);
        assertFalse(agreement.agrees());
        assertEquals(2, agreement.differingDecisions());
        assertEquals(0, agreement.boundarySwaps());
        assertArrayEquals(new int[] {0, 4}, agreement.unexplainedIds());
        assertTrue(agreement.toString().startsWith("DISAGREE"), agreement.toString());
    }

    @Test
    void aScoreBeyondTheToleranceDisagreesEvenWithTheSameDecisions() {
        double[] a = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 10.0};
        double[] b = a.clone();
        b[7] = 10.00002; // relative 2e-6 of a score above 1
        b[1] = Double.NaN;
        Selection sel = ScoreRangeRule.keepHardest(0.5).select(a, LABELS);
        SelectionAgreement agreement = SelectionAgreement.of(sel, a, sel, b, TOL);
        assertFalse(agreement.agrees());
        assertEquals(2, agreement.scoresBeyondTolerance());
        assertEquals(Double.POSITIVE_INFINITY, agreement.maxScoreDifference(), 0.0);
        b[1] = a[1];
        b[7] = 10.000005; // relative 5e-7: within
        assertTrue(SelectionAgreement.of(sel, a, sel, b, TOL).agrees());
    }

    @Test
    void badInputIsRejected() {
        double[] s = {0.1, 0.2};
        Selection sel = ScoreRangeRule.keepHardest(0.5).select(s, new int[2]);
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> SelectionAgreement.of(sel, s, sel, new double[3], TOL));
        assertTrue(sizes.getMessage().contains("same examples"), sizes.getMessage());
        IllegalArgumentException tol = assertThrows(IllegalArgumentException.class,
                () -> SelectionAgreement.of(sel, s, sel, s, -1));
        assertTrue(tol.getMessage().contains("FLOAT32_TOLERANCE"), tol.getMessage());
        assertThrows(NullPointerException.class, () -> SelectionAgreement.of(null, s, sel, s, TOL));
    }
}
