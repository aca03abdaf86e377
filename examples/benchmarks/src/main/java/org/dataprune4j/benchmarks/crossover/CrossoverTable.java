package org.dataprune4j.benchmarks.crossover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The sweep's table: for each data set, size, kept fraction and score, the accuracy gain over random of keep-hardest
 * and of keep-easiest, in percentage points, as the mean over seeds of the paired difference (same seed, same
 * subset, same warm-up). The chart draws exactly these numbers.
 */
public final class CrossoverTable {
    /** One cell: a data set, size, fraction, score and rule against random. */
    public record Gain(String dataset, int size, double fraction, String score, String rule, double meanPp,
                       double sdPp, int seeds) {
    }

    private final List<SweepRow> rows;

    /** A table over these runs. */
    public CrossoverTable(List<SweepRow> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The runs behind the table. */
    public List<SweepRow> rows() {
        return rows;
    }

    /** Sizes present for a data set, ascending. */
    public List<Integer> sizes(String dataset) {
        TreeSet<Integer> s = new TreeSet<>();
        rows.stream().filter(r -> r.dataset().equals(dataset)).forEach(r -> s.add(r.size()));
        return new ArrayList<>(s);
    }

    /** Data sets present, in order of first appearance. */
    public List<String> datasets() {
        return rows.stream().map(SweepRow::dataset).distinct().toList();
    }

    /**
     * The gain of {@code rule} ranked by {@code score} over random at one cell, or empty when the cell or its random
     * partner has no run.
     */
    public Optional<Gain> gain(String dataset, int size, double fraction, String score, String rule) {
        List<Double> diffs = new ArrayList<>();
        for (SweepRow r : rows) {
            if (r.dataset().equals(dataset) && r.size() == size && same(r.fraction(), fraction)
                    && r.score().equals(score) && r.rule().equals(rule)) {
                find(dataset, size, r.seed(), "random", "", fraction)
                        .ifPresent(random -> diffs.add(100 * (r.testAccuracy() - random.testAccuracy())));
            }
        }
        if (diffs.isEmpty()) {
            return Optional.empty();
        }
        double mean = diffs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double ss = diffs.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
        double sd = diffs.size() > 1 ? Math.sqrt(ss / (diffs.size() - 1)) : 0;
        return Optional.of(new Gain(dataset, size, fraction, score, rule, mean, sd, diffs.size()));
    }

    /** Mean test accuracy (%) of a rule at one cell over its seeds, or empty. */
    public Optional<Double> meanAccuracy(String dataset, int size, String rule, String score, double fraction) {
        return Optional.of(rows.stream().filter(r -> r.dataset().equals(dataset) && r.size() == size
                        && r.rule().equals(rule) && r.score().equals(score) && same(r.fraction(), fraction))
                .mapToDouble(r -> 100 * r.testAccuracy()).summaryStatistics())
                .filter(s -> s.getCount() > 0).map(s -> s.getAverage());
    }

    private Optional<SweepRow> find(String dataset, int size, long seed, String rule, String score, double fraction) {
        return rows.stream().filter(r -> r.dataset().equals(dataset) && r.size() == size && r.seed() == seed
                && r.rule().equals(rule) && r.score().equals(score) && same(r.fraction(), fraction)).findFirst();
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) < 1e-9;
    }

    /**
     * The markdown table of one data set and score: per size, epochs (warm-up), full-data accuracy, and per fraction
     * random's accuracy with the gains of keep-hardest and keep-easiest over it (pp, mean over seeds).
     */
    public String markdown(String dataset, String score, List<Double> fractions) {
        StringBuilder s = new StringBuilder("| size | seeds | epochs (warm-up) | full % |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|");
        for (double f : fractions) {
            s.append(String.format(Locale.ROOT, " random %.0f%% | hardest - random | easiest - random |", 100 * f));
            rule.append("---|---|---|");
        }
        s.append('\n').append(rule).append('\n');
        for (int size : sizes(dataset)) {
            SweepRow any = rows.stream().filter(r -> r.dataset().equals(dataset) && r.size() == size).findFirst()
                    .orElseThrow();
            long seeds = rows.stream().filter(r -> r.dataset().equals(dataset) && r.size() == size
                    && r.rule().equals("full")).count();
            s.append(String.format(Locale.ROOT, "| %,d | %d | %d (%d) | %s |", size, seeds, any.epochs(),
                    any.warmupEpochs(), fmt(meanAccuracy(dataset, size, "full", "", 1.0))));
            for (double f : fractions) {
                s.append(' ').append(fmt(meanAccuracy(dataset, size, "random", "", f))).append(" |");
                for (String r : List.of("hardest", "easiest")) {
                    Optional<Gain> g = gain(dataset, size, f, score, r);
                    s.append(g.map(x -> String.format(Locale.ROOT, " %+.2f ± %.2f |", x.meanPp(), x.sdPp()))
                            .orElse(" - |"));
                }
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** Every gain of the table, for the chart and the record. */
    public Map<String, Gain> allGains(List<Double> fractions, List<String> scores) {
        Map<String, Gain> all = new LinkedHashMap<>();
        for (String d : datasets()) {
            for (double f : fractions) {
                for (String score : scores) {
                    for (String r : List.of("hardest", "easiest")) {
                        for (int size : sizes(d)) {
                            gain(d, size, f, score, r).ifPresent(g -> all.put(
                                    d + "/" + f + "/" + score + "/" + r + "/" + size, g));
                        }
                    }
                }
            }
        }
        return all;
    }

    private static String fmt(Optional<Double> v) {
        return v.map(x -> String.format(Locale.ROOT, "%.2f", x)).orElse("-");
    }
}
