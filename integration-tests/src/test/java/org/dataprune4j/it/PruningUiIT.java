package org.dataprune4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.ui.HeadlessChromium;
import org.dataprune4j.ui.PageReader;
import org.dataprune4j.ui.PruningStatsRecorder;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's training UI with DataPrune4J's Pruning page during a real Fashion-MNIST run (the first 12,000 training
 * images, the reference MLP, a cosine fitted to the run, 2 warm-up epochs then EL2N quantiles [0.48, 0.98]), as a
 * user sets it up: DL4J's StatsListener beside the pruning listener, one storage. Headless Chromium follows the page
 * while fit runs (fit waits at each epoch's end until the page shows it), checks the page's figures against the
 * report's, screenshots it during the run (target/pruning-ui-fashion-mnist.png, the picture in docs/) and checks
 * that DL4J's own Train page still loads beside it. Skips, saying how to install Chromium, where it is missing.
 */
class PruningUiIT {
    private static final int EXAMPLES = 12_000;
    private static final int EPOCHS = 5;

    @Test
    void thePruningPageFollowsARealFashionMnistRunBesideDl4jsPages() throws Exception {
        assumeTrue(HeadlessChromium.find().isPresent(), HeadlessChromium.MISSING);
        DataSet train = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).head(EXAMPLES).toDataSet();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        UIServer ui = VertxUIServer.getInstance(port, false, null);
        try (HeadlessChromium browser = HeadlessChromium.start(HeadlessChromium.find().get(), 1280, 1500)) {
            StatsStorage storage = new InMemoryStatsStorage();
            ui.attach(storage);
            FittedSchedule lr = FittedSchedule.cosine(1e-3).build();
            MultiLayerNetwork net = ExampleNetworks.mlp(42, new Adam(lr));
            PruningIterator it = PruningIterator.builder(train, 128).seed(42).build();
            PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.quantiles(0.48, 0.98))
                    .warmupEpochs(2).epochs(EPOCHS).outliers(16).build();
            PruningStatsRecorder recorder = PruningStatsRecorder.builder(pruning, storage).imageShape(28, 28, 1)
                    .classNames(ImageDataset.FASHION_MNIST.classNames()).attach();
            Semaphore shown = new Semaphore(0);
            net.addListeners(new StatsListener(storage), pruning, new BaseTrainingListener() {
                @Override
                public void onEpochEnd(Model model) {
                    try {
                        assertTrue(shown.tryAcquire(120, TimeUnit.SECONDS), "the page did not show the epoch");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            String page = "http://localhost:" + port + "/pruning";
            browser.open(page);
            CompletableFuture<Void> fit = CompletableFuture.runAsync(() -> net.fit(it, EPOCHS));
            Path shot = Path.of("target", "pruning-ui-fashion-mnist.png");
            Files.createDirectories(shot.getParent());
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                browser.waitUntil("+document.getElementById('status').dataset.epochs === " + epoch
                        + " && document.getElementById('run').value === '" + recorder.sessionId() + "'",
                        Duration.ofSeconds(120));
                assertEquals(pruning.ledger().examplesPerEpoch().subList(0, epoch),
                        new PageReader(browser).read().getJsonArray("examples").getList());
                if (epoch == 3) {
                    browser.waitUntil("document.querySelectorAll('#outliers canvas').length === 16",
                            Duration.ofSeconds(20));
                    Files.write(shot, browser.screenshot()); // mid-run: the swap made, fit waiting at epoch 3
                }
                shown.release();
            }
            fit.get(300, TimeUnit.SECONDS);
            browser.waitUntil("+document.getElementById('status').dataset.epochs === " + EPOCHS,
                    Duration.ofSeconds(20));
            JsonObject seen = new PageReader(browser).assertShows(pruning.report(), pruning.ledger(), 40);
            assertEquals(16, seen.getInteger("images"), "the 16 likeliest mislabelled drawn as 28x28 images");
            assertEquals(6_000, pruning.report().keptCount());
            assertEquals(2L * EXAMPLES + 3L * 6_000, pruning.ledger().examplesTrained());
            assertTrue(Files.size(shot) > 50_000, "a screenshot of the page: " + Files.size(shot) + " bytes");

            // DL4J's own page still works beside ours, on the same storage
            browser.open("http://localhost:" + port + "/train/overview");
            browser.waitUntil("document.title.length > 0 && document.body.innerText.includes('Overview')",
                    Duration.ofSeconds(30));
        } finally {
            UIServer.stopInstance();
        }
    }
}
