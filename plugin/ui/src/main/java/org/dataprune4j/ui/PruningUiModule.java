package org.dataprune4j.ui;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;

/**
 * The "Pruning" page of DL4J's training UI ({@code http://localhost:9000/pruning}), loaded by the UI through its
 * {@code ServiceLoader} extension point when {@code dataprune4j-ui} is on the classpath. It reads the records a
 * {@link PruningStatsRecorder} writes into every attached {@code StatsStorage}, live while training and from a
 * {@code FileStatsStorage} attached after it.
 *
 * <p>Routes: {@code /pruning} (the page), {@code /pruning/runs} (every recorded run, newest first, JSON) and
 * {@code /pruning/run/:sessionId} (one run's information and epochs, JSON).
 */
public final class PruningUiModule implements UIModule {
    private final List<StatsStorage> storages = new CopyOnWriteArrayList<>();
    private volatile String page;

    /** For DL4J's UI, which creates its modules through the {@code ServiceLoader}. */
    public PruningUiModule() {
    }

    @Override
    public List<String> getCallbackTypeIDs() {
        return List.of(PruningStatsRecorder.TYPE_ID);
    }

    @Override
    public List<Route> getRoutes() {
        return List.of(new Route("/pruning", HttpMethod.GET, (args, rc) -> send(rc, 200, "text/html", page())),
                new Route("/pruning/runs", HttpMethod.GET, (args, rc) -> sendJson(rc, 200, runs().encode())),
                new Route("/pruning/run/:sessionId", HttpMethod.GET, (args, rc) -> run(rc, args.get(0))));
    }

    /** The page polls; nothing to do when records arrive. */
    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        if (storages.stream().noneMatch(s -> s == statsStorage)) {
            storages.add(statsStorage);
        }
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        storages.removeIf(s -> s == statsStorage);
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return Collections.emptyList();
    }

    /** Every recorded run in the attached storages, newest first; a session held twice is listed once. */
    JsonArray runs() {
        return StoredRuns.list(storages);
    }

    private void run(RoutingContext rc, String sessionId) {
        JsonObject run = StoredRuns.read(storages, sessionId);
        if (run == null) {
            sendJson(rc, 404, new JsonObject().put("error", "No pruning run with session id " + sessionId
                    + " in the " + storages.size() + " storage(s) attached to this UI").encode());
        } else {
            sendJson(rc, 200, run.encode());
        }
    }

    private String page() {
        if (page == null) {
            try (InputStream in = PruningUiModule.class.getResourceAsStream("pruning.html")) {
                if (in == null) {
                    throw new IllegalStateException("pruning.html is missing from the dataprune4j-ui jar");
                }
                page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return page;
    }

    private static void sendJson(RoutingContext rc, int status, String body) {
        send(rc, status, "application/json", body);
    }

    private static void send(RoutingContext rc, int status, String type, String body) {
        rc.response().setStatusCode(status).putHeader("content-type", type + "; charset=utf-8")
                .putHeader("cache-control", "no-store").end(body);
    }
}
