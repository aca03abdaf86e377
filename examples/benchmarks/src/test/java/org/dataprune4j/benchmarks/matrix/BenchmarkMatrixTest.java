package org.dataprune4j.benchmarks.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dataprune4j.charts.Charts;
import org.dataprune4j.examples.charts.Gallery;
import org.dataprune4j.score.ScoreKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/** The benchmark matrix on a tiny preset of generated images: seconds, not minutes. */
class BenchmarkMatrixTest {
    static final MatrixSpec TINY = new MatrixSpec("tiny", List.of("tiny"), List.of(ScoreKind.EL2N, ScoreKind.PROTOTYPE),
            List.of(RuleKind.TUNED_RANGE, RuleKind.KEEP_HARDEST, RuleKind.KEEP_EASIEST, RuleKind.RANDOM),
            List.of(0.4, 0.6), List.of(1L, 2L), 0, 30, 3, 1, 2, 0.8);

    @TempDir
    static Path dir;
    static List<CellResult> results;

    @BeforeAll
    static void runTheTinyMatrix() {
        results = new BenchmarkMatrix(TINY, new TinyData(), dir).run();
    }

    @Test
    void everyCellRanAndTheTableHasEveryRow() throws Exception {
        // per seed: 1 full + 2 kept x (1 random + 2 scores x 3 rules) = 15 cells
        assertEquals(30, results.size());
        assertEquals(30, results.stream().map(r -> r.cell().key()).distinct().count());
        List<Summary.Row> rows = Summary.rows(TINY, results);
        assertEquals(15, rows.size());
        for (Summary.Row row : rows) {
            assertEquals(2, row.seeds(), row::toString);
            assertTrue(row.meanAccuracy() >= 0 && row.meanAccuracy() <= 1, row::toString);
        }
        // Measured: full data 0.942 (mean of 2 seeds); keep-easiest 40% by EL2N collapses to 0.333 on these images
        // (the easiest examples are mostly one class), which the table must show as it is.
        Summary.Row full = rows.stream().filter(r -> r.rule() == RuleKind.FULL_DATA).findFirst().orElseThrow();
        assertTrue(full.meanAccuracy() >= 0.9, full::toString);
        String md = Files.readString(dir.resolve("matrix.md"));
        assertEquals(15, md.lines().filter(l -> l.startsWith("| tiny |")).count(), md);
        assertEquals(31, Files.readAllLines(dir.resolve("cells.csv")).size());
        for (CellResult r : results) {
            if (r.cell().rule() == RuleKind.KEEP_HARDEST || r.cell().rule() == RuleKind.RANDOM) {
                assertEquals(Math.round(r.cell().kept() * 120), r.keptCount(), r::toString);
            }
            if (r.cell().rule() == RuleKind.TUNED_RANGE) {
                // between the floor (0.8 x the budget) and the budget, give or take one example of quantile rounding
                assertTrue(r.tuningSeconds() > 0 && r.keptCount() <= Math.round(r.cell().kept() * 120)
                        && r.keptCount() >= Math.floor(0.8 * r.cell().kept() * 120) - 1, r::toString);
            }
        }
    }

    @Test
    void theRunRecordRoundTrips() {
        RunRecord record = RunRecord.read(dir.resolve("run.json"));
        assertEquals(results, record.results());
        assertEquals("tiny", record.config().get("name"));
        assertEquals(List.of(1, 2), record.config().get("seeds"));
        assertTrue(record.environment().get("java").startsWith("17"), record.environment()::toString);
        assertTrue(record.environment().containsKey("deeplearning4j"));
    }

    @Test
    void aResumedRunSkipsFinishedCellsAndRunsOnlyTheMissingOne() throws Exception {
        Path copy = Files.createTempDirectory(dir, "resume");
        List<String> lines = Files.readAllLines(dir.resolve("cells.csv"));
        Files.write(copy.resolve("cells.csv"), lines.subList(0, lines.size() - 1));
        BenchmarkMatrix resumed = new BenchmarkMatrix(TINY, new TinyData(), copy);
        List<CellResult> again = resumed.run();
        assertEquals(1, resumed.cellsRun(), "only the cell missing from cells.csv is trained");
        assertEquals(results.subList(0, 29), again.subList(0, 29));
        assertEquals(results.get(29).cell(), again.get(29).cell());
        assertEquals(results.get(29).testAccuracy(), again.get(29).testAccuracy(), 0.0, "seeded: the same accuracy");
        BenchmarkMatrix complete = new BenchmarkMatrix(TINY, new TinyData(), copy);
        complete.run();
        assertEquals(0, complete.cellsRun());
    }

