package org.dataprune4j.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The Pruning page in DL4J's UI, in headless Chromium: it follows a run epoch by epoch while {@code fit} runs, and
 * shows the listener's own figures. Skips, saying how to install Chromium, where it is missing.
 */
class PruningPageBrowserTest {
    private static final DataSet DATA = UiTestRuns.images(60, 6, 11);
    private static UIServer ui;
    private static HeadlessChromium browser;
    private static String page;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.find().isPresent(), HeadlessChromium.MISSING);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ui = VertxUIServer.getInstance(port, false, null);
        page = "http://localhost:" + port + "/pruning";
        browser = HeadlessChromium.start(HeadlessChromium.find().get(), 1280, 1500);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (ui != null) {
            UIServer.stopInstance();
        }
    }

    /**
     * Training waits at the end of each epoch until the page shows that epoch, so the page is seen following the
     * run live; at the end it shows the report's figures. A network with the static swap.
     */
    @Test
    void thePageFollowsANetworkRunLiveAndShowsTheReportsFigures() throws Exception {
        StatsStorage storage = new InMemoryStatsStorage();
        ui.attach(storage);
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.quantiles(0.05, 0.95)).warmupEpochs(2)
                .outliers(6).build();
        PruningStatsRecorder recorder = PruningStatsRecorder.builder(pruning, storage).imageShape(8, 8, 1).attach();
        MultiLayerNetwork net = UiTestRuns.mlp(5);
        Semaphore shown = new Semaphore(0);
        net.addListeners(pruning, new BaseTrainingListener() {
            @Override
            public void onEpochEnd(Model model) {
                try {
                    assertTrue(shown.tryAcquire(60, TimeUnit.SECONDS), "the page did not show the epoch in 60 s");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        browser.open(page);
        CompletableFuture<Void> fit = CompletableFuture.runAsync(() -> net.fit(it, 4));
        for (int epoch = 1; epoch <= 4; epoch++) {
            browser.waitUntil("+document.getElementById('status').dataset.epochs === " + epoch
                    + " && document.getElementById('run').value === '" + recorder.sessionId() + "'",
                    Duration.ofSeconds(60));
            JsonObject now = new PageReader(browser).read();
            assertEquals(pruning.ledger().examplesPerEpoch().subList(0, epoch), now.getJsonArray("examples").getList(),
                    "the page shows the epochs so far while fit waits");
            shown.release();
        }
        fit.get(120, TimeUnit.SECONDS);
        browser.waitUntil("document.querySelectorAll('rect.bin').length > 0", Duration.ofSeconds(10));
        JsonObject seen = new PageReader(browser).assertShows(pruning.report(), pruning.ledger(), 40);
        assertEquals(6, seen.getInteger("images"), "the outliers are drawn as 8x8 images");
        Path shot = Path.of("target", "pruning-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.screenshot());
        ui.detach(storage);
    }

    /** A graph with InfoBatch's soft pruning: a decision every epoch, the latest shown. */
    @Test
    void thePageShowsEachDecisionOfADynamicScheduleForAGraph() throws Exception {
        StatsStorage storage = new InMemoryStatsStorage();
        ui.attach(storage);
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, SoftPruningSchedule.builder(5).build()).outliers(4)
                .build();
        PruningStatsRecorder recorder = PruningStatsRecorder.attach(pruning, storage);
        ComputationGraph graph = UiTestRuns.graph(5);
        graph.addListeners(pruning);
        graph.fit(it, 5);
        browser.open(page);
        selectRun(recorder.sessionId());
        JsonObject seen = new PageReader(browser).assertShows(pruning.report(), pruning.ledger(), 40);
        assertEquals(0, seen.getInteger("images"), "flat features without imageShape: no images");
        long decisions = (long) (double) ((Number) browser.eval(
                "document.getElementById('decision').options.length")).doubleValue();
        assertTrue(decisions >= 3, "soft pruning decides every epoch after the first; options: " + decisions);
        ui.detach(storage);
    }

    /** The UI attached after training to a FileStatsStorage the run left: the whole run, as recorded. */
    @Test
    void aStorageAttachedAfterTrainingIsShownWhole(@TempDir Path dir) throws Exception {
        File file = dir.resolve("training.dl4j").toFile();
        FileStatsStorage storage = new FileStatsStorage(file);
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.6)).warmupEpochs(1)
                .build();
        PruningStatsRecorder recorder = PruningStatsRecorder.attach(pruning, storage);
        MultiLayerNetwork net = UiTestRuns.mlp(5);
        net.addListeners(pruning);
        net.fit(it, 3);
        storage.close();

        FileStatsStorage replay = new FileStatsStorage(file);
        ui.attach(replay);
        try {
            browser.open(page);
            selectRun(recorder.sessionId());
            new PageReader(browser).assertShows(pruning.report(), pruning.ledger(), 40);
        } finally {
            ui.detach(replay);
            replay.close();
        }
    }

    private static void selectRun(String sessionId) throws Exception {
        browser.waitUntil("[...document.getElementById('run').options].some(o => o.value === '" + sessionId + "')",
                Duration.ofSeconds(20));
        browser.eval("(() => { const s = document.getElementById('run'); s.value = '" + sessionId + "';"
                + " s.dispatchEvent(new Event('change')); return true; })()");
        browser.waitUntil("document.getElementById('run').value === '" + sessionId + "' && document.getElementById("
                + "'status').dataset.epochs > 0 && document.querySelectorAll('rect.bin').length > 0",
                Duration.ofSeconds(20));
    }
}
