package org.dataprune4j.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** The page and its JSON routes over HTTP, in DL4J's UI server (no browser needed). */
class PruningUiModuleTest {
    private static final DataSet DATA = UiTestRuns.images(30, 0, 5);

    @Test
    void dl4jsUiServesThePageAndTheRunsOfEveryAttachedStorage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        UIServer ui = VertxUIServer.getInstance(port, false, null);
        try {
            String base = "http://localhost:" + port;
            HttpResponse<String> page = get(base + "/pruning");
            assertEquals(200, page.statusCode(), "the UI loaded the module through its ServiceLoader");
            assertTrue(page.body().contains("<title>Pruning - DL4J Training UI</title>"));
            assertEquals(new JsonArray(), new JsonArray(get(base + "/pruning/runs").body()));

            // one session id recorded into two storages (a run's file opened twice, say): listed once, counted twice
            StatsStorage a = new InMemoryStatsStorage();
            StatsStorage b = new InMemoryStatsStorage();
            train(a, "same");
            train(b, "same");
            train(a, "other");
            ui.attach(a);
            ui.attach(b);
            ui.attach(a); // DL4J ignores a second attach of one storage
            JsonArray runs = new JsonArray(get(base + "/pruning/runs").body());
            assertEquals(2, runs.size());
            JsonObject same = runs.stream().map(JsonObject.class::cast)
                    .filter(r -> r.getString("sessionId").equals("same")).findFirst().orElseThrow();
            assertEquals(2, same.getInteger("storages"));
            assertEquals(2, same.getInteger("epochs"));
            assertEquals(2, new JsonObject(get(base + "/pruning/run/same").body()).getJsonArray("epochs").size());

            HttpResponse<String> missing = get(base + "/pruning/run/nope");
            assertEquals(404, missing.statusCode());
            assertTrue(new JsonObject(missing.body()).getString("error").contains("No pruning run with session id"
                    + " nope in the 2 storage(s)"), missing.body());

            ui.detach(b);
            assertEquals(1, new JsonArray(get(base + "/pruning/runs").body()).stream().map(JsonObject.class::cast)
                    .filter(r -> r.getString("sessionId").equals("same")).findFirst().orElseThrow()
                    .getInteger("storages"));
        } finally {
            UIServer.stopInstance();
        }
    }

    private static void train(StatsStorage storage, String session) {
        PruningIterator it = PruningIterator.builder(DATA, 30).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .build();
        PruningStatsRecorder.builder(pruning, storage).sessionId(session).attach();
        MultiLayerNetwork net = UiTestRuns.mlp(5);
        net.addListeners(pruning);
        net.fit(it, 2);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
