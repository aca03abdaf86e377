package org.dataprune4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class RangeSearchTest {

    private static long arbiterThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && (t.getName()
                .startsWith("LocalCandidateExecutor-") || t.getName().startsWith("ArbiterOptimizationRunner-"))).count();
    }

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String expected) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void theSpaceDecodesToValidRangesInsideItsBoundsOnly() {
        RangeSpace space = new RangeSpace(0.0, 0.6, 0.5, 1.0);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            QuantileRange r = space.decode(random.nextDouble(), random.nextDouble());
            assertTrue(r.lo() >= 0 && r.lo() <= 0.6 && r.hi() >= 0.5 && r.hi() <= 1 && r.lo() < r.hi(), r::toString);
        }
        assertEquals(new QuantileRange(0.6, 1.0), space.decode(1, 1));
        assertEquals(new QuantileRange(0.0, 0.5), space.decode(0, 0));
    }

    @Test
    void aSpaceNarrowedToKeptFractionsDrawsOnlyRangesOfThatSize() {
        RangeSpace space = RangeSpace.full().keptBetween(0.24, 0.3);
        SplittableRandom random = new SplittableRandom(2);
        double loMax = 0;
        for (int i = 0; i < 10_000; i++) {
            QuantileRange r = space.decode(random.nextDouble(), random.nextDouble());
            assertTrue(r.keptFraction() >= 0.24 - 1e-12 && r.keptFraction() <= 0.3 + 1e-12, r::toString);
            loMax = Math.max(loMax, r.lo());
        }
        assertTrue(loMax > 0.75, "the window moves over the whole score scale, up to lo = 0.76; got " + loMax);
        assertEquals(new QuantileRange(0.0, 0.24), space.decode(0, 0));
        assertEquals(new QuantileRange(0.76, 1.0), space.decode(1, 1));
        assertTrue(space.toString().contains("keeps [0.2400, 0.3000]"), space::toString);
        assertMessage(IllegalArgumentException.class, () -> new RangeSpace(0.5, 0.9, 0.6, 0.8).keptBetween(0.4, 0.5),
                "no range of");
        assertMessage(IllegalArgumentException.class, () -> RangeSpace.full().keptBetween(0.5, 0.3), "0 <= min <= max");
    }

    @Test
    void candidatesUnderTheFloorAreNotTrained() {
        AtomicInteger evaluated = new AtomicInteger();
        TuningResult result = RangeSearch.builder(RangeSpace.full(), 1_000).maxKeptFraction(0.5)
                .minKeptFraction(0.3).randomSearch(60, 5).build().run(r -> {
                    evaluated.incrementAndGet();
                    assertTrue(r.keptFraction() >= 0.3 - 1e-9, "a range under the floor was trained: " + r);
                    return -r.keptFraction();
                });
        int under = result.count(Trial.Status.SKIPPED_UNDER_FLOOR);
        int over = result.count(Trial.Status.SKIPPED_OVER_BUDGET);
        assertTrue(under > 0 && over > 0, "a full-space search proposes ranges on both sides: " + under + ", " + over);
        assertEquals(60 - under - over, evaluated.get());
        assertTrue(result.trials().stream().filter(t -> t.status() == Trial.Status.SKIPPED_UNDER_FLOOR)
                .allMatch(t -> t.range().keptFraction() < 0.3 && t.message().contains("< floor 0.3000")));
        assertTrue(result.best().orElseThrow().range().keptFraction() >= 0.3 - 1e-9,
                "the objective favours small ranges, yet the best respects the floor");
        assertMessage(IllegalStateException.class, () -> RangeSearch.builder(new RangeSpace(0, 0.1, 0.05, 0.15), 100)
                .minKeptFraction(0.5).randomSearch(4, 1).build().run(r -> 1.0), "4 kept less than the floor of 0.5");
        assertMessage(IllegalArgumentException.class, () -> RangeSearch.builder(RangeSpace.full(), 100)
                .maxKeptFraction(0.3).minKeptFraction(0.4).build(), "is above the budget");
        assertMessage(IllegalArgumentException.class, () -> RangeSearch.builder(RangeSpace.full(), 100)
                .minKeptFraction(1.0), "fraction in [0, 1)");
    }

    @Test
    void aSpaceWithLoAboveHiEverywhereIsRejected() {
        assertMessage(IllegalArgumentException.class, () -> new RangeSpace(0.7, 0.9, 0.2, 0.6), "lo >= hi everywhere");
        assertMessage(IllegalArgumentException.class, () -> new RangeSpace(-0.1, 0.5, 0.5, 1), "lo bounds");
        assertMessage(IllegalArgumentException.class, () -> new RangeSpace(0, 0.5, 0.5, 1.5), "hi bounds");
    }

    @Test
    void randomSearchFindsAKnownBestRangeOfASyntheticObjective() throws Exception {
        // Objective peaks at [0.2, 0.9]; the search sees it only through Arbiter's candidates.
        TuningResult result = RangeSearch.builder(RangeSpace.full(), 10_000).randomSearch(300, 3).build()
                .run(r -> -Math.pow(r.lo() - 0.2, 2) - Math.pow(r.hi() - 0.9, 2));
        // Arbiter's runner threads end with the search (each search once left two idle ones, with their memory)
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (arbiterThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, arbiterThreads(), "no Arbiter runner thread outlives the search");
        assertEquals(300, result.trials().size());
        QuantileRange best = result.best().orElseThrow().range();
        assertEquals(0.2, best.lo(), 0.06);
        assertEquals(0.9, best.hi(), 0.06);
        assertEquals(best, new QuantileRange(result.bestRule().lo(), result.bestRule().hi()));
    }

    @Test
    void gridSearchTriesEveryPointAndMinimisesLoss() {
        TuningResult result = RangeSearch.builder(new RangeSpace(0, 0.5, 0.5, 1), 1_000).gridSearch(5)
                .objective(Objective.LOSS).build()
                .run(r -> Math.abs(r.lo() - 0.25) + Math.abs(r.hi() - 0.75));
        assertEquals(25, result.trials().size());
        assertEquals(new QuantileRange(0.25, 0.75), result.best().orElseThrow().range());
    }

    @Test
    void candidatesOverTheBudgetAreNotTrained() {
        AtomicInteger evaluated = new AtomicInteger();
        RangeSearch search = RangeSearch.builder(RangeSpace.full(), 1_000).maxKeptFraction(0.3).randomSearch(50, 5)
                .build();
        TuningResult result = search.run(r -> {
            evaluated.incrementAndGet();
            assertTrue(r.keptFraction() <= 0.3 + 1e-3, "an over-budget range was trained: " + r);
            return r.keptFraction();
        });
        int skipped = result.count(Trial.Status.SKIPPED_OVER_BUDGET);
        assertTrue(skipped > 0, "a full-space search proposes ranges above 30%");
        assertEquals(50 - skipped, evaluated.get());
        for (Trial t : result.trials()) {
            assertEquals(t.status() == Trial.Status.SKIPPED_OVER_BUDGET, t.keptCount() > 300, t::toString);
        }
        assertTrue(search.withinBudget(new QuantileRange(0.7, 1.0)));
        assertTrue(!search.withinBudget(new QuantileRange(0.69, 1.0)));
    }

    @Test
    void failedCandidatesAreRecordedAndTheSearchGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        TuningResult result = RangeSearch.builder(RangeSpace.full(), 1_000).randomSearch(10, 1).build().run(r -> {
            int call = calls.incrementAndGet();
            if (call % 3 == 0) {
                return Double.NaN;
            }
            if (call % 3 == 1) {
                throw new IllegalStateException("boom " + call);
            }
            return r.hi();
        });
        assertEquals(10, result.trials().size());
        assertEquals(3, result.count(Trial.Status.COMPLETED));
        assertEquals(7, result.count(Trial.Status.FAILED));
        assertTrue(result.trials().stream().anyMatch(t -> t.message().contains("training diverged")));
        assertTrue(result.trials().stream().anyMatch(t -> t.message().contains("boom")));
    }

    @Test
    void ifEveryCandidateFailsTheSearchFailsWithTheReason() {
        assertMessage(IllegalStateException.class, () -> RangeSearch.builder(RangeSpace.full(), 100)
                .randomSearch(4, 1).build().run(r -> {
                    throw new ArithmeticException("diverged at epoch 1");
                }), "first failure: ArithmeticException: diverged at epoch 1");
        assertMessage(IllegalStateException.class, () -> RangeSearch.builder(new RangeSpace(0, 0.1, 0.95, 1), 100)
                .maxKeptFraction(0.5).randomSearch(4, 1).build().run(r -> 1.0), "4 kept more than the budget");
    }

    @Test
    void aTimeBudgetStopsProposingCandidates() {
        TuningResult result = RangeSearch.builder(RangeSpace.full(), 1_000).randomSearch(1_000, 2)
                .timeBudget(java.time.Duration.ofMillis(1_500)).build().run(r -> {
                    Thread.sleep(200);
                    return r.hi();
                });
        int n = result.trials().size();
        assertTrue(n >= 2 && n <= 12, "1.5 s at 0.2 s per candidate ran " + n + " candidates");
    }

    @Test
    void badSearchSettingsAreRejected() {
        assertMessage(IllegalArgumentException.class,
                () -> RangeSearch.builder(RangeSpace.full(), 100).maxKeptFraction(0), "fraction in (0, 1]");
        assertMessage(IllegalArgumentException.class,
                () -> RangeSearch.builder(RangeSpace.full(), 100).maxKeptFraction(1.2), "fraction in (0, 1]");
        assertMessage(IllegalArgumentException.class,
                () -> RangeSearch.builder(RangeSpace.full(), 100).randomSearch(0, 1).build(), "at least one candidate");
        assertMessage(IllegalArgumentException.class,
                () -> RangeSearch.builder(RangeSpace.full(), 100).gridSearch(1), "at least 2 points");
    }

    @Test
    void theTrialTableAndCsvListEveryTrial(@TempDir Path dir) throws Exception {
        TuningResult result = new TuningResult(List.of(
                new Trial(0, null, 0, new QuantileRange(0.5, 1.0), 50, Trial.Status.COMPLETED, 0.81, 1.5, ""),
                new Trial(1, null, 0, new QuantileRange(0.0, 0.9), 90, Trial.Status.SKIPPED_OVER_BUDGET, Double.NaN, 0,
                        "keeps 90 > budget 60"),
                new Trial(2, null, 0, new QuantileRange(0.4, 0.98), 58, Trial.Status.COMPLETED, 0.84, 1.4, "")),
                Objective.ACCURACY, 10.0, 2.9);
        assertEquals(2, result.best().orElseThrow().index());
        String table = result.table();
        assertTrue(table.contains("[0.4000, 0.9800]"), table);
        assertTrue(table.contains("0.8400      1.4  <- best"), table);
        assertTrue(table.contains("keeps 90 > budget 60"), table);
        assertTrue(table.contains("10.0 s scoring once + 2.9 s for 3 candidates = 12.9 s"), table);
        Path csv = dir.resolve("trials.csv");
        result.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size());
        assertEquals("2,,0,0.4,0.98,58,COMPLETED,0.84,1.4,\"\"", lines.get(3));
    }
}
