package org.dataprune4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.PruningReport;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.SelectionAgreement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares two runs whose numbers were computed two ways (another batch composition, a network against the same
 * graph, prefetch on and off): float32 scores within {@link SelectionAgreement#FLOAT32_TOLERANCE}, decisions
 * equal except boundary ties within it. Reports at INFO how far they differed.
 */
public final class Agreement {
    private static final Logger LOG = LoggerFactory.getLogger("agreement");

    private Agreement() {
    }

    /** Asserts that the two reports' selections agree on the scores of {@code kind}, and returns the comparison. */
    public static SelectionAgreement assertAgrees(String what, PruningReport a, PruningReport b, ScoreKind kind) {
        SelectionAgreement agreement = SelectionAgreement.of(a.selection(), a.scores().scores(kind), b.selection(),
                b.scores().scores(kind), SelectionAgreement.FLOAT32_TOLERANCE);
        LOG.info("{}: {}", what, agreement);
        assertTrue(agreement.agrees(), what + ": " + agreement);
        return agreement;
    }

    /** Asserts every score of {@code b} within a relative {@link SelectionAgreement#FLOAT32_TOLERANCE} of {@code a}'s. */
    public static void assertClose(double[] a, double[] b, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], SelectionAgreement.FLOAT32_TOLERANCE * Math.max(1, Math.abs(a[i])),
                    what + ", example " + i);
        }
    }
}
