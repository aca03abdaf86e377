package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dataprune4j.internal.AtomicFiles;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The JSON run record of one swap: how the kept set was made (the listener's configuration with every seed, the
 * iterator's seed and batch size, the model), where (the {@link Provenance}), what it is (the kept ids and the
 * count of every decision) and what the run cost ({@link PruningLedger#toMap()}; empty in records written before
 * the ledger existed). Written with {@link PruningReport#writeRunRecord}; {@link #read} gives back an equal
 * record.
 *
 * @param configuration the listener's and the iterator's settings, flat
 * @param environment the {@link Provenance} as a map
 * @param scoreKind the score the rule ranked by
 * @param swapEpoch the epoch (from 0) at whose end the swap happened
 * @param totalCount number of examples
 * @param keptIds the kept example ids, ascending
 * @param decisions how many examples got each decision
 */
public record PruningRecord(Map<String, String> configuration, Map<String, String> environment, String scoreKind,
                            int swapEpoch, int totalCount, int[] keptIds, Map<String, Integer> decisions,
                            Map<String, String> ledger) {
    // DL4J's shaded Jackson, on the classpath through nd4j-api: no extra dependency for one JSON file.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates and copies every field. */
    public PruningRecord {
        configuration = ImmutableMap.copyOf(requireNonNull(configuration, "configuration"));
        environment = ImmutableMap.copyOf(requireNonNull(environment, "environment"));
        requireNonNull(scoreKind, "scoreKind");
        keptIds = requireNonNull(keptIds, "keptIds").clone();
        decisions = ImmutableMap.copyOf(requireNonNull(decisions, "decisions"));
        ledger = ImmutableMap.copyOf(requireNonNull(ledger, "ledger"));
    }

    /** The kept example ids, ascending (a copy). */
    @Override
    public int[] keptIds() {
        return keptIds.clone();
    }

    /** The provenance recorded. */
    public Provenance provenance() {
        return Provenance.fromMap(environment);
    }

    /**
     * Writes this record as JSON, atomically: to a temporary file beside {@code file}, then renamed over it.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public void write(Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configuration", configuration);
        m.put("environment", environment);
        m.put("scoreKind", scoreKind);
        m.put("swapEpoch", swapEpoch);
        m.put("totalCount", totalCount);
        m.put("decisions", decisions);
        m.put("ledger", ledger);
        m.put("keptIds", keptIds);
        AtomicFiles.write(file, "the run record", w -> JSON.writeValue(w, m));
    }

    /**
     * Reads a record written by {@link #write}.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a run record
     */
    public static PruningRecord read(Path file) {
        Map<String, Object> m;
        try {
            m = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a run record from " + file + ": " + e.getMessage(), e);
        }
        for (String key : List.of("configuration", "environment", "scoreKind", "swapEpoch", "totalCount",
                "decisions", "keptIds")) {
            if (!m.containsKey(key)) {
                throw new IllegalArgumentException(file + " is not a DataPrune4J run record: it has no \"" + key
                        + "\" field (written by PruningReport.writeRunRecord?)");
            }
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = (List<Number>) m.get("keptIds");
        return new PruningRecord(JSON.convertValue(m.get("configuration"), new TypeReference<Map<String, String>>() { }),
                JSON.convertValue(m.get("environment"), new TypeReference<Map<String, String>>() { }),
                (String) m.get("scoreKind"), ((Number) m.get("swapEpoch")).intValue(),
                ((Number) m.get("totalCount")).intValue(), ids.stream().mapToInt(Number::intValue).toArray(),
                JSON.convertValue(m.get("decisions"), new TypeReference<Map<String, Integer>>() { }),
                m.containsKey("ledger") ? JSON.convertValue(m.get("ledger"), new TypeReference<Map<String, String>>() { })
                        : Map.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PruningRecord r && configuration.equals(r.configuration)
                && environment.equals(r.environment) && scoreKind.equals(r.scoreKind) && swapEpoch == r.swapEpoch
                && totalCount == r.totalCount && Arrays.equals(keptIds, r.keptIds) && decisions.equals(r.decisions)
                && ledger.equals(r.ledger);
    }

    @Override
    public int hashCode() {
        return Objects.hash(configuration, environment, scoreKind, swapEpoch, totalCount, Arrays.hashCode(keptIds),
                decisions, ledger);
    }

    @Override
    public String toString() {
        return "PruningRecord{" + scoreKind + ", swap at epoch " + swapEpoch + ", kept " + keptIds.length + " of "
                + totalCount + ", " + configuration + ", " + environment + "}";
    }
}
