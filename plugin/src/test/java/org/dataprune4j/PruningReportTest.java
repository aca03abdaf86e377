package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dataprune4j.extrapolate.ExtrapolationSummary;
import org.dataprune4j.score.ClusteringSummary;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.Selection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PruningReportTest {
    // id:          0    1    2    3    4    5
    // label:       0    1    0    1    0    1
    // el2n:      0.1  0.9  0.5  1.4  0.3  0.7   -> ascending ids 0, 4, 2, 5, 1, 3
    // forgetting:  0    1    0    2    0    0
    private static final ScoreTable TABLE = ScoreTable.of(new int[] {0, 1, 0, 1, 0, 1},
            new int[] {0, 1, 0, 0, 0, 1},
            Map.of(ScoreKind.EL2N, new double[] {0.1, 0.9, 0.5, 1.4, 0.3, 0.7},
                    ScoreKind.FORGETTING, new double[] {0, 1, 0, 2, 0, 0}));

    private static PruningReport report() {
        // [1/6, 5/6] of 6 -> ranks 1..4 -> ids 4, 2, 5, 1 kept; 0 below, 3 above.
        Selection selection = ScoreRangeRule.quantiles(1 / 6.0, 5 / 6.0).select(TABLE.scores(ScoreKind.EL2N),
                TABLE.labels());
        return new PruningReport(TABLE, ScoreKind.EL2N, selection, 1, 2, Duration.ofMillis(1500));
    }

    @Test
    void accountsForEveryExample() {
        PruningReport r = report();
        assertEquals(4, r.keptCount());
        assertEquals(2, r.prunedCount());
        assertEquals(1, r.count(Decision.PRUNED_BELOW_RANGE));
        assertEquals(1, r.count(Decision.PRUNED_ABOVE_RANGE));
        assertArrayEquals(new int[] {2, 2}, r.keptPerClass());
        assertArrayEquals(new int[] {3, 3}, r.totalPerClass());
        assertEquals(0.3, r.keptScoreRange().lowerEndpoint(), 0.0);
        assertEquals(0.9, r.keptScoreRange().upperEndpoint(), 0.0);
        assertEquals(List.of(new PrunedExample(0, 0, 0.1, Decision.PRUNED_BELOW_RANGE),
                new PrunedExample(3, 1, 1.4, Decision.PRUNED_ABOVE_RANGE)), r.prunedExamples());
        assertEquals("score above the kept range", r.prunedExamples().get(1).reason());
    }

    @Test
    void outliersAreTheHighestScoresFirst() {
        assertEquals(List.of(new Outlier(3, 1, 0, 1.4, false), new Outlier(1, 1, 1, 0.9, true)), report().outliers());
    }

    @Test
    void csvHoldsEveryScoreOfEveryExample(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("sub/scores.csv");
        report().writeScoresCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("id,label,predicted,el2n,grand,forgetting,prototype,prototype_class,loss,dynamic_uncertainty,tdds,dual,"
                + "difficulty,extrapolated,kept,decision",
                lines.get(0));
        assertEquals(7, lines.size());
        assertEquals("0,0,0,0.1,,0.0,,,,,,,,,false,PRUNED_BELOW_RANGE", lines.get(1));
        assertEquals("3,1,0,1.4,,2.0,,,,,,,,,false,PRUNED_ABOVE_RANGE", lines.get(4));
        assertEquals("4,0,0,0.3,,0.0,,,,,,,,,true,KEPT", lines.get(5));
    }

    @Test
    void csvMarksWhichExtrapolatedScoresArePredictionsAndTheSummaryReportsQualityAndClustering(@TempDir Path dir)
            throws Exception {
        Selection selection = ScoreRangeRule.quantiles(1 / 6.0, 5 / 6.0).select(TABLE.scores(ScoreKind.EL2N),
                TABLE.labels());
        ExtrapolationSummary extrapolation = new ExtrapolationSummary(ScoreKind.EL2N, 6, 2, 0, 1, Double.NaN, 0, 0,
                0.25, 0.5, false);
        ClusteringSummary clustering = new ClusteringSummary(ScoreKind.PROTOTYPE, 2, 3, 12.5, 4, 0.1);
        PruningReport r = new PruningReport(TABLE, ScoreKind.EL2N, selection, 1, 0, Duration.ZERO,
                ScoringDetails.of(List.of(clustering), Optional.of(extrapolation), new int[] {1, 4}));
        Path csv = dir.resolve("scores.csv");
        r.writeScoresCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("0,0,0,0.1,,0.0,,,,,,,,true,false,PRUNED_BELOW_RANGE", lines.get(1));
        assertEquals("1,1,1,0.9,,1.0,,,,,,,,false,true,KEPT", lines.get(2));
        assertEquals("4,0,0,0.3,,0.0,,,,,,,,false,true,KEPT", lines.get(5));
        String s = r.summary();
        assertTrue(s.contains("prototype: k-means with 2 centroids in 3 dimensions, inertia 12.50 after 4 iterations"),
                s);
        assertTrue(s.contains("el2n extrapolated from 2 of 6 examples (1 neighbours): no hold-out; el2n is free from"
                + " the training passes, so nothing is saved"), s);
    }

    @Test
    void summaryIsOneReadableBlock() {
        String s = report().summary();
        assertTrue(s.contains("kept 4 of 6 (66.7%); pruned 2: 1 below the range, 1 above the range"), s);
        assertTrue(s.contains("kept el2n range: [0.3000, 0.9000]"), s);
        assertTrue(s.contains("0:2/3 1:2/3"), s);
        assertTrue(s.contains("id      3  label 1  predicted 0  el2n 1.4000  pruned"), s);
        assertTrue(s.contains("scoring time: 1.50 s"), s);
    }

    @Test
    void withManyClassesTheSummaryListsTheLowestAndHighestKeptSharesOnly() {
        int n = 300;
        int[] labels = new int[n];
        double[] el2n = new double[n];
        for (int id = 0; id < n; id++) {
            labels[id] = id % 30;
            el2n[id] = id;
        }
        ScoreTable table = ScoreTable.of(labels, new int[n], Map.of(ScoreKind.EL2N, el2n));
        Selection selection = ScoreRangeRule.keepHardest(0.5).select(el2n, labels);
        String s = new PruningReport(table, ScoreKind.EL2N, selection, 1, 0, Duration.ZERO).summary();
        String line = s.lines().filter(l -> l.contains("per class")).findFirst().orElseThrow();
        assertTrue(line.contains("(30 classes; lowest and highest shares"), line);
        // ids 150..299 kept: each class keeps 5 of 10, so ties by class index: 0..9 first, 20..29 last
        assertTrue(line.contains(" 0:5/10 ") && line.contains(" 9:5/10 ...") && line.endsWith(" 29:5/10"), line);
        assertTrue(!line.contains(" 15:5/10"), line);
    }
}
