package org.dataprune4j.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WarmupScheduleTest {

    @Test
    void scoresTheWarmupEpochsAndSwapsAfterTheLast() {
        WarmupSchedule s = WarmupSchedule.epochs(2);
        assertEquals(java.util.List.of(true, true, false, false),
                IntStream.range(0, 4).mapToObj(s::isScoringEpoch).toList());
        assertEquals(java.util.List.of(false, true, false, false),
                IntStream.range(0, 4).mapToObj(s::isSwapEpoch).toList());
    }

    @Test
    void needsAtLeastOneWarmupEpoch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WarmupSchedule.epochs(0));
        assertTrue(e.getMessage().contains("warmupEpochs must be at least 1"), e.getMessage());
    }
}
