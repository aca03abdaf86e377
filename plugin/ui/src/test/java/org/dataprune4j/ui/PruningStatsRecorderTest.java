package org.dataprune4j.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.dataprune4j.Outlier;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.ScoreHistogram;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class PruningStatsRecorderTest {
    private static final DataSet DATA = UiTestRuns.images(60, 6, 11);

    private static PruningListener staticSwap(PruningIterator it) {
        return PruningListener.builder(it, ScoreRangeRule.quantiles(0.05, 0.95)).warmupEpochs(2).outliers(5).build();
    }

    /** Every epoch's record equals the listener's ledger, and the swap's record equals its report. */
    @Test
    void recordsEveryEpochAndTheSwapAsTheReportSaysForANetwork() {
        StatsStorage storage = new InMemoryStatsStorage();
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = staticSwap(it);
        PruningStatsRecorder recorder = PruningStatsRecorder.builder(pruning, storage).imageShape(8, 8, 1)
                .classNames(List.of("top", "middle", "bottom")).attach();
        MultiLayerNetwork net = UiTestRuns.mlp(5);
        net.addListeners(pruning);
        net.fit(it, 4);

        JsonObject run = StoredRuns.read(List.of(storage), recorder.sessionId());
        assertNotNull(run);
        assertEquals(List.of("top", "middle", "bottom"), run.getJsonObject("info").getJsonArray("classNames").getList());
        assertArrayEquals(new int[] {1, 8, 8}, ints(run.getJsonObject("info").getJsonArray("imageShape")));
        JsonArray epochs = run.getJsonArray("epochs");
        assertEquals(4, epochs.size());
        List<Integer> ledger = pruning.ledger().examplesPerEpoch();
        for (int e = 0; e < 4; e++) {
            JsonObject epoch = epochs.getJsonObject(e);
            assertEquals(e, epoch.getInteger("epoch"));
            assertEquals(ledger.get(e), epoch.getInteger("examplesTrained"));
            assertEquals(e < 2 ? "warm-up" : "pruned", epoch.getString("phase"));
            assertEquals(e == 1, epoch.containsKey("decision"), "the decision is recorded at the swap epoch only");
            assertTrue(epoch.getDouble("learningRateFirst") > 0, "Adam's rate is recorded");
        }
        assertEquals(pruning.report().keptCount(), epochs.getJsonObject(1).getInteger("nextEpochExamples"));
        assertEquals(pruning.ledger().examplesTrained(),
                epochs.getJsonObject(3).getJsonObject("ledger").getLong("examplesTrained"));
        assertDecisionEquals(pruning.report(), epochs.getJsonObject(1).getJsonObject("decision"), 40);
        String pixels = epochs.getJsonObject(1).getJsonObject("decision").getJsonArray("outliers").getJsonObject(0)
                .getString("pixels");
        assertEquals(64, Base64.getDecoder().decode(pixels).length, "an 8x8 one-channel image");
    }

    /** A graph with a re-selection every epoch: one decision per epoch after warm-up, each as that epoch decided. */
    @Test
    void recordsEachDecisionOfADynamicScheduleForAGraph() {
        StatsStorage storage = new InMemoryStatsStorage();
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .schedule(ReselectSchedule.every(1, 1)).build();
        PruningStatsRecorder recorder = PruningStatsRecorder.attach(pruning, storage);
        ComputationGraph graph = UiTestRuns.graph(5);
        graph.addListeners(pruning);
        graph.fit(it, 4);

        JsonArray epochs = StoredRuns.read(List.of(storage), recorder.sessionId()).getJsonArray("epochs");
        assertEquals(4, epochs.size());
        for (int e = 0; e < 3; e++) {
            JsonObject decision = epochs.getJsonObject(e).getJsonObject("decision");
            assertNotNull(decision, "epoch " + e + " decided the next epoch's subset");
            assertEquals(90, decision.getInteger("kept"));
        }
        assertDecisionEquals(pruning.report(), epochs.getJsonObject(3).getJsonObject("decision"), 40);
        assertNull(run(storage, recorder).getJsonObject("info").getJsonArray("imageShape"),
                "flat features without imageShape: no images");
    }

    /** A FileStatsStorage replays the run after the process closed it, record for record. */
    @Test
    void aFileStorageReplaysTheRunAfterItIsClosed(@TempDir Path dir) {
        File file = dir.resolve("training.dl4j").toFile();
        FileStatsStorage storage = new FileStatsStorage(file);
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = staticSwap(it);
        PruningStatsRecorder recorder = PruningStatsRecorder.attach(pruning, storage);
        MultiLayerNetwork net = UiTestRuns.mlp(5);
        net.addListeners(pruning);
        net.fit(it, 3);
        JsonObject live = run(storage, recorder);
        storage.close();

        FileStatsStorage reopened = new FileStatsStorage(file);
        try {
            assertEquals(live, run(reopened, recorder));
            assertEquals(3, run(reopened, recorder).getJsonArray("epochs").size());
        } finally {
            reopened.close();
        }
    }

    @Test
    void aSecondRecorderOnOneListenerIsRefusedAndNamesTheFirst() {
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = staticSwap(it);
        StatsStorage first = new InMemoryStatsStorage();
        PruningStatsRecorder recorder = PruningStatsRecorder.attach(pruning, first);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PruningStatsRecorder.attach(pruning, new InMemoryStatsStorage()));
        assertTrue(e.getMessage().contains(recorder.sessionId()) && e.getMessage().contains("UIServer.attach"),
                e.getMessage());
        assertEquals(1, pruning.observers().size());
    }

    /** A storage that holds a run under the same session id is refused before anything is written to it. */
    @Test
    void aStorageHoldingARunOfTheSameSessionIsRefusedAndKeptAsItWas() {
        StatsStorage storage = new InMemoryStatsStorage();
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = staticSwap(it);
        PruningStatsRecorder.builder(pruning, storage).sessionId("run-1").attach();
        MultiLayerNetwork net = UiTestRuns.mlp(5);
        net.addListeners(pruning);
        net.fit(it, 3);
        JsonObject before = StoredRuns.read(List.of(storage), "run-1");

        PruningIterator it2 = PruningIterator.builder(DATA, 30).seed(4).build();
        PruningListener second = staticSwap(it2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PruningStatsRecorder.builder(second, storage).sessionId("run-1").attach());
        assertTrue(e.getMessage().contains("run-1") && e.getMessage().contains("nothing was written"),
                e.getMessage());
        assertEquals(before, StoredRuns.read(List.of(storage), "run-1"));
        assertTrue(second.observers().isEmpty());

        // another session in the same storage is a second run, listed beside the first
        PruningStatsRecorder.builder(second, storage).sessionId("run-2").attach();
        assertEquals(2, StoredRuns.list(List.of(storage)).size());
    }

    /** Attached after training, the recorder stores the ledger's epochs and the swap it still knows. */
    @Test
    void aRecorderAttachedAfterTrainingStoresTheLedgerAndTheSwap() {
        StatsStorage storage = new InMemoryStatsStorage();
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = staticSwap(it);
        MultiLayerNetwork net = UiTestRuns.mlp(5);
        net.addListeners(pruning);
        net.fit(it, 3);
        PruningStatsRecorder late = PruningStatsRecorder.attach(pruning, storage);

        JsonArray epochs = run(storage, late).getJsonArray("epochs");
        assertEquals(3, epochs.size());
        for (int e = 0; e < 3; e++) {
            assertEquals(pruning.ledger().examplesPerEpoch().get(e), epochs.getJsonObject(e).getInteger("examplesTrained"));
            assertEquals("before the recorder", epochs.getJsonObject(e).getString("phase"));
        }
        assertDecisionEquals(pruning.report(), epochs.getJsonObject(1).getJsonObject("decision"), 40);
    }

    @Test
    void anImageShapeThatDoesNotFitTheFeaturesIsRefusedAtAttach() {
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = staticSwap(it);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningStatsRecorder.builder(pruning, new InMemoryStatsStorage()).imageShape(28, 28, 1).attach());
        assertTrue(e.getMessage().contains("64 features"), e.getMessage());
        assertFalse(pruning.observers().stream().anyMatch(PruningStatsRecorder.class::isInstance));
        assertThrows(IllegalArgumentException.class,
                () -> PruningStatsRecorder.builder(pruning, new InMemoryStatsStorage()).classNames(List.of("a")).attach());
    }

    /** The stored decision's numbers are the report's: counts, range, histogram, outliers. */
    static void assertDecisionEquals(PruningReport report, JsonObject decision, int bins) {
        assertEquals(report.keptCount(), decision.getInteger("kept"));
        assertEquals(report.totalCount(), decision.getInteger("total"));
        assertArrayEquals(report.keptPerClass(), ints(decision.getJsonArray("keptPerClass")));
        assertArrayEquals(report.totalPerClass(), ints(decision.getJsonArray("totalPerClass")));
        assertEquals(report.keptScoreRange().lowerEndpoint(), decision.getJsonArray("keptRange").getDouble(0), 0);
        assertEquals(report.keptScoreRange().upperEndpoint(), decision.getJsonArray("keptRange").getDouble(1), 0);
        ScoreHistogram h = report.scoreHistogram(bins);
        JsonObject stored = decision.getJsonObject("histogram");
        assertArrayEquals(h.kept(), ints(stored.getJsonArray("kept")));
        assertArrayEquals(h.pruned(), ints(stored.getJsonArray("pruned")));
        List<Outlier> outliers = report.outliers();
        JsonArray storedOutliers = decision.getJsonArray("outliers");
        assertEquals(outliers.size(), storedOutliers.size());
        for (int i = 0; i < outliers.size(); i++) {
            assertEquals(outliers.get(i).id(), storedOutliers.getJsonObject(i).getInteger("id"));
            assertEquals(outliers.get(i).label(), storedOutliers.getJsonObject(i).getInteger("label"));
            assertEquals(outliers.get(i).predicted(), storedOutliers.getJsonObject(i).getInteger("predicted"));
            assertEquals(outliers.get(i).score(), storedOutliers.getJsonObject(i).getDouble("score"), 0);
        }
    }

    private static JsonObject run(StatsStorage storage, PruningStatsRecorder recorder) {
        return StoredRuns.read(List.of(storage), recorder.sessionId());
    }

    static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getInteger(i);
        }
        return out;
    }
}
