package org.dataprune4j.benchmarks.budget;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dataprune4j.charts.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The budget benchmark's tables and charts from its runs: per data set and budget, every method's mean accuracy
 * with the per-seed values, its gap to full data with a fitted schedule, to full data for fewer epochs and to RS2 at
 * the same budget, the examples ratio and the wall-time ratio (both against the fitted full run of the same seed, in
 * the same process), and the time to 99.5% and 100% of the fitted full run's final accuracy.
 */
public final class BudgetReport {
    static final String FULL = "full data";
    static final String FEWER = "full data for fewer epochs";
    static final String RS2 = "RS2";

    private BudgetReport() {
    }

    /** Writes report.md (with every run's per-epoch accuracy) and the three charts per data set into {@code out}. */
    public static void write(List<BudgetRun> runs, int epochs, Path out) throws IOException {
        StringBuilder md = new StringBuilder();
        for (String dataset : runs.stream().map(BudgetRun::dataset).distinct().toList()) {
            List<BudgetRun> ds = runs.stream().filter(r -> r.dataset().equals(dataset)).toList();
            md.append(table(ds, dataset, epochs)).append('\n');
            md.append("Test accuracy after every epoch (").append(dataset).append(")\n\n")
                    .append(EpochCurves.table(ds)).append('\n');
            Charts.save(frontier(ds, dataset, epochs, false), out.resolve("frontier-examples-" + dataset + ".png"));
            Charts.save(frontier(ds, dataset, epochs, true), out.resolve("frontier-time-" + dataset + ".png"));
            Charts.save(EpochCurves.chart(ds, dataset, epochs), out.resolve("epochs-" + dataset + ".png"));
        }
        Files.writeString(out.resolve("report.md"), md.toString());
    }

