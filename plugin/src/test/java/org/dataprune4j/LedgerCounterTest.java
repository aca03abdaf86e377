package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ledger's examples per class across a resume: continued where the checkpoint kept them, dropped where not. */
class LedgerCounterTest {

    private static PruningLedger resumedAndTrained(CheckpointState.LedgerCounts counts) {
        LedgerCounter counter = new LedgerCounter(4, 2);
        counter.restore(counts);
        counter.epochStarted();
        counter.trained(new int[] {0, 1, 1});
        counter.epochTrained();
        return counter.ledger(0, 0);
    }

    @Test
    void theExamplesOfEachClassContinueFromACheckpointThatKeptThem() {
        PruningLedger ledger = resumedAndTrained(new CheckpointState.LedgerCounts(new int[] {4}, 0, 0, 0, 0, 0, false,
                false, null, new long[] {3, 1}));
        assertEquals(List.of(4L, 3L), ledger.examplesPerClass());
        assertEquals(List.of(4, 3), ledger.examplesPerEpoch());
        assertTrue(ledger.describe().contains("7 examples trained (by class [4, 3]) of 8"), ledger.describe());
        LedgerCounter many = new LedgerCounter(30, 25);
        many.epochStarted();
        many.trained(new int[] {3, 3, 7, 24, 24, 24});
        many.epochTrained();
        String described = many.ledger(0, 0).describe();
        assertTrue(described.contains("(by class: from 0 of class 0 to 3 of class 24)"), described);
    }

    @Test
    void anOlderCheckpointAfterTrainingLeavesThemUncountedRatherThanShort() {
        PruningLedger ledger = resumedAndTrained(new CheckpointState.LedgerCounts(new int[] {4}, 0, 0, 0, 0, 0, false,
                false, null, null));
        assertEquals(List.of(), ledger.examplesPerClass(), "the first epoch's classes are not known");
        assertEquals(List.of(1L, 2L), resumedAndTrained(CheckpointState.LedgerCounts.NONE).examplesPerClass(),
                "nothing trained before: counted from the start");
    }
}
