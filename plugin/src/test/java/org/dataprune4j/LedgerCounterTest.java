package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
