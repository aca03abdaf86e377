package org.dataprune4j.benchmarks.dynamics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The report of {@link DynamicsBenchmark}: rank correlations and costs of the extrapolations, and pruning quality. */
final class DynamicsReport {
    static final String SPEARMAN_HEADER = "dataset,seed,fraction,extrapolator,score,spearman,subsetSeconds,"
            + "embedSeconds,extrapolateSeconds,subsetExamples,fullSeconds,fullExamples";
    static final String RUNS_HEADER = "dataset,seed,method,kept,accuracies,examples,fullDataExamples,trainingSeconds,"
            + "scoringSeconds";

    private DynamicsReport() {
    }

    /** Splits a CSV line on commas outside double quotes, dropping the quotes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static List<List<String>> rows(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return List.of();
        }
        return Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).map(DynamicsReport::fields)
                .toList();
    }

    private static String perSeed(List<Double> values, double scale, String fmt) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, fmt, scale * mean) + " (" + values.stream()
                .map(v -> String.format(Locale.ROOT, fmt, scale * v)).collect(Collectors.joining(", ")) + ")";
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static void write(Path out, String dataset) throws IOException {
        StringBuilder md = new StringBuilder("# Training-dynamics scores, " + dataset + "\n\n");
        md.append("## Rank correlation of the extrapolated score with the fully computed one (examples not scored)\n\n");
        md.append("| score | subset | extrapolation | Spearman (mean; per seed) | subset run + embedding + prediction"
                + " (s) | full scoring run (s) | examples trained: subset run / full run |\n|---|---|---|---|---|---|---|\n");
        Map<String, List<List<String>>> groups = new LinkedHashMap<>();
        for (List<String> r : rows(out.resolve("spearman.csv"))) {
            groups.computeIfAbsent(r.get(4) + "|" + r.get(2) + "|" + r.get(3), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<List<String>>> g : new TreeMap<>(groups).entrySet()) {
            String[] k = g.getKey().split("\\|");
            List<List<String>> rs = g.getValue();
            List<Double> rank = rs.stream().map(r -> Double.parseDouble(r.get(5))).toList();
            double subset = mean(rs.stream().map(r -> Double.parseDouble(r.get(6))).toList());
            double embed = mean(rs.stream().map(r -> Double.parseDouble(r.get(7))).toList());
            double pred = mean(rs.stream().map(r -> Double.parseDouble(r.get(8))).toList());
            double fullSeconds = mean(rs.stream().map(r -> Double.parseDouble(r.get(10))).toList());
            md.append(String.format(Locale.ROOT, "| %s | %.0f%% | %s | %s | %.1f + %.1f + %.1f = %.1f | %.1f | %s / %s |%n",
                    k[0], 100 * Double.parseDouble(k[1]), k[2], perSeed(rank, 1, "%.3f"), subset, embed, pred,
                    subset + embed + pred, fullSeconds, rs.get(0).get(9), rs.get(0).get(11)));
        }
        md.append("\n## Pruning from the first epoch (cosine fitted to each run; examples ratio counts the scoring run)\n\n");
        Map<String, Map<String, List<List<String>>>> byKept = new TreeMap<>();
        List<List<String>> runs = rows(out.resolve("runs.csv"));
        for (List<String> r : runs) {
            byKept.computeIfAbsent(r.get(3), k -> new LinkedHashMap<>()).computeIfAbsent(r.get(2),
                    k -> new ArrayList<>()).add(r);
        }
        Map<String, List<List<String>>> fullRuns = byKept.getOrDefault("1.0", Map.of());
        double fullAcc = mean(fullRuns.getOrDefault("full data", List.of()).stream().map(DynamicsReport::last)
                .toList());
        double fullSeconds = mean(fullRuns.getOrDefault("full data", List.of()).stream()
                .map(r -> Double.parseDouble(r.get(7))).toList());
        for (Map.Entry<String, Map<String, List<List<String>>>> kept : byKept.entrySet()) {
            md.append("### kept " + kept.getKey() + "\n\n| method | test accuracy % (mean; per seed) | Δ vs full data"
                    + " (pp) | Δ vs fewer epochs (pp) | Δ vs RS2 (pp) | examples ratio | time ratio (training +"
                    + " scoring run) |\n|---|---|---|---|---|---|---|\n");
            double fewer = mean(kept.getValue().getOrDefault("full data for fewer epochs", List.of()).stream()
                    .map(DynamicsReport::last).toList());
            double rs2 = mean(kept.getValue().getOrDefault("RS2", List.of()).stream().map(DynamicsReport::last)
                    .toList());
            for (Map.Entry<String, List<List<String>>> m : kept.getValue().entrySet()) {
                List<Double> acc = m.getValue().stream().map(DynamicsReport::last).toList();
                double a = mean(acc);
                double ratio = mean(m.getValue().stream().map(r -> Double.parseDouble(r.get(5))
                        / Double.parseDouble(r.get(6))).toList());
                double time = mean(m.getValue().stream().map(r -> Double.parseDouble(r.get(7))
                        + Double.parseDouble(r.get(8))).toList());
                md.append(String.format(Locale.ROOT, "| %s | %s | %+.2f | %+.2f | %+.2f | %.3f | %.3f |%n", m.getKey(),
                        perSeed(acc, 100, "%.2f"), 100 * (a - fullAcc), 100 * (a - fewer), 100 * (a - rs2), ratio,
                        time / fullSeconds));
            }
            md.append('\n');
        }
        Files.writeString(out.resolve("report.md"), md);
    }

    private static double last(List<String> r) {
        String[] acc = r.get(4).split(";");
        return Double.parseDouble(acc[acc.length - 1]);
    }
}
