package org.dataprune4j.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomAndClassBalancedRuleTest {

    @Test
    void randomKeepsExactlyTheRoundedFractionReproducibly() {
        double[] scores = new double[1000];
        int[] labels = new int[1000];
        Selection a = RandomRule.keep(0.3, 5).select(scores, labels);
        Selection b = RandomRule.keep(0.3, 5).select(scores, labels);
        Selection c = RandomRule.keep(0.3, 6).select(scores, labels);
        assertEquals(300, a.keptCount());
        assertArrayEquals(a.keptIds(), b.keptIds());
        assertFalse(Arrays.equals(a.keptIds(), c.keptIds()));
        assertEquals(Decision.PRUNED_NOT_DRAWN, a.decision(firstPruned(a)));
    }

    @Test
    void randomDrawsAfreshForEachDrawOfARunAndSoDoesItsClassBalancedForm() {
        double[] scores = new double[1000];
        int[] labels = new int[1000];
        RandomRule rule = RandomRule.keep(0.3, 5);
        assertSame(rule, rule.forDraw(0));
        Selection first = rule.select(scores, labels);
        Selection second = rule.forDraw(1).select(scores, labels);
        assertEquals(300, second.keptCount());
        assertArrayEquals(second.keptIds(), rule.forDraw(1).select(scores, labels).keptIds(), "a rerun draws the same");
        assertFalse(Arrays.equals(first.keptIds(), second.keptIds()));
        assertEquals("random 0.3000 (seed 5, draw 1)", second.rule());
        ClassBalancedRule balanced = ClassBalancedRule.of(rule);
        assertArrayEquals(second.keptIds(), balanced.forDraw(1).select(scores, labels).keptIds(), "one class");
        ClassBalancedRule hardest = ClassBalancedRule.of(ScoreRangeRule.keepHardest(0.5));
        assertSame(hardest, hardest.forDraw(2));
    }

    @Test
    void randomIgnoresScores() {
        double[] ascending = new double[100];
        double[] descending = new double[100];
        for (int i = 0; i < 100; i++) {
            ascending[i] = i;
            descending[i] = -i;
        }
        assertArrayEquals(RandomRule.keep(0.5, 1).select(ascending, new int[100]).keptIds(),
                RandomRule.keep(0.5, 1).select(descending, new int[100]).keptIds());
    }

    @Test
    void classBalancedAppliesTheRuleWithinEachClass() {
        // Class 0 (ids 0-3) has all the high scores; a global keepHardest(0.5) would keep only class 0.
        double[] scores = {10, 11, 12, 13, 1, 2, 3, 4};
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 1};
        assertArrayEquals(new int[] {0, 1, 2, 3}, ScoreRangeRule.keepHardest(0.5).select(scores, labels).keptIds());
        Selection balanced = ClassBalancedRule.of(ScoreRangeRule.keepHardest(0.5)).select(scores, labels);
        assertArrayEquals(new int[] {2, 3, 6, 7}, balanced.keptIds());
        assertEquals(Decision.PRUNED_BELOW_RANGE, balanced.decision(4));
        assertEquals("class-balanced score range [0.5000, 1.0000]", balanced.rule());
    }

    @Test
    void classBalancedNamesTheClassThatWouldBeEmptied() {
        double[] scores = {1, 2, 3, 4, 5};
        int[] labels = {0, 0, 0, 0, 1};
        ScoreRangeRuleTest.assertMessage(
                () -> ClassBalancedRule.of(ScoreRangeRule.quantiles(0.6, 0.9)).select(scores, labels), "In class 1");
    }

    @Test
    void randomRejectsBadFractions() {
        assertThrows(IllegalArgumentException.class, () -> RandomRule.keep(0));
        assertThrows(IllegalArgumentException.class, () -> RandomRule.keep(1.5));
        ScoreRangeRuleTest.assertMessage(() -> RandomRule.keep(0.01).select(new double[10], new int[10]),
                "keeps no example");
    }

    private static int firstPruned(Selection s) {
        for (int i = 0; i < s.size(); i++) {
            if (!s.isKept(i)) {
                return i;
            }
        }
        throw new AssertionError("nothing pruned");
    }
}
