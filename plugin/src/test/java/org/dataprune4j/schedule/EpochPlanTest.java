package org.dataprune4j.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;
import org.junit.jupiter.api.Test;

class EpochPlanTest {
    private static final Selection TWO_OF_THREE = new Selection(new Decision[] {Decision.KEPT,
            Decision.PRUNED_SOFT, Decision.KEPT}, "test");

    @Test
    void weightsMustBePositiveFiniteAndOnePerKeptExample() {
        EpochPlan plan = EpochPlan.weightedSubset(TWO_OF_THREE, new float[] {1f, 2f});
        assertTrue(plan.isWeighted());
        assertArrayEquals(new float[] {1f, 2f}, plan.keptWeights());
        for (float[] bad : new float[][] {{1f, 0f}, {1f, Float.NaN}, {-1f, 1f}, {1f, Float.POSITIVE_INFINITY}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> EpochPlan.weightedSubset(TWO_OF_THREE, bad));
            assertTrue(e.getMessage().contains("loss weights must be positive and finite"), e.getMessage());
        }
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> EpochPlan.weightedSubset(TWO_OF_THREE, new float[] {1f, 1f, 1f}));
        assertEquals("3 weights for 2 kept examples", count.getMessage());
    }

    @Test
    void anAllPlanKeepsEveryExampleUnweightedAndUnchangedHasNoSelection() {
        EpochPlan all = EpochPlan.all(4, "annealing");
        assertEquals(EpochPlan.Kind.ALL, all.kind());
        assertEquals(4, all.selection().keptCount());
        assertTrue(!all.isWeighted());
        assertEquals(null, EpochPlan.unchanged().selection());
    }
}
