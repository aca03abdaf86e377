package org.dataprune4j.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.NullPointerTester;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ScoreRangeRuleTest {
    // Ten examples; ascending score order is ids 3, 0, 7, {1, 9}, 4, 2, {5, 8}, 6
    // (ids 1 and 9 tie at 0.4, ids 5 and 8 at 0.8; each pair ranks in the unsigned order of its tie keys).
    private static final double[] SCORES = {0.2, 0.4, 0.7, 0.1, 0.6, 0.8, 0.95, 0.3, 0.8, 0.4};
    private static final int[] LABELS = new int[10];

    @Test
    void keepsTheQuantileRangeByRank() {
        // ranks 2..7 (round(0.2*10)=2 inclusive to round(0.8*10)=8 exclusive): ids 7, 1, 9, 4, 2 and whichever of
        // the tied 5 and 8 has the lower tie key
        Selection s = ScoreRangeRule.quantiles(0.2, 0.8).select(SCORES, LABELS);
        int lowerOf5And8 = Integer.compareUnsigned(Ties.key(5), Ties.key(8)) < 0 ? 5 : 8;
        int[] expected = {1, 2, 4, lowerOf5And8, 7, 9};
        Arrays.sort(expected);
        assertArrayEquals(expected, s.keptIds());
        assertEquals(Decision.PRUNED_BELOW_RANGE, s.decision(3));
        assertEquals(Decision.PRUNED_BELOW_RANGE, s.decision(0));
        assertEquals(Decision.PRUNED_ABOVE_RANGE, s.decision(13 - lowerOf5And8));
        assertEquals(Decision.PRUNED_ABOVE_RANGE, s.decision(6));
    }

    @Test
    void tiesAreBrokenInAPseudoRandomOrderFixedPerIdNotById() {
        // keepHardest(0.5): the five highest are ids 4, 2, 5, 8, 6 whatever the tie order (no tie at that edge).
        assertArrayEquals(new int[] {2, 4, 5, 6, 8}, ScoreRangeRule.keepHardest(0.5).select(SCORES, LABELS).keptIds());
        // keepEasiest(0.4): ranks 0..3 = ids 3, 0, 7 and one of the tied 1 and 9 (both 0.4), the same every time.
        int[] kept = ScoreRangeRule.keepEasiest(0.4).select(SCORES, LABELS).keptIds();
        assertEquals(4, kept.length);
        assertTrue(kept[3] == 1 || kept[3] == 9, Arrays.toString(kept));
        assertArrayEquals(kept, ScoreRangeRule.keepEasiest(0.4).select(SCORES, LABELS).keptIds(), "reproducible");
    }

    @Test
    void tieKeysAreABijectionOfTheIdsAndOrderTiesByUnsignedKey() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            int id = i < 50_000 ? i : random.nextInt();
            assertEquals(id, Ties.idOfKey(Ties.key(id)));
        }
        // ten tied examples rank in the unsigned order of their keys
        int[] order = Ranking.ascending(new double[10]);
        for (int i = 1; i < order.length; i++) {
            assertTrue(Integer.compareUnsigned(Ties.key(order[i - 1]), Ties.key(order[i])) < 0);
        }
    }

    @Test
    void aPartRanksItsTiesAsTheWholeSetWould() {
        // every score tied: class-balanced keep-hardest within one class keeps exactly the ids that keep-hardest over
        // that class's examples alone keeps when given their own ids; masking keeps the same order among the rest
        int n = 400;
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            scores[i] = i % 3;
        }
        Selection balanced = ClassBalancedRule.of(ScoreRangeRule.keepHardest(0.3)).select(scores, labels);
        for (int c = 0; c < 4; c++) {
            int[] ids = new int[n / 4];
            double[] classScores = new double[n / 4];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = 4 * j + c;
                classScores[j] = scores[ids[j]];
            }
            Selection alone = ScoreRangeRule.keepHardest(0.3).select(classScores, new int[ids.length], ids);
            for (int j = 0; j < ids.length; j++) {
                assertEquals(alone.isKept(j), balanced.isKept(ids[j]), "class " + c + " id " + ids[j]);
            }
        }
        java.util.BitSet excluded = new java.util.BitSet();
        excluded.set(0, 40);
        Selection masked = ScoreRangeRule.keepHardest(0.5).selectExcluding(scores, labels, excluded);
        int[] ids = new int[n - 40];
        double[] rest = new double[n - 40];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = j + 40;
            rest[j] = scores[j + 40];
        }
        Selection restAlone = ScoreRangeRule.keepHardest(0.5).select(rest, new int[ids.length], ids);
        for (int j = 0; j < ids.length; j++) {
            assertEquals(restAlone.isKept(j), masked.isKept(ids[j]));
        }
        assertEquals(Decision.PRUNED_MASKED, masked.decision(0));
    }

    @Test
    void allTiedScoresOnClassSortedDataKeepEveryClassNotAWholeRunOfIds() {
        // 300 examples sorted by class (ids 0-99 class 0, ...), every score tied at 0: keep-hardest 50% by id would
        // keep ids 150-299, i.e. none of class 0; a random tie order keeps about half of each class.
        int n = 300;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / 100;
        }
        int[] kept = ScoreRangeRule.keepHardest(0.5).select(new double[n], labels).keptIds();
        int[] perClass = new int[3];
        for (int id : kept) {
            perClass[labels[id]]++;
        }
        for (int c = 0; c < 3; c++) {
            assertTrue(perClass[c] >= 35 && perClass[c] <= 65, "class " + c + " kept " + perClass[c] + " of 100");
        }
        assertEquals(1.0, Ties.share(new double[n]), 0.0);
        assertEquals(0.0, Ties.share(new double[] {1, 2, 3}), 0.0);
        assertEquals(0.5, Ties.share(new double[] {1, 1, 2, 3}), 0.0);
    }

    @Test
    void quantileEdgesRoundToTheNearestRank() {
        // 0.29 * 100 = 28.999999999999996 in floating point; the rule must still cut at rank 29.
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = i;
        }
        Selection s = ScoreRangeRule.quantiles(0.29, 1.0).select(scores, new int[100]);
        assertEquals(71, s.keptCount());
        assertEquals(Decision.PRUNED_BELOW_RANGE, s.decision(28));
        assertEquals(Decision.KEPT, s.decision(29));
        assertEquals(100, ScoreRangeRule.quantiles(0, 1).select(scores, new int[100]).keptCount());
    }

    @Test
    void dropsTheTopThenKeepsTheNextHardest() {
        double[] scores = new double[50];
        for (int i = 0; i < 50; i++) {
            scores[i] = 50 - i;
        }
        // [0.48, 0.98]: drop the top 2% (1 example: id 0) and keep the next 50% (ids 1..25).
        Selection s = ScoreRangeRule.quantiles(0.48, 0.98).select(scores, new int[50]);
        assertEquals(25, s.keptCount());
        assertEquals(Decision.PRUNED_ABOVE_RANGE, s.decision(0));
        assertEquals(Decision.KEPT, s.decision(1));
        assertEquals(Decision.KEPT, s.decision(25));
        assertEquals(Decision.PRUNED_BELOW_RANGE, s.decision(26));
    }

    @Test
    void rejectsQuantilesOutsideUnitIntervalOrInverted() {
        assertMessage(() -> ScoreRangeRule.quantiles(-0.1, 0.5), "lo must be a quantile in [0, 1]");
        assertMessage(() -> ScoreRangeRule.quantiles(0.1, 1.5), "hi must be a quantile in [0, 1]");
        assertMessage(() -> ScoreRangeRule.quantiles(0.5, 0.5), "lo must be below hi");
        assertMessage(() -> ScoreRangeRule.quantiles(0.6, 0.5), "lo must be below hi");
        assertMessage(() -> ScoreRangeRule.quantiles(Double.NaN, 0.5), "lo must be a quantile");
        assertMessage(() -> ScoreRangeRule.keepHardest(0), "fraction kept must be in (0, 1]");
        assertMessage(() -> ScoreRangeRule.keepEasiest(1.01), "fraction kept must be in (0, 1]");
    }

    @Test
    void aRangeThatKeepsNoExampleIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoreRangeRule.quantiles(0.5, 0.52).select(new double[] {1, 2, 3, 4, 5}, new int[5]));
        assertTrue(e.getMessage().contains("keeps no example of 5"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteScoresAndMismatchedLengths() {
        assertMessage(() -> ScoreRangeRule.keepHardest(0.5).select(new double[] {1, Double.NaN}, new int[2]),
                "score of example 1 is NaN");
        assertMessage(() -> ScoreRangeRule.keepHardest(0.5).select(new double[] {1, 2}, new int[3]),
                "same length");
        assertMessage(() -> ScoreRangeRule.keepHardest(0.5).select(new double[0], new int[0]), "no examples");
    }

    @Test
    void nullArgumentsAreRejected() {
        new NullPointerTester().testAllPublicInstanceMethods(ScoreRangeRule.keepHardest(0.5));
        new NullPointerTester().testAllPublicInstanceMethods(RandomRule.keep(0.5));
        new NullPointerTester().testAllPublicStaticMethods(ClassBalancedRule.class);
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
