package org.dataprune4j.benchmarks.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataprune4j.Provenance;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The JSON record of a matrix run: its configuration, seeds, the library, DL4J and Java versions, the OS, and
 * every cell's result. Written beside the tables; {@link #read} gives back an equal record.
 *
 * @param config the matrix spec as a flat map
 * @param environment versions and machine
 * @param results every finished cell, in run order
 */
public record RunRecord(Map<String, Object> config, Map<String, String> environment, List<CellResult> results) {
    // DL4J's shaded Jackson, already on the classpath through nd4j-api: no extra dependency for one JSON file.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A record of the given spec and results with this JVM's environment (the library's {@link Provenance}). */
    public static RunRecord of(MatrixSpec spec, List<CellResult> results) {
        return new RunRecord(spec.toMap(), new LinkedHashMap<>(Provenance.current().toMap()), results);
    }

    /** Writes this record as JSON. */
    public void write(Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config);
        m.put("environment", environment);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CellResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dataset", r.cell().dataset());
            row.put("score", r.cell().score().name());
            row.put("rule", r.cell().rule().name());
            row.put("kept", r.cell().kept());
            row.put("seed", r.cell().seed());
            row.put("testAccuracy", r.testAccuracy());
            row.put("seconds", r.seconds());
            row.put("tuningSeconds", r.tuningSeconds());
            row.put("examplesProcessed", r.examplesProcessed());
            row.put("keptCount", r.keptCount());
            rows.add(row);
        }
        m.put("results", rows);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), m);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the run record " + file, e);
        }
    }

    /** Reads a record written by {@link #write}. */
    public static RunRecord read(Path file) {
        try {
            Map<String, Object> m = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) m.get("config");
            @SuppressWarnings("unchecked")
            Map<String, String> env = (Map<String, String>) m.get("environment");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) m.get("results");
            List<CellResult> results = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                Cell cell = new Cell((String) row.get("dataset"),
                        org.dataprune4j.score.ScoreKind.valueOf((String) row.get("score")),
                        RuleKind.valueOf((String) row.get("rule")), ((Number) row.get("kept")).doubleValue(),
                        ((Number) row.get("seed")).longValue());
                results.add(new CellResult(cell, ((Number) row.get("testAccuracy")).doubleValue(),
                        ((Number) row.get("seconds")).doubleValue(), ((Number) row.get("tuningSeconds")).doubleValue(),
                        ((Number) row.get("examplesProcessed")).longValue(),
                        ((Number) row.get("keptCount")).intValue()));
            }
            return new RunRecord(config, env, results);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the run record " + file + ": " + e.getMessage(), e);
        }
    }
}
