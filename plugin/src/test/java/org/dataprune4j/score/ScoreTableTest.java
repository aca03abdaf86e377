package org.dataprune4j.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTableTest {

    @Test
    void keepsScoresAsFloatsAndReadsThemBackAsTheirShortestDecimals() {
        double[] el2n = {0.1, 1.4142135623730951, 0.0, 7.0};
        ScoreTable t = ScoreTable.of(new int[] {0, 1, 2, 200}, new int[] {0, -1, 2, 3}, Map.of(ScoreKind.EL2N, el2n));
        double[] back = t.scores(ScoreKind.EL2N);
        assertEquals(0.1, back[0], 0.0, "0.1 comes back as 0.1, not 0.10000000149011612");
        assertEquals(1.4142135, back[1], 0.0, "float precision: 7 significant digits");
        assertEquals(7.0, t.score(ScoreKind.EL2N, 3), 0.0);
        assertEquals((float) back[1], (float) el2n[1], "narrowing again gives the same float");
        assertArrayEquals(new int[] {0, 1, 2, 200}, t.labels(), "labels above 127 take two bytes and read back");
        assertEquals(-1, t.predicted(1));
        assertEquals(201, t.numClasses());
    }

    @Test
    void rejectsAScoreOutsideFloatRangeNamingTheExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoreTable.of(new int[] {0, 1},
                new int[] {0, 1}, Map.of(ScoreKind.GRAND, new double[] {1.0, 1e40})));
        assertTrue(e.getMessage().contains("example 1") && e.getMessage().contains("float range"), e.getMessage());
    }
}
