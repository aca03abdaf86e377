package org.dataprune4j.benchmarks.crossover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the benchmark matrix's {@code cells.csv} as sweep runs at one size: the matrix's full preset trains on all
 * of the pool with the sweep's seeds, epochs and warm-up, so its full-data, random, keep-hardest and keep-easiest
 * cells are the sweep's runs at that size. Their training accuracy is not recorded (NaN), nor is the time of the
 * epochs after the warm-up (NaN: the matrix timed whole runs).
 */
final class MatrixImport {
    private static final Map<String, String> RULES = Map.of("FULL_DATA", "full", "RANDOM", "random",
            "KEEP_HARDEST", "hardest", "KEEP_EASIEST", "easiest");

    private MatrixImport() {
    }

    static List<SweepRow> rows(Path cellsCsv, SweepSpec spec, int size, int epochs, int warmup) {
        List<String> lines;
        try {
            lines = Files.readAllLines(cellsCsv);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the matrix cells " + cellsCsv, e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("dataset,score,rule,kept,seed,test_accuracy")) {
            throw new IllegalArgumentException(cellsCsv + " is not a benchmark matrix cells.csv");
        }
        List<String> scores = spec.scores().stream().map(k -> k.columnName()).toList();
        List<SweepRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] p = line.split(",");
            String rule = RULES.get(p[2]);
            String score = p[1].toLowerCase(Locale.ROOT);
            double fraction = Double.parseDouble(p[3]);
            boolean byScore = rule != null && !rule.equals("full") && !rule.equals("random");
            if (rule == null || !spec.datasets().contains(p[0]) || (byScore && !scores.contains(score))
                    || (fraction < 1 && spec.fractions().stream().noneMatch(f -> Math.abs(f - fraction) < 1e-9))) {
                continue;
            }
            rows.add(new SweepRow(p[0], size, Long.parseLong(p[4]), epochs, warmup, rule, byScore ? score : "",
                    fraction, Integer.parseInt(p[9]), Double.parseDouble(p[5]), Double.NaN, Double.NaN));
        }
        return rows;
    }
}
