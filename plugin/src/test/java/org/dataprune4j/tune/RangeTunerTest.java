package org.dataprune4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class RangeTunerTest {
    private static final DataSet TRAIN = TestData.blobs(3, 100, 4, 1);
    private static final DataSet VALIDATION = TestData.blobs(3, 30, 4, 2);
    private static final MultiLayerConfiguration CONF = TestData.mlp(5, 8, 3, 1).getLayerWiseConfigurations();

    private static void assertMessage(Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void tunesWithinTheBudgetAndReportsEveryTrialAndTheCost(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("trials.csv");
        TuningResult result = RangeTuner.builder(CONF, TRAIN, VALIDATION).warmupEpochs(1).proxyEpochs(1)
                .maxKeptFraction(0.6).randomSearch(8, 3).trialsCsv(csv).build().tune();
        assertEquals(8, result.trials().size());
        assertEquals(9, Files.readAllLines(csv).size());
        for (Trial t : result.trials()) {
            if (t.status() == Trial.Status.COMPLETED) {
                assertTrue(t.keptCount() <= 180, t::toString);
                assertTrue(t.objective() > 0.3 && t.objective() <= 1.0, t::toString);
            } else if (t.status() == Trial.Status.SKIPPED_OVER_BUDGET) {
                assertTrue(t.keptCount() > 180, t::toString);
            } else {
                assertEquals(0, t.keptCount(), "only an empty range fails on this data: " + t);
                assertEquals("keeps no example", t.message());
            }
        }
        Trial best = result.best().orElseThrow();
        assertEquals(best.range().lo(), result.bestRule().lo(), 0.0);
        assertTrue(result.scoringSeconds() > 0);
        assertTrue(result.totalSeconds() >= result.searchSeconds());
    }

    @Test
    void aFloorDrawsEveryCandidateBetweenTheFloorAndTheBudget() {
        TuningResult result = RangeTuner.builder(CONF, TRAIN, VALIDATION).warmupEpochs(1).proxyEpochs(1)
                .maxKeptFraction(0.3).minKeptFraction(0.24).randomSearch(6, 3).build().tune();
        assertEquals(6, result.count(Trial.Status.COMPLETED), "no candidate is wasted on a skipped range");
        for (Trial t : result.trials()) {
            assertTrue(t.keptCount() >= 72 && t.keptCount() <= 90, t::toString);
        }
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, VALIDATION).maxKeptFraction(0.3).minKeptFraction(0.5)
                .build(), "is above the budget");
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, VALIDATION).space(new RangeSpace(0.8, 0.9, 0.85, 0.95))
                .maxKeptFraction(0.3).minKeptFraction(0.2).build(), "no range of");
    }

    @Test
    void evaluateReproducesATrialsObjectiveAndRejectsAScoreTheWarmUpDidNotCompute() {
        RangeTuner tuner = RangeTuner.builder(CONF, TRAIN, VALIDATION).warmupEpochs(1).proxyEpochs(1)
                .randomSearch(3, 4).build();
        WarmedUp warm = tuner.warmUp();
        Trial best = warm.search().best().orElseThrow();
        assertEquals(best.objective(), warm.evaluate(best.range()), 0.0, "the proxy run is deterministic");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> warm.evaluate(ScoreRangeRule.keepHardest(0.5), ScoreKind.GRAND, 1));
        assertTrue(e.getMessage().contains("computed [EL2N] after [1] warm-up epochs, not GRAND"), e.getMessage());
    }

    @Test
    void searchesScoreKindsAndWarmupEpochsAsOptions() {
        RangeTuner tuner = RangeTuner.builder(CONF, TRAIN, VALIDATION).proxyEpochs(1).randomSearch(3, 5)
                .searchScoreKinds(ScoreKind.EL2N, ScoreKind.FORGETTING).searchWarmupEpochs(1, 2).build();
        WarmedUp warm = tuner.warmUp();
        TuningResult result = warm.search();
        assertEquals(12, result.trials().size(), "3 candidates for each of 2 kinds x 2 warm-ups");
        for (int i = 0; i < 12; i++) {
            Trial t = result.trials().get(i);
            assertEquals(i, t.index());
            assertEquals(i / 6 + 1, t.warmupEpochs(), t::toString);
            assertEquals(i % 6 < 3 ? ScoreKind.EL2N : ScoreKind.FORGETTING, t.scoreKind(), t::toString);
        }
        Trial best = result.best().orElseThrow();
        assertEquals(best.objective(), warm.evaluate(best.range().toRule(), best.scoreKind(), best.warmupEpochs()),
                0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> warm.evaluate(best.range().toRule(), ScoreKind.GRAND, 1));
        assertTrue(e.getMessage().contains("[EL2N, FORGETTING] after [1, 2] warm-up epochs"), e.getMessage());
        assertTrue(result.table().contains("forgetting       2"), result.table());
    }

    @Test
    void tunesPrototypeRangesAndAnExtrapolatedScoreLikeTheOthers() {
        RangeTuner tuner = RangeTuner.builder(CONF, TRAIN, VALIDATION).warmupEpochs(1).proxyEpochs(1)
                .randomSearch(3, 5).searchScoreKinds(ScoreKind.PROTOTYPE, ScoreKind.PROTOTYPE_CLASS, ScoreKind.GRAND)
                .prototypeClusters(4).extrapolate(ScoreExtrapolation.of(ScoreKind.GRAND, 0.2)).build();
        WarmedUp warm = tuner.warmUp();
        TuningResult result = warm.search();
        assertEquals(9, result.trials().size());
        assertEquals(java.util.Set.of(ScoreKind.PROTOTYPE, ScoreKind.PROTOTYPE_CLASS, ScoreKind.GRAND),
                result.trials().stream().map(Trial::scoreKind).collect(java.util.stream.Collectors.toSet()));
        long completed = result.trials().stream().filter(t -> t.status() == Trial.Status.COMPLETED).count();
        assertTrue(completed >= 6, result.table());
        Trial best = result.best().orElseThrow();
        assertTrue(best.objective() > 0.5, result.table());
        assertEquals(best.objective(), warm.evaluate(best.range().toRule(), best.scoreKind(), 1), 0.0);
    }

    @Test
    void theSameSeedsGiveTheSameTrials() {
        TuningResult a = RangeTuner.builder(CONF, TRAIN, VALIDATION).warmupEpochs(1).proxyEpochs(1)
                .randomSearch(4, 9).build().tune();
        TuningResult b = RangeTuner.builder(CONF, TRAIN, VALIDATION).warmupEpochs(1).proxyEpochs(1)
                .randomSearch(4, 9).build().tune();
        for (int i = 0; i < 4; i++) {
            assertEquals(a.trials().get(i).range(), b.trials().get(i).range());
            assertEquals(a.trials().get(i).objective(), b.trials().get(i).objective(), 0.0);
        }
    }

    @Test
    void aValidationSetThatOverlapsTrainingIsRejected() {
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, TRAIN).build(), "is the training set object");
        DataSet leaked = DataSet.merge(java.util.List.of(VALIDATION, (DataSet) TRAIN.getRange(10, 13)));
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, leaked).build(),
                "3 validation examples are also in the training set (the first is validation row 90)");
    }

    @Test
    void anEmptyOrSingleClassValidationSetIsRejected() {
        DataSet empty = new DataSet(Nd4j.create(DataType.FLOAT, 0, 5), Nd4j.create(DataType.FLOAT, 0, 3));
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, empty).build(), "validation set is empty");
        float[][] y = new float[4][3];
        for (float[] row : y) {
            row[1] = 1;
        }
        DataSet oneClass = new DataSet(Nd4j.rand(DataType.FLOAT, 4, 5), Nd4j.create(y));
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, oneClass).build(), "single class (1)");
    }

    @Test
    void badSettingsAreRejected() {
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, VALIDATION).maxKeptFraction(0), "fraction in (0, 1]");
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, VALIDATION).maxKeptFraction(1.5), "fraction in (0, 1]");
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, VALIDATION).randomSearch(0, 1), "at least one candidate");
        assertMessage(() -> RangeTuner.builder(CONF, TRAIN, VALIDATION).trainingSubsample(0), "trainingSubsample");
    }

    @Test
    void aConfigurationWithAFittedScheduleIsTunedAtItsInitialRateAndLeftAsItWas() {
        // the tuner's warm-up listener was not told a length, so a FittedSchedule in the configuration stopped the
        // tuning with "build the PruningListener with epochs(n)", a listener the user never built
        org.dataprune4j.lr.FittedSchedule schedule = org.dataprune4j.lr.FittedSchedule.cosine(1e-2).build();
        MultiLayerConfiguration conf = TestData.mlp(5, 8, 3, 1, new org.nd4j.linalg.learning.config.Adam(schedule))
                .getLayerWiseConfigurations();
        TuningResult result = RangeTuner.builder(conf, TRAIN, VALIDATION).warmupEpochs(1).proxyEpochs(1)
                .maxKeptFraction(0.6).randomSearch(3, 3).build().tune();
        assertEquals(0, result.count(Trial.Status.FAILED), result.trials()::toString);
        assertTrue(result.count(Trial.Status.COMPLETED) >= 1, result.trials()::toString);
        org.nd4j.linalg.learning.config.Adam adam = (org.nd4j.linalg.learning.config.Adam)
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) conf.getConf(0).getLayer()).getIUpdater();
        assertTrue(adam.getLearningRateSchedule() instanceof org.dataprune4j.lr.FittedSchedule,
                "the user's configuration keeps its schedule");
    }

    @Test
    void aFittedScheduleInsideAWrapperLayerIsRefusedWithWhatToDo() {
        MultiLayerConfiguration conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep(
                        new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(5).nOut(4)
                                .updater(new org.nd4j.linalg.learning.config.Adam(
                                        org.dataprune4j.lr.FittedSchedule.cosine(1e-2).build())).build()))
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        assertMessage(() -> RangeTuner.builder(conf, TRAIN, VALIDATION).build(), "inside a wrapper");
    }
}
