package org.dataprune4j.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClassAdaptiveRuleTest {

    /** sqrt(size x mean): 100 x 0.25 -> 5, 25 x 1.0 -> 5, so the small hard class gets half the kept examples. */
    @Test
    void quotasFollowTheSquareRootOfSizeTimesMeanScore() {
        assertArrayEquals(new int[] {20, 20},
                ClassAdaptiveRule.quotas(new int[] {100, 25}, new double[] {25, 25}, 40, 0.5));
        // a class's quota is capped at its size and the rest goes to the others: 30 kept of 20 + 100
        assertArrayEquals(new int[] {20, 10},
                ClassAdaptiveRule.quotas(new int[] {20, 100}, new double[] {200, 1}, 30, 0.5));
        // every score 0: the same share of every class
        assertArrayEquals(new int[] {30, 10},
                ClassAdaptiveRule.quotas(new int[] {90, 30}, new double[] {0, 0}, 40, 0.5));
        // largest remainder: the quotas sum to the target exactly
        int[] q = ClassAdaptiveRule.quotas(new int[] {7, 11, 13}, new double[] {1, 2, 3}, 10, 0.5);
        assertEquals(10, Arrays.stream(q).sum());
    }

    /**
     * size^a x mean^(1 - a): at a = 1 the quotas follow the sizes (the same share of every class), at 0 the mean
     * scores alone, and in between the large easy class gets more than under RCAP's square root.
     */
    @Test
    void theSizeExponentMovesTheQuotasBetweenClassSizesAndMeanScores() {
        int[] size = {100, 25};
        double[] sum = {25, 25}; // means 0.25 and 1.0
        assertArrayEquals(new int[] {32, 8}, ClassAdaptiveRule.quotas(size, sum, 40, 1.0));
        assertArrayEquals(new int[] {8, 25}, ClassAdaptiveRule.quotas(size, sum, 33, 0.0));
        // a = 0.75: 100^0.75 x 0.25^0.25 = 22.36, 25^0.75 x 1 = 11.18 -> 2:1
        assertArrayEquals(new int[] {20, 10}, ClassAdaptiveRule.quotas(size, sum, 30, 0.75));
        // the same numbers through select, and a = 0.5 is the default
        int[] labels = new int[125];
        double[] scores = new double[125];
        for (int i = 0; i < 125; i++) {
            labels[i] = i < 100 ? 0 : 1;
            scores[i] = i < 100 ? 0.25 : 1.0;
        }
        Selection s = ClassAdaptiveRule.keep(0.24).sizeExponent(0.75).select(scores, labels);
        assertEquals(20, keptOf(s, labels, 0));
        assertEquals(10, keptOf(s, labels, 1));
        ClassAdaptiveRule rule = ClassAdaptiveRule.keep(0.24);
        assertEquals(rule.describe(), rule.sizeExponent(0.5).describe());
        assertTrue(rule.sizeExponent(0.75).describe().contains("size^0.75 x mean score^0.25"));
        assertTrue(rule.sizeExponent(0.625).describe().contains("size^0.625 x mean score^0.375"));
    }

    /** A long tail: the rule keeps a larger share of the small class than ranking all classes together does. */
    @Test
    void onALongTailTheSmallHardClassKeepsMoreThanUnderAGlobalRanking() {
        int n = 1100;
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 1000 ? 0 : 1; // class 1: 100 examples
            scores[i] = labels[i] == 0 ? 0.2 + 0.6 * (i % 100) / 100.0 : 0.5 + 0.4 * (i % 100) / 100.0;
        }
        Selection adaptive = ClassAdaptiveRule.keep(0.3).select(scores, labels);
        Selection global = ScoreRangeRule.keepHardest(0.3).select(scores, labels);
        assertEquals(330, adaptive.keptCount());
        int adaptiveSmall = keptOf(adaptive, labels, 1);
        int balancedSmall = keptOf(ClassBalancedRule.of(ScoreRangeRule.keepHardest(0.3)).select(scores, labels),
                labels, 1);
        assertEquals(30, balancedSmall, "the class-balanced rule keeps the imbalance: 30% of 100");
        assertTrue(adaptiveSmall > balancedSmall, adaptiveSmall + " of the small class kept");
        // the hardest within the class
        double lowestKept = Double.POSITIVE_INFINITY;
        double highestPruned = Double.NEGATIVE_INFINITY;
        for (int i = 1000; i < n; i++) {
            if (adaptive.isKept(i)) {
                lowestKept = Math.min(lowestKept, scores[i]);
            } else {
                highestPruned = Math.max(highestPruned, scores[i]);
                assertEquals(Decision.PRUNED_CLASS_QUOTA, adaptive.decision(i));
            }
        }
        assertTrue(lowestKept >= highestPruned);
        assertTrue(global.keptCount() == 330);
    }

    /** RCAP's draw: seeded, clipped (a huge score counts as ln C), exact counts per class. */
    @Test
    void theRcapDrawIsSeededAndClipped() {
        int n = 400;
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            scores[i] = (i * 37 % 101) / 50.0;
        }
        scores[5] = 1e6; // a mislabelled-looking example: clipped at ln 4
        ClassAdaptiveRule rule = ClassAdaptiveRule.rcap(0.25, 4, 9);
        Selection a = rule.select(scores, labels);
        assertEquals(a, rule.select(scores, labels));
        assertEquals(100, a.keptCount());
        Selection other = ClassAdaptiveRule.rcap(0.25, 4, 10).select(scores, labels);
        assertTrue(!a.equals(other), "another seed draws another subset");
        double[] clippedHuge = scores.clone();
        clippedHuge[5] = Math.log(4);
        assertEquals(a, rule.select(clippedHuge, labels), "a score above ln C is the same as ln C");
    }

    /** Applied again in a run (a re-selecting schedule), the draw is fresh each time and the same in a rerun. */
    @Test
    void eachDrawOfARunIsAfresh() {
        int n = 400;
        int[] labels = IntStream.range(0, n).map(i -> i % 4).toArray();
        double[] scores = new double[n];
        Arrays.fill(scores, 0.5); // all tied: only the random keys decide
        ClassAdaptiveRule rule = ClassAdaptiveRule.rcap(0.25, 4, 9);
        assertSame(rule, rule.forDraw(0));
        Selection first = rule.select(scores, labels);
        Selection second = rule.forDraw(1).select(scores, labels);
        assertEquals(second, rule.forDraw(1).select(scores, labels), "a rerun draws the same");
        assertEquals(100, second.keptCount());
        int both = 0;
        for (int id = 0; id < n; id++) {
            both += first.isKept(id) && second.isKept(id) ? 1 : 0;
        }
        // two independent draws of 25 of 100 per class share about 25 of the 100 kept; the same keys would share all
        assertTrue(both < 50, both + " of 100 kept examples drawn again");
        assertTrue(second.rule().contains("(seed 9, draw 1)"), second.rule());
        ClassAdaptiveRule hardest = ClassAdaptiveRule.keep(0.25);
        assertSame(hardest, hardest.forDraw(3), "keeping the hardest draws nothing");
        assertThrows(IllegalArgumentException.class, () -> rule.forDraw(-1));

        // stable within a class: every draw uses the first draw's keys, so tied scores keep the same examples
        ClassAdaptiveRule stable = rule.stableWithinClass();
        assertSame(stable, stable.forDraw(4));
        assertArrayEquals(first.keptIds(), stable.forDraw(4).select(scores, labels).keptIds());
        assertTrue(stable.describe().contains("(seed 9, the same keys at every draw)"), stable.describe());
        ClassAdaptiveRule stillStable = stable.sampledWithin(3.0, 9).clippedAt(1.0).sizeExponent(0.75);
        assertSame(stillStable, stillStable.forDraw(2), "the other settings keep it stable");
        assertThrows(IllegalStateException.class, hardest::stableWithinClass);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClassAdaptiveRule.keep(0));
        assertThrows(IllegalArgumentException.class, () -> ClassAdaptiveRule.keep(0.5).clippedAt(0));
        assertThrows(IllegalArgumentException.class, () -> ClassAdaptiveRule.keep(0.5).sampledWithin(0, 1));
        assertThrows(IllegalArgumentException.class, () -> ClassAdaptiveRule.rcap(0.5, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ClassAdaptiveRule.keep(0.5).sizeExponent(1.5));
        assertThrows(IllegalArgumentException.class, () -> ClassAdaptiveRule.keep(0.5).sizeExponent(-0.1));
        assertThrows(IllegalArgumentException.class,
                () -> ClassAdaptiveRule.keep(0.001).select(new double[] {1, 2}, new int[] {0, 1}));
    }

    private static int keptOf(Selection s, int[] labels, int c) {
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c && s.isKept(i)) {
                k++;
            }
        }
        return k;
    }

    @Test
    void rcapWithOneClassSaysToPassTwoForABinaryColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassAdaptiveRule.rcap(0.5, 1, 42));
        assertTrue(e.getMessage().contains("pass 2 for a binary classifier"), e.getMessage());
    }
}
