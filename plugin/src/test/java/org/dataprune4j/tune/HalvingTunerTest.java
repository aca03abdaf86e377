package org.dataprune4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.select.SwapContext;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class HalvingTunerTest {
    private static final DataSet TRAIN = TestData.blobs(3, 100, 4, 1);
    private static final DataSet VALIDATION = TestData.blobs(3, 30, 4, 2);

    /** A context over TRAIN with a once-trained model and scores that are the ids (so quantiles are id ranges). */
    private static SwapContext context(AtomicLong served, String fingerprint) {
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.fit(TRAIN);
        int n = TRAIN.numExamples();
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = i;
            labels[i] = i % 3;
        }
        return new SwapContext(net, scores, labels, "el2n", batches(TRAIN, served), fingerprint);
    }

    /** The examples of {@code data} by id, counting how many are served. */
    private static org.dataprune4j.select.ExampleBatches batches(DataSet data, AtomicLong served) {
        return (ids, batchSize, consumer) -> {
            served.addAndGet(ids.length);
            for (int from = 0; from < ids.length; from += batchSize) {
                int[] batch = java.util.Arrays.copyOfRange(ids, from, Math.min(ids.length, from + batchSize));
                consumer.accept(new DataSet(Nd4j.pullRows(data.getFeatures(), 1, batch),
                        Nd4j.pullRows(data.getLabels(), 1, batch)));
            }
        };
    }

    @Test
    void theDefaultWindowsSlideFromHardestToEasiestAtTheBudget() {
        List<QuantileRange> w = HalvingTuner.windows(0.5, 9);
        assertEquals(9, w.size());
        assertEquals(new QuantileRange(0.5, 1.0), w.get(0), "first: keep the hardest");
        assertEquals(new QuantileRange(0.0, 0.5), w.get(8), "last: keep the easiest");
        for (QuantileRange r : w) {
            assertEquals(0.5, r.keptFraction(), 1e-9, r::toString);
        }
        for (int i = 1; i < w.size(); i++) {
            assertTrue(w.get(i).hi() < w.get(i - 1).hi(), "windows move toward easy examples: " + w);
        }
        assertTrue(w.get(1).hi() > 0.99, "the first steps exclude a thin top slice: " + w.get(1));
    }

    @Test
    void successiveHalvingTrainsTheCandidatesAndExamplesItSays() {
        HalvingTuner tuner = HalvingTuner.builder(VALIDATION, 0.4).finalProxyEpochs(3).build();
        assertEquals(2, tuner.rungs());
        assertEquals(9, tuner.candidatesAtRung(0));
        assertEquals(4, tuner.candidatesAtRung(1), "the best third, and the hard-end reference if it was not");
        assertEquals(1.0, tuner.epochsAfterRung(0), 1e-12);
        assertEquals(3.0, tuner.epochsAfterRung(1), 1e-12);
        assertEquals(9 * 1.0 + 4 * 2.0, tuner.plannedSubsetEpochs(), 1e-12);

        AtomicLong served = new AtomicLong();
        HalvingTuner.Outcome outcome = tuner.search(context(served, "print"));
        TuningResult result = outcome.result();
        int kept = 120;
        List<Trial> rung0 = result.trials().subList(0, 9);
        List<Trial> rung1 = result.trials().subList(9, result.trials().size());
        long promoted = rung0.stream().filter(t -> t.status() == Trial.Status.PROMOTED).count();
        assertEquals(rung1.size(), promoted);
        assertTrue(promoted == 3 || promoted == 4, "the best 3, plus the reference when it was not among them");
        Trial reference = rung0.get(0);
        assertEquals(new QuantileRange(0.6, 1.0), reference.range());
        assertEquals(Trial.Status.PROMOTED, reference.status(), "the hard-end window runs to the last rung");
        assertEquals(1, result.count(Trial.Status.COMPLETED), "one winner");
        for (Trial t : result.trials()) {
            assertEquals(kept, t.keptCount(), t::toString);
        }
        long expected = 9L * kept + rung1.size() * 2L * kept;
        assertEquals(expected, outcome.saved().trainedExamples(), "9 candidates x 1 subset-epoch + the rest x 2 more");
        assertEquals(expected + outcome.noise().sampled(), served.get(),
                "every trained example was read once, and the noise check's sample");
        assertEquals((9L + rung1.size()) * VALIDATION.numExamples(), outcome.saved().validationExamples());
        Trial winner = result.best().orElseThrow();
        assertEquals(winner.range().lo(), outcome.saved().lo(), 0.0);
        List<Trial> stopped = rung0.stream().filter(t -> t.status() == Trial.Status.STOPPED).toList();
        rung0.stream().filter(t -> t.status() == Trial.Status.PROMOTED && t != reference).forEach(p ->
                stopped.forEach(s -> assertTrue(p.objective() >= s.objective(), p + " promoted over " + s)));
        Trial bestFinal = rung1.stream().max(java.util.Comparator.comparingDouble(Trial::objective)).orElseThrow();
        assertTrue(winner.range().equals(bestFinal.range()) || winner.range().equals(reference.range()),
                "the winner is the best of the last rung or the reference: " + winner);
        assertTrue(winner.objective() >= bestFinal.objective() - 0.05, "the reference only wins a near tie");
        assertEquals(false, outcome.noise().detected(), "clean labels: " + outcome.noise().describe());
    }

    @Test
    void aWindowBeatsTheReferenceOnlyBySignificantlyMoreCorrectValidationExamples() {
        HalvingTuner tuner = HalvingTuner.builder(VALIDATION, 0.5).build();
        assertEquals(2 / Math.sqrt(2 - 4 / 400.0), z(tuner, 2, 0), 1e-9, "2 more right, none fewer: not significant");
        assertEquals((9 - 1) / Math.sqrt(9 + 1 - 64 / 400.0), z(tuner, 9, 1), 1e-9, "McNemar's statistic");
        assertTrue(z(tuner, 9, 1) >= NoiseCheck.Z, "8 net on 10 discordant is significant");
        assertTrue(z(tuner, 14, 8) < NoiseCheck.Z, "14 against 8 is not");
        assertEquals(0.0, z(tuner, 0, 0), 0.0, "identical predictions");
        double[][] p = pairs(14, 8);
        assertEquals(-tuner.pairedZ(p[0], p[1]), tuner.pairedZ(p[1], p[0]), 1e-12);
    }

    /** z of a window that gets {@code b} validation examples right that the reference gets wrong, and {@code c} vice versa. */
    private static double z(HalvingTuner tuner, int b, int c) {
        double[][] p = pairs(b, c);
        return tuner.pairedZ(p[0], p[1]);
    }

    private static double[][] pairs(int b, int c) {
        double[] window = new double[400];
        double[] reference = new double[400];
        java.util.Arrays.fill(window, 0, 300, 1);
        java.util.Arrays.fill(reference, 0, 300, 1);
        for (int i = 0; i < b; i++) {
            window[300 + i] = 1;
        }
        for (int i = 0; i < c; i++) {
            window[i] = 0;
        }
        return new double[][] {window, reference};
    }

    @Test
    void detectedLabelNoiseMovesTheReferenceBelowTheEstimatedShare() {
        NoiseCheck clean = new NoiseCheck(0.10, 5000, 0.12, 5000, 10);
        assertEquals(false, clean.detected(), clean.describe());
        assertEquals(0.0, clean.estimatedShare(), 0.0);
        NoiseCheck noisy = new NoiseCheck(0.20, 5000, 0.12, 5000, 10);
        assertTrue(noisy.detected(), noisy.describe());
        assertEquals(0.08 / (1 - 0.12 * 10 / 9), noisy.estimatedShare(), 1e-12, "excess over the flips' visible share");
        NoiseCheck slight = new NoiseCheck(0.125, 5000, 0.12, 5000, 10);
        assertEquals(false, slight.detected(), "0.5 pp is under two standard errors: " + slight.describe());

        List<QuantileRange> w = HalvingTuner.windows(0.5, 9);
        java.util.function.Function<QuantileRange, QuantileRange> id = r -> r;
        assertEquals(new QuantileRange(0.5, 1.0), HalvingTuner.reference(w, id, clean));
        QuantileRange r = HalvingTuner.reference(w, id, noisy);
        assertTrue(1 - r.hi() >= noisy.estimatedShare(), r + " drops at least " + noisy.estimatedShare());
        assertEquals(new QuantileRange(0.375, 0.875), r, "the hardest such window");
        NoiseCheck heavy = new NoiseCheck(0.80, 5000, 0.12, 5000, 10);
        assertEquals(new QuantileRange(0.0, 0.5), HalvingTuner.reference(w, id, heavy), "none drops enough: easiest");
    }

    @Test
    void theSearchChecksTheTrainingLabelsAgainstTheValidationLabels() {
        DataSet noisy = TRAIN.copy();
        org.nd4j.linalg.api.ndarray.INDArray labels = noisy.getLabels();
        for (int i = 0; i < 60; i++) {                 // 20% flipped to the next class
            int id = i * 5;
            int c = labels.getRow(id).argMax().getInt(0);
            labels.putScalar(id, c, 0);
            labels.putScalar(id, (c + 1) % 3, 1);
        }
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        for (int e = 0; e < 30; e++) {
            net.fit(noisy);
        }
        int n = noisy.numExamples();
        double[] scores = new double[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = i;
            ids[i] = labels.getRow(i).argMax().getInt(0);
        }
        SwapContext context = new SwapContext(net, scores, ids, "el2n", batches(noisy, new AtomicLong()), "noisy");
        HalvingTuner.Outcome outcome = HalvingTuner.builder(VALIDATION, 0.5).finalProxyEpochs(1).build()
                .search(context);
        NoiseCheck check = outcome.noise();
        assertEquals(n, check.sampled(), "the whole (small) training set is the sample");
        assertTrue(check.detected(), check.describe());
        assertTrue(check.estimatedShare() > 0.1 && check.estimatedShare() < 0.35, check.describe());
        Trial reference = outcome.result().trials().stream().filter(t -> t.message().contains("the reference"))
                .findFirst().orElseThrow();
        assertTrue(1 - reference.range().hi() >= check.estimatedShare(), reference + " vs " + check.describe());
    }

    @Test
    void aSavedTuningIsReusedOnTheSameDataAndRefusedOnOther(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tuning.json");
        HalvingTuner tuner = HalvingTuner.builder(VALIDATION, 0.5).savedTo(file).build();
        AtomicLong served = new AtomicLong();
        SelectionRule first = tuner.tune(context(served, "abc123"));
        assertTrue(served.get() > 0);
        assertTrue(Files.exists(file));
        SavedTuning saved = SavedTuning.read(file);
        assertEquals("abc123", saved.dataFingerprint());
        assertEquals(300, saved.numExamples());
        assertEquals(0.5, saved.budget(), 0.0);
        assertEquals(((ScoreRangeRule) first).lo(), saved.lo(), 0.0);
        String json = Files.readString(file);

        AtomicLong again = new AtomicLong();
        SelectionRule reused = tuner.tune(context(again, "abc123"));
        assertEquals(0, again.get(), "reused without training a candidate");
        assertEquals(((ScoreRangeRule) first).lo(), ((ScoreRangeRule) reused).lo(), 0.0);
        assertEquals(((ScoreRangeRule) first).hi(), ((ScoreRangeRule) reused).hi(), 0.0);
        assertEquals(json, Files.readString(file), "reuse leaves the file as it was");

        IllegalStateException other = assertThrows(IllegalStateException.class,
                () -> tuner.tune(context(new AtomicLong(), "ffff00")));
        assertTrue(other.getMessage().contains("tuned on other data"), other.getMessage());
        assertTrue(other.getMessage().contains("delete the file"), other.getMessage());
        IllegalStateException budget = assertThrows(IllegalStateException.class,
                () -> HalvingTuner.builder(VALIDATION, 0.3).savedTo(file).build()
                        .tune(context(new AtomicLong(), "abc123")));
        assertTrue(budget.getMessage().contains("budget of 0.5"), budget.getMessage());

        Files.writeString(file, "{not json");
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> tuner.tune(context(new AtomicLong(), "abc123")));
        assertTrue(broken.getMessage().contains("Delete it to tune again"), broken.getMessage());
    }

    @Test
    void badSettingsFailWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> HalvingTuner.builder(VALIDATION, 1.0));
        assertThrows(IllegalArgumentException.class, () -> HalvingTuner.builder(VALIDATION, 0.5).eta(1));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> HalvingTuner.builder(VALIDATION, 0.5).candidates(List.of(new QuantileRange(0.2, 0.9))));
        assertTrue(size.getMessage().contains("not the budget"), size.getMessage());
        DataSet oneClass = new DataSet(VALIDATION.getFeatures(), Nd4j.zeros(VALIDATION.numExamples(), 3)
                .addi(Nd4j.ones(VALIDATION.numExamples(), 1).mmul(Nd4j.create(new float[] {1, 0, 0}, 1, 3))));
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> HalvingTuner.builder(oneClass, 0.5).build());
        assertTrue(single.getMessage().contains("at least two"), single.getMessage());
        DataSet sequences = new DataSet(VALIDATION.getFeatures(), Nd4j.ones(VALIDATION.numExamples(), 3, 2));
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> HalvingTuner.builder(sequences, 0.5).build());
        assertTrue(rank.getMessage().contains("one-hot labels [examples, classes]"), rank.getMessage());
        IllegalStateException untuned = assertThrows(IllegalStateException.class,
                () -> HalvingTuner.builder(VALIDATION, 0.5).build().select(new double[3], new int[3]));
        assertTrue(untuned.getMessage().contains("is tuned at the swap"), untuned.getMessage());
    }
}
