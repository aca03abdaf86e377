package org.dataprune4j.ui;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;

/** Reads the pruning runs a {@link PruningStatsRecorder} stored back out of DL4J storages, as the page's JSON. */
final class StoredRuns {

    private StoredRuns() {
    }

    /** One entry per session (the first storage holding it), newest first, with how many storages hold it. */
    static JsonArray list(List<StatsStorage> storages) {
        List<JsonObject> runs = new ArrayList<>();
        for (StatsStorage storage : storages) {
            for (String sid : storage.listSessionIDs()) {
                JsonObject info = info(storage, sid);
                if (info == null) {
                    continue;
                }
                JsonObject seen = runs.stream().filter(r -> r.getString("sessionId").equals(sid)).findFirst()
                        .orElse(null);
                if (seen != null) {
                    seen.put("storages", seen.getInteger("storages") + 1);
                    continue;
                }
                runs.add(new JsonObject().put("sessionId", sid).put("startedAt", info.getLong("startedAt"))
                        .put("epochs", storage.getNumUpdateRecordsFor(sid, PruningStatsRecorder.TYPE_ID,
                                PruningStatsRecorder.WORKER_ID))
                        .put("storage", storage.toString()).put("storages", 1));
            }
        }
        runs.sort(Comparator.comparingLong((JsonObject r) -> r.getLong("startedAt")).reversed());
        return new JsonArray(new ArrayList<>(runs));
    }

    /** A run's information and its epochs in order, from the first storage that holds it; null if none does. */
    static JsonObject read(List<StatsStorage> storages, String sessionId) {
        for (StatsStorage storage : storages) {
            JsonObject info = info(storage, sessionId);
            if (info == null) {
                continue;
            }
            TreeMap<Integer, JsonObject> byEpoch = new TreeMap<>();
            for (Persistable p : storage.getAllUpdatesAfter(sessionId, PruningStatsRecorder.TYPE_ID,
                    PruningStatsRecorder.WORKER_ID, 0)) {
                if (p instanceof StoredRecord r) {
                    JsonObject epoch = new JsonObject(r.json());
                    byEpoch.put(epoch.getInteger("epoch"), epoch);
                }
            }
            return new JsonObject().put("sessionId", sessionId).put("info", info)
                    .put("epochs", new JsonArray(new ArrayList<>(byEpoch.values())));
        }
        return null;
    }

    private static JsonObject info(StatsStorage storage, String sessionId) {
        Persistable p = storage.getStaticInfo(sessionId, PruningStatsRecorder.TYPE_ID, PruningStatsRecorder.WORKER_ID);
        return p instanceof StoredRecord r ? new JsonObject(r.json()) : null;
    }
}
