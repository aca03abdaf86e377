package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dataprune4j.testing.TestData;
import org.dataprune4j.tune.HalvingTuner;
import org.dataprune4j.tune.SavedTuning;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** A range tuned by successive halving at the swap, in the listener: networks, graphs, saved and reused. */
class TunedAtSwapTest {
    private static final DataSet TRAIN = TestData.blobs(3, 100, 4, 1);
    private static final DataSet VALIDATION = TestData.blobs(3, 30, 4, 2);

    private static PruningListener train(Model model, DataSet data, HalvingTuner tuner) {
        PruningIterator iterator = PruningIterator.builder(data, 32).seed(5).build();
        PruningListener listener = PruningListener.builder(iterator, tuner).warmupEpochs(2).outliers(0).build();
        model.setListeners(listener);
        if (model instanceof ComputationGraph graph) {
            graph.fit(iterator, 4);
        } else {
            ((MultiLayerNetwork) model).fit(iterator, 4);
        }
        return listener;
    }

    @Test
    void aNetworkPrunesToTheTunedRangeAndALaterRunReusesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tuning.json");
        HalvingTuner tuner = HalvingTuner.builder(VALIDATION, 0.4).savedTo(file).build();
        PruningListener first = train(TestData.mlp(5, 8, 3, 1), TRAIN, tuner);
        PruningReport report = first.report();
        assertEquals(120, report.keptCount());
        SavedTuning saved = SavedTuning.read(file);
        assertEquals(300, saved.numExamples());
        assertTrue(saved.trainedExamples() > 0);
        assertTrue(report.selection().rule().contains(String.valueOf(saved.lo()).substring(0, 3)),
                () -> report.selection().rule() + " vs " + saved.range());
        String json = Files.readString(file);

        PruningListener second = train(TestData.mlp(5, 8, 3, 1), TRAIN, tuner);
        assertEquals(json, Files.readString(file), "reused, not tuned again");
        assertArrayEquals(report.selection().keptIds(), second.report().selection().keptIds(),
                "the same data, seed and range keep the same examples");

        RuntimeException other = assertThrows(RuntimeException.class,
                () -> train(TestData.mlp(5, 8, 3, 1), TestData.blobs(3, 100, 4, 9), tuner));
        Throwable cause = other;
        while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("tuned on other data"), cause.getMessage());
    }

    @Test
    void aGraphIsTunedLikeANetwork() {
        HalvingTuner tuner = HalvingTuner.builder(VALIDATION, 0.5).windows(4).build();
        PruningListener listener = train(ComputationGraphTest.mlpGraph(1), TRAIN, tuner);
        assertEquals(150, listener.report().keptCount());
    }

    @Test
    void modelsWithAFittedScheduleAreTunedFromTheIterationTheyReached() {
        // the candidates' copies of a graph started at iteration 0 (a graph configuration's clone() drops the count),
        // where a FittedSchedule re-planned at the swap refuses to be read: every candidate failed
        for (boolean graph : new boolean[] {false, true}) {
            HalvingTuner tuner = HalvingTuner.builder(VALIDATION, 0.5).build();
            PruningIterator iterator = PruningIterator.builder(TRAIN, 32).seed(5).build();
            PruningListener listener = PruningListener.builder(iterator, tuner).warmupEpochs(2).outliers(0).epochs(4)
                    .build();
            org.nd4j.linalg.learning.config.Adam adam = new org.nd4j.linalg.learning.config.Adam(
                    org.dataprune4j.lr.FittedSchedule.cosine(1e-2).build());
            if (graph) {
                ComputationGraph g = ComputationGraphTest.mlpGraph(1, adam);
                g.setListeners(listener);
                g.fit(iterator, 4);
            } else {
                MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1, adam);
                net.setListeners(listener);
                net.fit(iterator, 4);
            }
            assertEquals(150, listener.report().keptCount(), graph ? "graph" : "network");
        }
    }

    @Test
    void theDataFingerprintFollowsFeaturesAndLabels() {
        String a = PruningIterator.builder(TRAIN, 32).build().passes().fingerprint();
        assertEquals(a, PruningIterator.builder(TRAIN.copy(), 64).build().passes().fingerprint(), "not the batch size");
        DataSet changed = TRAIN.copy();
        changed.getFeatures().putScalar(17, 2, 0.5f);
        assertTrue(!a.equals(PruningIterator.builder(changed, 32).build().passes().fingerprint()), "one feature");
        DataSet relabelled = TRAIN.copy();
        relabelled.getLabels().putScalar(4, 1, 0).putScalar(4, 2, 1);
        assertTrue(!a.equals(PruningIterator.builder(relabelled, 32).build().passes().fingerprint()), "one label");
    }
}
