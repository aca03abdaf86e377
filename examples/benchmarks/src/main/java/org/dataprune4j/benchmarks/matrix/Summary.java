package org.dataprune4j.benchmarks.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.dataprune4j.score.ScoreKind;

/**
 * The matrix's results aggregated over seeds: one row per (dataset, score, rule, kept), as the Markdown table,
 * the HTML report and the charts show them.
 */
public final class Summary {
    private Summary() {
    }

    /**
     * One aggregated row.
     *
     * @param dataset data set
     * @param score score ranked by, or null for rules that ignore it (full data, random)
     * @param rule rule
     * @param kept fraction kept
     * @param seeds runs aggregated
     * @param meanAccuracy mean test accuracy
     * @param stdAccuracy standard deviation of test accuracy over seeds (0 for one seed)
     * @param deltaVsFull mean of (accuracy - full-data accuracy of the same seed)
     * @param meanSeconds mean wall time of fit
     * @param meanTuningSeconds mean tuning time
     * @param examplesProcessed mean examples processed
     * @param timeSavedVsFull mean of 1 - (seconds + tuning) / full-data seconds of the same seed
     */
    public record Row(String dataset, ScoreKind score, RuleKind rule, double kept, int seeds, double meanAccuracy,
                      double stdAccuracy, double deltaVsFull, double meanSeconds, double meanTuningSeconds,
                      double examplesProcessed, double timeSavedVsFull) {
    }

    private static boolean matches(CellResult r, String dataset, ScoreKind score, RuleKind rule, double kept) {
        return r.cell().dataset().equals(dataset) && r.cell().rule() == rule && Math.abs(r.cell().kept() - kept) < 1e-9
                && (score == null || r.cell().score() == score);
    }

    /** Mean test accuracy of matching runs; empty if none. A null score matches any. */
    public static OptionalDouble meanAccuracy(List<CellResult> results, String dataset, ScoreKind score, RuleKind rule,
                                              double kept) {
        return results.stream().filter(r -> matches(r, dataset, score, rule, kept))
                .mapToDouble(CellResult::testAccuracy).average();
    }

    private static Optional<CellResult> full(List<CellResult> results, String dataset, long seed) {
        return results.stream().filter(r -> r.cell().dataset().equals(dataset) && r.cell().seed() == seed
                && r.cell().rule() == RuleKind.FULL_DATA).findFirst();
    }

    /** Every aggregated row, in the spec's order. */
    public static List<Row> rows(MatrixSpec spec, List<CellResult> results) {
        Map<String, List<CellResult>> groups = new LinkedHashMap<>();
        Map<String, Row> keys = new LinkedHashMap<>();
        for (CellResult r : results) {
            Cell c = r.cell();
            boolean scoreFree = c.rule() == RuleKind.FULL_DATA || c.rule() == RuleKind.RANDOM;
            String key = c.dataset() + "|" + (scoreFree ? "-" : c.score().name()) + "|" + c.rule() + "|" + c.kept();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            keys.putIfAbsent(key, new Row(c.dataset(), scoreFree ? null : c.score(), c.rule(), c.kept(), 0, 0, 0, 0, 0,
                    0, 0, 0));
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<CellResult>> e : groups.entrySet()) {
            List<CellResult> runs = e.getValue();
            Row k = keys.get(e.getKey());
            double[] acc = runs.stream().mapToDouble(CellResult::testAccuracy).toArray();
            double mean = java.util.Arrays.stream(acc).average().orElse(Double.NaN);
            double var = java.util.Arrays.stream(acc).map(a -> (a - mean) * (a - mean)).sum()
                    / Math.max(1, acc.length - 1);
            List<Double> delta = new ArrayList<>();
            List<Double> saved = new ArrayList<>();
            for (CellResult r : runs) {
                full(results, r.cell().dataset(), r.cell().seed()).ifPresent(f -> {
                    delta.add(r.testAccuracy() - f.testAccuracy());
                    saved.add(1 - (r.seconds() + r.tuningSeconds()) / f.seconds());
                });
            }
            rows.add(new Row(k.dataset(), k.score(), k.rule(), k.kept(), runs.size(), mean, Math.sqrt(var),
                    average(delta), runs.stream().mapToDouble(CellResult::seconds).average().orElse(Double.NaN),
                    runs.stream().mapToDouble(CellResult::tuningSeconds).average().orElse(Double.NaN),
                    runs.stream().mapToLong(CellResult::examplesProcessed).average().orElse(Double.NaN),
                    average(saved)));
        }
        rows.sort(java.util.Comparator.comparing((Row r) -> spec.datasets().indexOf(r.dataset()))
                .thenComparing(r -> r.rule() == RuleKind.FULL_DATA ? -1 : r.score() == null ? 0
                        : 1 + spec.scores().indexOf(r.score()))
                .thenComparingDouble(Row::kept).thenComparing(Row::rule));
        return rows;
    }

    private static double average(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The Markdown table of every row. */
    public static String markdown(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("| dataset | score | rule | kept | test accuracy % (mean ± sd, seeds) | Δ vs full, pp | fit s"
                + " | tuning s | examples processed | time saved vs full (scoring + tuning counted) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f%% | %.2f ± %.2f (%d) | %s | %.1f | %.1f | %,.0f"
                            + " | %s |%n", r.dataset(), r.score() == null ? "-" : r.score().columnName(),
                    r.rule().label(), 100 * r.kept(), 100 * r.meanAccuracy(), 100 * r.stdAccuracy(), r.seeds(),
                    r.rule() == RuleKind.FULL_DATA ? "-" : String.format(Locale.ROOT, "%+.2f", 100 * r.deltaVsFull()),
                    r.meanSeconds(), r.meanTuningSeconds(), r.examplesProcessed(),
                    r.rule() == RuleKind.FULL_DATA ? "-" : String.format(Locale.ROOT, "%+.1f%%",
                            100 * r.timeSavedVsFull())));
        }
        return md.toString();
    }
}
