package org.dataprune4j.benchmarks.crossover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dataprune4j.benchmarks.matrix.TinyData;
import org.dataprune4j.score.ScoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The crossover sweep on a tiny preset of generated images: every cell, the table, the chart, the subsets. */
class CrossoverSweepTest {
    private static final SweepSpec TINY = new SweepSpec("tiny", List.of("tiny"), List.of(30, 60), List.of(0.3, 0.5),
            List.of(ScoreKind.EL2N, ScoreKind.PROTOTYPE), 2, 1, 60, 600, 3, 20, 0.2);

    @Test
    void everySizeAndRuleCellIsTrainedAndTheChartDrawsTheTable(@TempDir Path dir) throws Exception {
        CrossoverTable table = new CrossoverSweep(TINY, TinyData.sweepData(), dir).run();
        int perSeed = 1 + TINY.fractions().size() * (1 + 2 * TINY.scores().size());
        assertEquals(2 * perSeed + perSeed, table.rows().size(), "2 seeds at 30, 1 at 60 (large)");
        for (int size : TINY.sizes()) {
            for (long seed = 1; seed <= TINY.seeds(size); seed++) {
                for (double f : TINY.fractions()) {
                    for (String score : List.of("el2n", "prototype")) {
                        for (String rule : List.of("hardest", "easiest")) {
                            long s = seed;
                            assertEquals(1, table.rows().stream().filter(r -> r.size() == size && r.seed() == s
                                    && r.fraction() == f && r.score().equals(score) && r.rule().equals(rule)).count());
                            assertTrue(table.gain("tiny", size, f, score, rule).isPresent());
                        }
                    }
                }
            }
        }
        for (SweepRow r : table.rows()) {
            assertEquals(TINY.epochs(r.size()), r.epochs());
            int expectedKept = r.rule().equals("full") ? r.size() : (int) Math.round(r.fraction() * r.size());
            assertEquals(expectedKept, r.kept(), r::toString);
            if (r.rule().equals("full")) {
                assertTrue(r.testAccuracy() > 0.8, () -> "the tiny images are learnable: " + r);
            }
        }
        List<String> csv = Files.readAllLines(dir.resolve("runs.csv"));
        assertEquals(table.rows().size() + 1, csv.size());
        List<SweepRow> parsed = csv.subList(1, csv.size()).stream().map(SweepRow::parse).toList();
        for (int i = 0; i < parsed.size(); i++) {
            assertEquals(table.rows().get(i).rule(), parsed.get(i).rule());
            assertEquals(table.rows().get(i).testAccuracy(), parsed.get(i).testAccuracy(), 5e-5);
        }

        for (double f : TINY.fractions()) {
            XYChart chart = CrossoverChart.panel(table, "tiny", f, List.of("el2n", "prototype"));
            for (String score : List.of("el2n", "prototype")) {
                for (String rule : List.of("hardest", "easiest")) {
                    XYSeries series = chart.getSeriesMap().get(CrossoverChart.seriesName(rule, score));
                    double[] expected = TINY.sizes().stream().mapToDouble(size -> table.gain("tiny", size, f, score,
                            rule).orElseThrow().meanPp()).toArray();
                    assertArrayEquals(expected, series.getYData(), 1e-12);
                    assertArrayEquals(new double[] {30, 60}, series.getXData(), 0.0);
                }
            }
            assertTrue(Files.exists(dir.resolve(String.format(java.util.Locale.ROOT, "crossover-tiny-%.0f.png",
                    100 * f))));
        }
        String md = Files.readString(dir.resolve("crossover.md"));
        assertTrue(md.contains("### tiny, ranked by el2n") && md.contains("### tiny, ranked by prototype"), md);
    }

    @Test
    void theSubsetIsStratifiedSeededAndNested() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 500 ? 0 : i < 800 ? 1 : 2;
        }
        int[] small = CrossoverSweep.stratifiedSubset(labels, 3, 100, 7);
        int[] large = CrossoverSweep.stratifiedSubset(labels, 3, 250, 7);
        int[] counts = new int[3];
        for (int id : small) {
            counts[labels[id]]++;
        }
        assertArrayEquals(new int[] {50, 30, 20}, counts);
        assertTrue(Arrays.stream(small).allMatch(id -> Arrays.binarySearch(large, id) >= 0), "nested");
        assertArrayEquals(small, CrossoverSweep.stratifiedSubset(labels, 3, 100, 7), "seeded");
        assertTrue(!Arrays.equals(small, CrossoverSweep.stratifiedSubset(labels, 3, 100, 8)), "another seed");
    }

    @Test
    void epochsScaleWithTheSize() {
        SweepSpec full = SweepSpec.full();
        assertEquals(200, full.epochs(250));
        assertEquals(40, full.warmupEpochs(250));
        assertEquals(50, full.epochs(1_000));
        assertEquals(10, full.epochs(5_000));
        assertEquals(10, full.epochs(55_000));
        assertEquals(2, full.warmupEpochs(55_000));
        assertEquals(10, full.with(null, null, 0.05).warmupEpochs(250));
    }
}