    /** The markdown table of one data set. */
    static String table(List<BudgetRun> ds, String dataset, int epochs) {
        long n = ds.get(0).examples().get(0);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "### %s (%,d training examples, %d epochs;"
                + " seeds %s)%n%n", dataset, n, epochs, ds.stream().map(r -> Long.toString(r.seed())).distinct()
                .collect(Collectors.joining(", "))));
        md.append("| budget | method | test accuracy % (mean; per seed) | balanced % (Δ vs full, pp) | worst class %"
                + " (Δ vs full, pp) | Δ vs full data, fitted (pp) | Δ vs fewer epochs (pp) | Δ vs RS2 (pp) | examples"
                + " ratio | wall-time ratio (median) | to 99.5% of full: examples, time | to 100%: examples, time |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (double budget : new TreeSet<>(ds.stream().map(BudgetRun::budget).toList()).descendingSet()) {
            for (String method : ds.stream().filter(r -> r.budget() == budget).map(BudgetRun::method).distinct()
                    .toList()) {
                List<BudgetRun> rs = ds.stream().filter(r -> r.budget() == budget && r.method().equals(method))
                        .toList();
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f (%s) | %s | %s | %s | %s | %s | %.3f | %s | %s | %s |%n",
                        budget == 0 ? "its own" : budget == 1 ? "1 (full)" : budget, method, 100 * mean(rs),
                        rs.stream().map(r -> String.format(Locale.ROOT, "%.2f", 100 * r.finalAccuracy()))
                                .collect(Collectors.joining(", ")),
                        perClass(rs, of(ds, FULL, 1.0), BudgetRun::balancedAccuracy),
                        perClass(rs, of(ds, FULL, 1.0), BudgetRun::worstClassAccuracy),
                        delta(rs, of(ds, FULL, 1.0)), budget == 1 || budget == 0 ? "-" : delta(rs, of(ds, FEWER,
                                budget)), budget == 1 || budget == 0 ? "-" : delta(rs, of(ds, RS2, budget)),
                        rs.stream().mapToDouble(r -> r.examplesTrained() / (double) (n * epochs)).average()
                                .orElse(Double.NaN), wallRatio(rs, of(ds, FULL, 1.0)),
                        timeTo(rs, of(ds, FULL, 1.0), 0.995, n * epochs), timeTo(rs, of(ds, FULL, 1.0), 1.0,
                                n * epochs)));
            }
        }
        return md.toString();
    }

    /** The mean of a per-class figure over the seeds that recorded it, and its mean gap to full data's; "-" if none. */
    static String perClass(List<BudgetRun> rs, List<BudgetRun> full, java.util.function.ToDoubleFunction<BudgetRun> f) {
        List<BudgetRun> recorded = rs.stream().filter(r -> !Double.isNaN(f.applyAsDouble(r))).toList();
        if (recorded.isEmpty()) {
            return "-";
        }
        double mean = recorded.stream().mapToDouble(f).average().orElseThrow();
        List<Double> d = new ArrayList<>();
        for (BudgetRun r : recorded) {
            match(full, r.seed()).filter(ref -> !Double.isNaN(f.applyAsDouble(ref)))
                    .ifPresent(ref -> d.add(100 * (f.applyAsDouble(r) - f.applyAsDouble(ref))));
        }
        return String.format(Locale.ROOT, "%.2f (%s)", 100 * mean, d.isEmpty() ? "-"
                : String.format(Locale.ROOT, "%+.2f", d.stream().mapToDouble(x -> x).average().orElseThrow()));
    }

    private static List<BudgetRun> of(List<BudgetRun> ds, String method, double budget) {
        return ds.stream().filter(r -> r.method().equals(method) && r.budget() == budget).toList();
    }

    static double mean(List<BudgetRun> rs) {
        return rs.stream().mapToDouble(BudgetRun::finalAccuracy).average().orElse(Double.NaN);
    }

    /** Mean difference in pp over the seeds both have; "-" if none. */
    private static String delta(List<BudgetRun> rs, List<BudgetRun> reference) {
        List<Double> d = new ArrayList<>();
        for (BudgetRun r : rs) {
            match(reference, r.seed()).ifPresent(ref -> d.add(100 * (r.finalAccuracy() - ref.finalAccuracy())));
        }
        return d.isEmpty() ? "-" : String.format(Locale.ROOT, "%+.2f", d.stream().mapToDouble(x -> x).average()
                .orElseThrow());
    }

    private static Optional<BudgetRun> match(List<BudgetRun> reference, long seed) {
        return reference.stream().filter(x -> x.seed() == seed).findFirst();
    }

    private static String wallRatio(List<BudgetRun> rs, List<BudgetRun> full) {
        List<Double> ratios = new ArrayList<>();
        for (BudgetRun r : rs) {
            match(full, r.seed()).ifPresent(f -> ratios.add(r.trainingSeconds() / f.trainingSeconds()));
        }
        if (ratios.isEmpty()) {
            return "-";
        }
        ratios.sort(Double::compare);
        return String.format(Locale.ROOT, "%.3f", ratios.get(ratios.size() / 2));
    }

    /**
     * The examples ratio and wall-time ratio at the first epoch whose accuracy reaches {@code share} of the seed's
     * fitted full run's final accuracy, as means over the seeds that reach it ("k/n reached" when some do not).
     */
    static String timeTo(List<BudgetRun> rs, List<BudgetRun> full, double share, long fullExamples) {
        List<double[]> reached = new ArrayList<>();
        int compared = 0;
        for (BudgetRun r : rs) {
            Optional<BudgetRun> f = match(full, r.seed());
            if (f.isEmpty()) {
                continue;
            }
            compared++;
            double target = share * f.get().finalAccuracy();
            long examples = 0;
            double seconds = 0;
            for (int e = 0; e < r.accuracies().size(); e++) {
                examples += r.examples().get(e);
                seconds += r.seconds().get(e);
                if (r.accuracies().get(e) >= target - 1e-12) {
                    reached.add(new double[] {examples / (double) fullExamples, seconds / f.get().trainingSeconds()});
                    break;
                }
            }
        }
        if (compared == 0) {
            return "-";
        }
        if (reached.isEmpty()) {
            return "not reached (0/" + compared + ")";
        }
        OptionalDouble ex = reached.stream().mapToDouble(x -> x[0]).average();
        OptionalDouble t = reached.stream().mapToDouble(x -> x[1]).average();
        return String.format(Locale.ROOT, "%.2f, %.2f%s", ex.orElseThrow(), t.orElseThrow(),
                reached.size() < compared ? " (" + reached.size() + "/" + compared + " reached)" : "");
    }

    /** A planner variant other than the default measured at a single budget. */
    static boolean isVariantAtOneBudget(List<BudgetRun> ds, String method) {
        return method.startsWith("budget planner (") && !method.equals("budget planner (default)")
                && ds.stream().filter(r -> r.method().equals(method)).map(BudgetRun::budget).distinct().count() == 1;
    }

    /** Mean final accuracy against the examples ratio (or the wall-time ratio): one line per method over the budgets. */
    static XYChart frontier(List<BudgetRun> ds, String dataset, int epochs, boolean wallTime) {
        long n = ds.get(0).examples().get(0);
        XYChart chart = new XYChartBuilder().width(900).height(520)
                .title(dataset + ": test accuracy against " + (wallTime ? "wall time" : "examples trained")
                        + " (mean of seeds)")
                .xAxisTitle(wallTime ? "wall time / full data (fitted schedule), same seed and process"
                        : "examples trained / full data for " + epochs + " epochs")
                .yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisDecimalPattern("0.00");
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (String method : ds.stream().map(BudgetRun::method).distinct().toList()) {
            if (isVariantAtOneBudget(ds, method)) {
                continue; // planner variants tried at one budget are in the table; the chart keeps the methods' lines
            }
            for (double budget : new TreeSet<>(ds.stream().map(BudgetRun::budget).toList())) {
                List<BudgetRun> rs = of(ds, method, budget);
                if (rs.isEmpty()) {
                    continue;
                }
                double x = wallTime ? median(rs, of(ds, FULL, 1.0))
                        : rs.stream().mapToDouble(r -> r.examplesTrained() / (double) (n * epochs)).average()
                                .orElse(Double.NaN);
                lines.computeIfAbsent(method, k -> new ArrayList<>()).add(new double[] {x, 100 * mean(rs)});
            }
        }
        Color[] palette = {new Color(0xAAAAAA), Color.BLACK, new Color(0x7F7F7F), new Color(0x2E86C1),
                new Color(0xC0392B), new Color(0xE67E22), new Color(0x27AE60), new Color(0x8E44AD),
                new Color(0x17BECF), new Color(0xBCBD22), new Color(0xE377C2), new Color(0x8C564B)};
        // the axis starts 3 pp below full data with the fitted schedule; a point further down is named, not drawn
        double fullMean = 100 * mean(of(ds, FULL, 1.0));
        double floor = Double.isNaN(fullMean) ? Double.NEGATIVE_INFINITY : fullMean - 3; // no full run yet: all
        if (Double.isFinite(floor)) {
            chart.getStyler().setYAxisMin(floor);
        }
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : lines.entrySet()) {
            List<double[]> pts = e.getValue().stream().filter(p -> !Double.isNaN(p[0]))
                    .sorted((p, q) -> Double.compare(p[0], q[0])).toList();
            List<double[]> shown = pts.stream().filter(p -> p[1] >= floor).toList();
            if (shown.isEmpty()) {
                continue;
            }
            String below = pts.stream().filter(p -> p[1] < floor).map(p -> String.format(Locale.ROOT, "%.1f%% at %.2f",
                    p[1], p[0])).collect(Collectors.joining(", "));
            XYSeries s = chart.addSeries(e.getKey() + (below.isEmpty() ? "" : " (off the axis: " + below + ")"),
                    shown.stream().mapToDouble(p -> p[0]).toArray(), shown.stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(palette[i % palette.length]);
            s.setMarkerColor(palette[i % palette.length]);
            i++;
        }
        return chart;
    }

    private static double median(List<BudgetRun> rs, List<BudgetRun> full) {
        List<Double> ratios = new ArrayList<>();
        for (BudgetRun r : rs) {
            match(full, r.seed()).ifPresent(f -> ratios.add(r.trainingSeconds() / f.trainingSeconds()));
        }
        if (ratios.isEmpty()) {
            return Double.NaN;
        }
        ratios.sort(Double::compare);
        return ratios.get(ratios.size() / 2);
    }
}
