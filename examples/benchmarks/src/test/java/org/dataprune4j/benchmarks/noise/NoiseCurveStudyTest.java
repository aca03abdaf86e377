package org.dataprune4j.benchmarks.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dataprune4j.benchmarks.matrix.MatrixData.Splits;
import org.dataprune4j.benchmarks.matrix.TinyData;
import org.dataprune4j.data.LabelNoise;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** The noise-curve study on the tiny preset: planted flips with known ids, every run, its curve and its files. */
class NoiseCurveStudyTest {
    private static final NoiseCurveSpec TINY = NoiseCurveSpec.preset("tiny");
    @TempDir
    static Path dir;
    private static List<NoiseRunResult> results;

    @BeforeAll
    static void runTheTinyStudy() {
        results = new NoiseCurveStudy(TINY, TinyData.sweepData(), dir).run();
    }

    @Test
    void everyRunHasOneTestAccuracyPerEpoch() {
        assertEquals(NoisyRun.values().length, results.size());
        for (NoiseRunResult r : results) {
            assertEquals(TINY.epochs(), r.curve().size(), r.run()::label);
            assertTrue(r.curve().stream().allMatch(a -> a >= 0 && a <= 1), r.curve()::toString);
        }
        NoiseRunResult full = find(NoisyRun.FULL);
        assertTrue(full.finalAccuracy() > 0.9, "the tiny images are easy even with 20% flipped: " + full.curve());
        assertEquals(full.fullExamples(), full.examplesTrained());
    }

    @Test
    void precisionAndRecallCountThePlantedFlipsAmongTheDropped() {
        Splits splits = TinyData.sweepData().load("tiny");
        LabelNoise.Noisy planted = TINY.settings().get(0).apply(splits.train(), 100 + 1);
        int k = planted.flippedIds().length;
        assertEquals(24, k, "20% of 120");
        for (NoiseRunResult r : results) {
            assertEquals(k, r.flips().flipped(), r.run()::label);
        }
        NoiseRunResult el2n = find(NoisyRun.EL2N);
        assertEquals(k, el2n.flips().dropped(), "drops exactly the top k");
        assertEquals((double) el2n.flips().flippedDropped() / k, el2n.flips().precision(), 1e-12);
        assertEquals(el2n.flips().precision(), el2n.flips().recall(), 1e-12, "with k dropped, precision = recall");
        assertTrue(el2n.flips().precision() >= 0.75, "EL2N finds most planted flips in the tiny set: "
                + el2n.flips());
        assertEquals(120L * TINY.warmup() + (120L - k) * (TINY.epochs() - TINY.warmup()), el2n.examplesTrained(), "the ledger");
    }

    @Test
    void droppedFlipsIsTheShareOfPlantedIdsAmongTheDropped() {
        Decision[] d = new Decision[10];
        java.util.Arrays.fill(d, Decision.KEPT);
        d[1] = Decision.PRUNED_ABOVE_RANGE;
        d[2] = Decision.PRUNED_ABOVE_RANGE;
        d[7] = Decision.PRUNED_BELOW_RANGE;
        d[8] = Decision.PRUNED_ABOVE_RANGE;
        DroppedFlips f = DroppedFlips.of(new Selection(d, "test"), new int[] {1, 2, 5});
        assertEquals(new DroppedFlips(4, 2, 3), f);
        assertEquals(0.5, f.precision(), 1e-12, "2 of the 4 dropped were planted");
        assertEquals(2.0 / 3, f.recall(), 1e-12, "2 of the 3 planted were dropped");
        assertTrue(Double.isNaN(DroppedFlips.none(3).precision()));
    }

    @Test
    void anEarlierEpochOfALongRunIsWhatAShorterRunEndsWith(@TempDir Path shorter) {
        NoiseCurveSpec three = new NoiseCurveSpec(TINY.datasets(), TINY.settings(), TINY.seeds(), 3, TINY.warmup(),
                List.of(NoisyRun.FULL, NoisyRun.EL2N, NoisyRun.EL2N_RESELECT), List.of(), false, TINY.batchSize());
        for (NoiseRunResult r : new NoiseCurveStudy(three, TinyData.sweepData(), shorter).run()) {
            assertEquals(find(r.run()).curve().subList(0, 3), r.curve(), r.run()::label);
        }
    }

    @Test
    void theFilesRoundTripAndAResumedStudyTrainsNothing() throws Exception {
        List<NoiseRunResult> again = NoiseCurveReport.read(dir);
        assertEquals(results, again);
        long before = Files.size(dir.resolve(NoiseCurveReport.RUNS));
        assertEquals(results, new NoiseCurveStudy(TINY, TinyData.sweepData(), dir).run());
        assertEquals(before, Files.size(dir.resolve(NoiseCurveReport.RUNS)), "nothing appended");
        assertTrue(Files.exists(dir.resolve(NoiseCurveReport.chartFile("tiny", "sym20"))));
    }

    @Test
    void studiesRunApartMergeIntoOneTable(@TempDir Path merged) throws Exception {
        List<NoiseRunResult> all = NoiseCurveStudy.merged(dir.toString(), merged);
        assertEquals(results, all);
        assertEquals(results, NoiseCurveReport.read(merged), "the merged CSVs hold every run");
    }

    @Test
    void theChartDrawsTheTablesMeansAndTheTableComparesWithFullData() {
        XYChart chart = NoiseCurveReport.chart(results, "tiny", "sym20");
        assertEquals(NoisyRun.values().length, chart.getSeriesMap().size());
        for (NoisyRun run : NoisyRun.values()) {
            double[] ys = chart.getSeriesMap().get(run.label()).getYData();
            double[] expected = find(run).curve().stream().mapToDouble(a -> 100 * a).toArray();
            assertArrayEquals(expected, ys, 1e-9, run.label());
            double[] bars = chart.getSeriesMap().get(run.label()).getExtraValues();
            assertArrayEquals(new double[ys.length], bars, 1e-9, "one seed: no spread, " + run.label());
        }
        assertEquals(NoisyRun.values().length, chart.getSeriesMap().values().stream().map(s -> s.getLineColor())
                .distinct().count(), "a colour of its own per run");
        String md = NoiseCurveReport.markdown(TINY, results);
        NoiseRunResult el2n = find(NoisyRun.EL2N);
        NoiseRunResult full = find(NoisyRun.FULL);
        String expected = String.format(java.util.Locale.ROOT, "%.2f / %+.2f", 100 * el2n.finalAccuracy(),
                100 * (el2n.finalAccuracy() - full.finalAccuracy()));
        assertTrue(md.contains(expected), "the EL2N row's final cell " + expected + " in\n" + md);
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseSetting.parse("10%"));
        assertTrue(e.getMessage().contains("sym10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NoiseCurveSpec(TINY.datasets(), TINY.settings(),
                TINY.seeds(), 5, 1, List.of(NoisyRun.EL2N), List.of(), false, 16));
        assertTrue(e.getMessage().contains("must include full"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NoisyRun.parseAll("full,top-k"));
        assertTrue(e.getMessage().contains("el2n_reselect"), e.getMessage());
    }

    private static NoiseRunResult find(NoisyRun run) {
        return results.stream().filter(r -> r.run() == run).findFirst().orElseThrow();
    }
}
