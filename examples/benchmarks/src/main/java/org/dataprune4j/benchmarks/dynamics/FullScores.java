package org.dataprune4j.benchmarks.dynamics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every example's fully computed scores of one seed (a run over all data), with the wall time each took: the ground
 * truth the extrapolations are compared with, kept in a CSV so that a stopped benchmark resumes.
 *
 * @param columns score name to one value per example
 * @param seconds score name to the wall time of the run that computed it
 * @param examplesTrained score name to the examples that run trained
 */
record FullScores(Map<String, double[]> columns, Map<String, Double> seconds, Map<String, Long> examplesTrained) {

    double[] column(String name) {
        double[] c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no full " + name + " scores; have " + columns.keySet());
        }
        return c;
    }

    void write(Path file) throws IOException {
        List<String> names = List.copyOf(columns.keySet());
        StringBuilder sb = new StringBuilder();
        sb.append("# ");
        for (String name : names) {
            sb.append(name).append('=').append(seconds.get(name)).append('/').append(examplesTrained.get(name))
                    .append(' ');
        }
        sb.append('\n').append(String.join(",", names)).append('\n');
        int n = columns.get(names.get(0)).length;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < names.size(); c++) {
                sb.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7g", columns.get(names.get(c))[i]));
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
    }

    static FullScores read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Long> trained = new LinkedHashMap<>();
        for (String cost : lines.get(0).substring(2).trim().split(" ")) {
            String[] kv = cost.split("=");
            String[] st = kv[1].split("/");
            seconds.put(kv[0], Double.valueOf(st[0]));
            trained.put(kv[0], Long.valueOf(st[1]));
        }
        String[] names = lines.get(1).split(",");
        List<double[]> values = new ArrayList<>();
        int n = lines.size() - 2;
        for (String ignored : names) {
            values.add(new double[n]);
        }
        for (int i = 0; i < n; i++) {
            String[] parts = lines.get(i + 2).split(",");
            for (int c = 0; c < names.length; c++) {
                values.get(c)[i] = Double.parseDouble(parts[c]);
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            columns.put(names[c], values.get(c));
        }
        return new FullScores(columns, seconds, trained);
    }
}