    @Test
    void theAccuracyChartPlotsTheTableNumbers() {
        XYChart chart = AccuracyChart.accuracyVsKept(results, "tiny", ScoreKind.EL2N, TINY.rules(), TINY.kept());
        List<Summary.Row> rows = Summary.rows(TINY, results);
        for (RuleKind rule : List.of(RuleKind.KEEP_HARDEST, RuleKind.KEEP_EASIEST, RuleKind.TUNED_RANGE,
                RuleKind.RANDOM)) {
            double[] y = chart.getSeriesMap().get(rule.label()).getYData();
            double[] x = chart.getSeriesMap().get(rule.label()).getXData();
            assertArrayEquals(new double[] {40, 60}, x, 1e-9);
            for (int i = 0; i < 2; i++) {
                double kept = TINY.kept().get(i);
                Summary.Row row = rows.stream().filter(r -> r.rule() == rule && r.kept() == kept
                        && (rule == RuleKind.RANDOM || r.score() == ScoreKind.EL2N)).findFirst().orElseThrow();
                assertEquals(100 * row.meanAccuracy(), y[i], 1e-9, rule + " at " + kept);
            }
        }
        double full = rows.stream().filter(r -> r.rule() == RuleKind.FULL_DATA).findFirst().orElseThrow()
                .meanAccuracy();
        for (double v : chart.getSeriesMap().get("full data").getYData()) {
            assertEquals(100 * full, v, 1e-9);
        }
    }

    @Test
    void theHistogramAndClassBarsCountEveryExampleOfTheScoresFile() {
        MatrixReport.Scores s = MatrixReport.Scores.read(BenchmarkMatrix.scoresFile(dir, "tiny", ScoreKind.EL2N),
                ScoreKind.EL2N);
        assertEquals(120, s.score().length);
        Charts.Histogram h = Charts.histogram(s.score(), s.kept(), 40);
        assertEquals(72, Arrays.stream(h.keptCounts()).sum(), "the chart run keeps the hardest 60% of 120");
        assertEquals(120, Arrays.stream(h.keptCounts()).sum() + Arrays.stream(h.prunedCounts()).sum());
        CategoryChart chart = Charts.scoreHistogram(h, "t", "el2n");
        double[] plotted = chart.getSeriesMap().get("kept").getYData().stream().mapToDouble(Number::doubleValue)
                .toArray();
        assertArrayEquals(Arrays.stream(h.keptCounts()).asDoubleStream().toArray(), plotted, 0.0);
    }

    @Test
    void theGalleryHasTheRequestedTilesInScoreOrder() {
        MatrixReport.Scores s = MatrixReport.Scores.read(BenchmarkMatrix.scoresFile(dir, "tiny", ScoreKind.EL2N),
                ScoreKind.EL2N);
        Gallery g = Gallery.render(TinyData.images(40, 1), TinyData.SIDE, TinyData.SIDE, s.score(), s.predicted(),
                List.of("top", "left", "corner"), 10, 4);
        assertEquals(10, g.ids().length);
        for (int i = 1; i < g.ids().length; i++) {
            assertTrue(s.score()[g.ids()[i - 1]] >= s.score()[g.ids()[i]], "tiles in descending score order");
        }
        double max = Arrays.stream(s.score()).max().orElseThrow();
        assertEquals(max, s.score()[g.ids()[0]], 0.0);
        assertEquals(3, g.image().getHeight() / (TinyData.SIDE * 3 + 46 + 6), "10 tiles in rows of 4: 3 rows");
    }

    @Test
    void theReportLinksEveryPictureAndEveryPictureExists() throws Exception {
        String html = Files.readString(dir.resolve("report.html"));
        List<String> expected = List.of("charts/tiny-accuracy-el2n.png", "charts/tiny-accuracy-prototype.png",
                "charts/tiny-histogram-el2n.png", "charts/tiny-kept-per-class-el2n.png", "charts/tiny-outliers-el2n.png",
                "charts/tiny-histogram-prototype.png", "charts/tiny-outliers-prototype.png");
        for (String image : expected) {
            assertTrue(html.contains("src=\"" + image + "\""), image);
            assertTrue(Files.size(dir.resolve(image)) > 1000, image);
        }
        assertTrue(html.contains("<h2>tiny</h2>"), "a section per data set");
        assertTrue(html.contains("<td>el2n</td><td>keep hardest</td><td>60%</td>"), html);
        assertTrue(html.split("<tr class=\"best\">").length - 1 >= 2, "the best pruned row of each of the 2 kept"
                + " shares is marked (rows tied for best all are)");
        assertTrue(html.contains("<code>RangeTuner</code>"), "the tuner is named");
        for (String image : expected) {
            assertTrue(html.contains("<img src=\"" + image + "\" alt=\"" + image + "\"></a><figcaption>"
                    + MatrixReport.caption(image)), "captioned: " + image);
        }
    }
}
