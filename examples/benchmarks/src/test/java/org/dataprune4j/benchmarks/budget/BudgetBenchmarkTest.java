package org.dataprune4j.benchmarks.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetBenchmarkTest {

    @Test
    void everyRunAtABudgetSpendsItAndAResumedBenchmarkTrainsNothingAgain(@TempDir Path dir) throws Exception {
        BudgetBenchmark benchmark = new BudgetBenchmark(Workload.tiny(), 6, 1e-2, dir);
        List<BudgetRun> runs = benchmark.run(List.of(1L), List.of(0.5));
        // full constant, full fitted, fewer epochs, RS2, static, re-select, planner, InfoBatch
        assertEquals(8, runs.size(), runs.toString());
        for (BudgetRun r : runs) {
            assertEquals(r.examples().size(), r.accuracies().size(), r.method());
            if (r.budget() == 0.5) {
                double spent = r.examplesTrained() / (0.5 * 6 * 800);
                assertTrue(Math.abs(spent - 1) <= 0.01, r.method() + " spent " + spent + " of its budget");
            }
        }
        BudgetRun full = runs.stream().filter(r -> r.method().equals(BudgetReport.FULL)).findFirst().orElseThrow();
        assertEquals(6 * 800, full.examplesTrained());
        assertTrue(full.finalAccuracy() >= 0.85, "full data on the tiny set: " + full.finalAccuracy()); // measured 0.93
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| 0.5 | RS2 |") && report.contains("| 0.5 | budget planner (default) |"), report);
        assertTrue(Files.size(dir.resolve("frontier-examples-tiny.png")) > 1000);
        long rows = Files.readAllLines(dir.resolve("runs.csv")).size();
        assertEquals(8, benchmark.run(List.of(1L), List.of(0.5)).size());
        assertEquals(rows, Files.readAllLines(dir.resolve("runs.csv")).size(), "resumed: nothing trained again");
    }

    @Test
    void runsScoredByLossAreNamedSoAndThePerEpochTableListsEveryRun(@TempDir Path dir) throws Exception {
        List<BudgetRun> runs = new BudgetBenchmark(Workload.tiny(), 6, 1e-2, dir)
                .scores(List.of(org.dataprune4j.score.ScoreKind.EL2N, org.dataprune4j.score.ScoreKind.LOSS), false)
                .only(List.of("full data", "static keep-hardest (loss)", "full data (constant rate)"))
                .run(List.of(1L), List.of(0.5));
        assertEquals(List.of("full data", "static keep-hardest (loss)"), runs.stream().map(BudgetRun::method).toList(),
                "no constant-rate run when it is left out");
        assertEquals(List.of(800L, 800L, 200L, 200L, 200L, 200L), runs.get(1).examples(),
                "2 warm-up epochs, then (0.5 x 6 - 2) / 4 = 25% kept");
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| static keep-hardest (loss) | 0.5 | 1 | "), report);
        assertTrue(Files.size(dir.resolve("epochs-tiny.png")) > 1000);
    }

    /**
     * The class-adaptive rule in planner variants: w1a0 keeps (3 - 1) / 5 after one warm-up; a variant that drops the
     * hardest share cannot take the rule and is left out when the runs are planned, not failed when its run starts.
     */
    @Test
    void classAdaptivePlannerVariantsSpendTheirPlanAndOneThatCannotTakeTheRuleIsLeftOut(@TempDir Path dir)
            throws Exception {
        List<BudgetRun> runs = new BudgetBenchmark(Workload.tiny(), 6, 1e-2, dir).classAware(true)
                .variants(List.of("w1a0", "w1d0.02"), true)
                .scores(List.of(org.dataprune4j.score.ScoreKind.LOSS), false).temperatures(List.of(3.0))
                .sizeExponents(List.of(0.5, 0.75))
                .only(List.of("budget planner (w1a0) with class-adaptive at temperature 3 (loss)",
                        "budget planner (w1d0.02) with class-adaptive at temperature 3 (loss)",
                        "budget planner (w1a0) with class-adaptive (size exponent 0.75) at temperature 3 (loss)",
                        "class-adaptive (size exponent 0.75) at temperature 3 every epoch (loss)"))
                .run(List.of(1L), List.of(0.5));
        assertEquals(List.of("budget planner (w1a0) with class-adaptive (size exponent 0.75) at temperature 3 (loss)",
                        "budget planner (w1a0) with class-adaptive at temperature 3 (loss)",
                        "class-adaptive (size exponent 0.75) at temperature 3 every epoch (loss)"),
                runs.stream().map(BudgetRun::method).sorted().toList());
        for (BudgetRun r : runs) {
            assertEquals(r.method().startsWith("budget planner") ? List.of(800L, 320L, 320L, 320L, 320L, 320L)
                    : List.of(800L, 800L, 200L, 200L, 200L, 200L), r.examples(), r.method());
        }
    }

    /** draws=fresh,stable trains each temperature run twice, the stable one named so and built with the stable draw. */
    @Test
    void theStableDrawIsARunOfItsOwn(@TempDir Path dir) throws Exception {
        List<BudgetRun> runs = new BudgetBenchmark(Workload.tiny(), 6, 1e-2, dir).classAware(true)
                .variants(List.of("w1a0"), true)
                .scores(List.of(org.dataprune4j.score.ScoreKind.LOSS), false).temperatures(List.of(100.0))
                .stableDraws(List.of(false, true))
                .only(List.of("budget planner (w1a0) with class-adaptive at temperature 100 (loss)",
                        "budget planner (w1a0) with class-adaptive (stable draw) at temperature 100 (loss)"))
                .run(List.of(1L), List.of(0.5));
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(runs.get(0).examples(), runs.get(1).examples(), "the same plan");
        // the rule each run builds (accuracies alone differ by a test example or two here, too close to assert)
        assertTrue(BudgetBenchmark.sampledClassAdaptive(0.4, 10, 1, 100, 0.5, true).describe()
                .contains("the same keys at every draw"));
        assertFalse(BudgetBenchmark.sampledClassAdaptive(0.4, 10, 1, 100, 0.5, false).describe()
                .contains("the same keys"));
    }

    /**
     * The class-aware runs (issue 30) spend the budget like re-selection; every run records its per-class accuracy,
     * and the report's balanced and worst-class columns read it (rows from before it read as "-").
     */
    @Test
    void classAwareRunsRecordPerClassAccuracyAndTheReportShowsWorstAndBalanced(@TempDir Path dir) throws Exception {
        List<BudgetRun> runs = new BudgetBenchmark(Workload.tiny(), 6, 1e-2, dir).classAware(true)
                .scores(List.of(org.dataprune4j.score.ScoreKind.LOSS), false).temperatures(List.of(3.0))
                .only(List.of("full data", "class-balanced hardest every epoch (loss)",
                        "class-adaptive every epoch (loss)", "class-adaptive at temperature 3 every epoch (loss)"))
                .run(List.of(1L), List.of(0.5));
        assertEquals(4, runs.size(), runs.toString());
        assertEquals("class-adaptive at temperature 3 every epoch (loss)", runs.get(3).method());
        for (BudgetRun r : runs) {
            assertEquals(4, r.classAccuracies().size(), r.method());
            assertTrue(r.worstClassAccuracy() <= r.balancedAccuracy() && r.balancedAccuracy() <= 1, r.toString());
            // the tiny test set is balanced: balanced accuracy is the overall accuracy
            assertEquals(r.finalAccuracy(), r.balancedAccuracy(), 1e-4, r.method());
            if (r.budget() == 0.5) {
                assertEquals(List.of(800L, 800L, 200L, 200L, 200L, 200L), r.examples(), r.method());
            }
        }
        BudgetRun again = BudgetRun.fromCsv(runs.get(2).toCsv());
        assertEquals(runs.get(2).classAccuracies().size(), again.classAccuracies().size());
        BudgetRun old = BudgetRun.fromCsv("tiny,1,RS2,0.500,0.5;0.6,800;400,1.0;0.5");
        assertTrue(old.classAccuracies().isEmpty() && Double.isNaN(old.worstClassAccuracy()));
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| 0.5 | class-adaptive every epoch (loss) |") && report.contains("worst class %"),
                report);
        assertEquals("-", BudgetReport.perClass(List.of(old), List.of(), BudgetRun::worstClassAccuracy));
    }

    @Test
    void plannerVariantsAreParsedFromTheirNames() {
        org.dataprune4j.schedule.TrainingBudget b = BudgetBenchmark.variant(
                org.dataprune4j.schedule.TrainingBudget.of(0.5, 10), "w2d0.02r2");
        assertEquals(2, b.warmupEpochs());
        assertEquals(1, b.annealEpochs(), "the default");
        assertTrue(b.toString().contains("every 2 epoch(s), the last 1 on all data, the hardest 0.020 dropped"),
                b.toString());
        assertEquals(0, BudgetBenchmark.variant(org.dataprune4j.schedule.TrainingBudget.of(0.5, 10), "w1a0")
                .annealEpochs());
        // the same examples (5 epochs' worth) over 15 epochs: 1 warm-up, then 4/14 of the data for 14 epochs
        org.dataprune4j.schedule.TrainingBudget longer = BudgetBenchmark.variant(
                org.dataprune4j.schedule.TrainingBudget.of(0.5, 10), "w1a0e15");
        assertEquals(15, longer.epochs());
        assertEquals(0.5 * 10, longer.share() * longer.epochs(), 1e-9);
        assertEquals(4.0 / 14, longer.keptShare(), 1e-9);
    }

    @Test
    void timeToAccuracyIsTheFirstEpochThatReachesTheShareOfTheFullRunsFinalAccuracy() {
        BudgetRun full = new BudgetRun("d", 1, "full data", 1, List.of(0.80, 0.90, 0.95), List.of(100L, 100L, 100L),
                List.of(1.0, 1.0, 2.0));
        BudgetRun fast = new BudgetRun("d", 1, "x", 0.5, List.of(0.85, 0.946, 0.96), List.of(50L, 50L, 50L),
                List.of(0.5, 0.5, 0.5));
        // 99.5% of 0.95 = 0.94525: reached after epoch 2 (100 of 300 examples, 1.0 of 4.0 s)
        assertEquals("0.33, 0.25", BudgetReport.timeTo(List.of(fast), List.of(full), 0.995, 300));
        assertEquals("0.50, 0.38", BudgetReport.timeTo(List.of(fast), List.of(full), 1.0, 300));
        BudgetRun slow = new BudgetRun("d", 1, "y", 0.5, List.of(0.5, 0.6, 0.7), List.of(50L, 50L, 50L),
                List.of(0.5, 0.5, 0.5));
        assertEquals("not reached (0/1)", BudgetReport.timeTo(List.of(slow), List.of(full), 0.995, 300));
        assertEquals(fast, BudgetRun.fromCsv(fast.toCsv()));
    }
}
