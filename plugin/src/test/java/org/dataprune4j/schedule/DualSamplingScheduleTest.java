package org.dataprune4j.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DualSamplingScheduleTest {
    private static final int N = 2000;

    /** mu = 1 - difficulty spread evenly over (0, 1); DUAL = mu (1 - mu), highest in the middle. */
    private static double[][] scores() {
        double[] dual = new double[N];
        double[] difficulty = new double[N];
        for (int i = 0; i < N; i++) {
            double mu = (i + 0.5) / N;
            difficulty[i] = 1 - mu;
            dual[i] = mu * (1 - mu);
        }
        return new double[][] {dual, difficulty};
    }

    private static double meanMuOfKept(boolean[] kept, double[] difficulty) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < N; i++) {
            if (kept[i]) {
                sum += 1 - difficulty[i];
                count++;
            }
        }
        return sum / count;
    }

    @Test
    void theBetaFollowsThePapersFormula() {
        // b = 15 (1 - anchor) (1 - r^4): keep 10% (r = 0.9): 15 x 0.5 x (1 - 0.6561) = 2.57925
        assertEquals(2.57925, DualSamplingSchedule.keep(0.1, 2).betaB(0.5), 1e-9);
        // keep 70% (r = 0.3): 15 x 0.5 x (1 - 0.0081) = 7.43925
        assertEquals(7.43925, DualSamplingSchedule.keep(0.7, 2).betaB(0.5), 1e-9);
    }

    @Test
    void extremePruningDrawsEasierExamplesThanMildPruningAndTheDrawIsSeeded() {
        double[][] s = scores();
        boolean[] none = new boolean[N];
        boolean[] extreme = DualSamplingSchedule.keep(0.1, 2).draw(s[0], s[1], none);
        boolean[] mild = DualSamplingSchedule.keep(0.7, 2).draw(s[0], s[1], none);
        int kept = 0;
        for (boolean k : extreme) {
            kept += k ? 1 : 0;
        }
        assertEquals(200, kept);
        double easyAtExtreme = meanMuOfKept(extreme, s[1]);
        double atMild = meanMuOfKept(mild, s[1]);
        // the Beta's mode: keep 10% -> (a - 1) / (a + b - 2) = 12.42 / 14 = 0.89; keep 70% -> 0.54
        assertTrue(easyAtExtreme > 0.75, "keep 10%: mean mu " + easyAtExtreme);
        assertTrue(atMild < 0.6, "keep 70%: mean mu " + atMild);
        assertArrayEquals(extreme, DualSamplingSchedule.keep(0.1, 2).draw(s[0], s[1], none));
        assertFalse(java.util.Arrays.equals(extreme, DualSamplingSchedule.keep(0.1, 2).withSeed(7).draw(s[0], s[1],
                none)), "another seed draws another subset");
    }

    @Test
    void maskedExamplesAreNeverDrawnAndTheCountIsOfTheOthers() {
        double[][] s = scores();
        boolean[] masked = new boolean[N];
        for (int i = 0; i < N; i += 2) {
            masked[i] = true;
        }
        boolean[] kept = DualSamplingSchedule.keep(0.5, 2).draw(s[0], s[1], masked);
        int count = 0;
        for (int i = 0; i < N; i++) {
            assertFalse(kept[i] && masked[i], "masked example " + i + " drawn");
            count += kept[i] ? 1 : 0;
        }
        assertEquals(500, count);
    }
}
