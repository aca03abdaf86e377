package org.dataprune4j.benchmarks.budget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Test accuracy after every epoch of the budget benchmark's runs, as a table and a chart: the mean over the seeds a
 * method has at a budget, against the examples trained so far (as a share of full data for the benchmark's epochs),
 * so that runs of different lengths and budgets share one axis.
 */
final class EpochCurves {
    private EpochCurves() {
    }

    /** One line per method and budget: the mean accuracy (%) after each epoch, and the seeds it averages. */
    static String table(List<BudgetRun> ds) {
        StringBuilder md = new StringBuilder("| method | budget | seeds | test accuracy % after epoch 1, 2, ... (mean)"
                + " |\n|---|---|---|---|\n");
        for (Map.Entry<String, List<BudgetRun>> e : groups(ds).entrySet()) {
            List<BudgetRun> rs = e.getValue();
            StringBuilder row = new StringBuilder();
            for (double a : meanCurve(rs)) {
                row.append(row.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", 100 * a));
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", rs.get(0).method(),
                    rs.get(0).budget() >= 1 ? "1 (full)" : rs.get(0).budget() == 0 ? "its own"
                            : String.format(Locale.ROOT, "%.1f", rs.get(0).budget()),
                    String.join(", ", rs.stream().map(r -> Long.toString(r.seed())).toList()), row));
        }
        return md.toString();
    }

    /** The chart: mean accuracy after each epoch against the mean share of examples trained by then. */
    static XYChart chart(List<BudgetRun> ds, String dataset, int epochs) {
        long n = ds.get(0).examples().get(0);
        XYChart chart = new XYChartBuilder().width(900).height(520)
                .title(dataset + ": test accuracy after every epoch (mean of seeds)")
                .xAxisTitle("examples trained so far / full data for " + epochs + " epochs")
                .yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisDecimalPattern("0.00");
        for (Map.Entry<String, List<BudgetRun>> e : groups(ds).entrySet()) {
            List<BudgetRun> rs = e.getValue();
            double[] y = meanCurve(rs);
            double[] x = new double[y.length];
            for (BudgetRun r : rs) {
                long sum = 0;
                for (int k = 0; k < x.length; k++) {
                    sum += r.examples().get(k);
                    x[k] += sum / (double) (n * epochs) / rs.size();
                }
            }
            for (int k = 0; k < y.length; k++) {
                y[k] *= 100;
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static Map<String, List<BudgetRun>> groups(List<BudgetRun> ds) {
        Map<String, List<BudgetRun>> groups = new LinkedHashMap<>();
        for (BudgetRun r : ds) {
            String key = r.method() + (r.budget() >= 1 || r.budget() == 0 ? ""
                    : String.format(Locale.ROOT, " %.1f", r.budget()));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** The mean accuracy after each epoch, over the epochs every run of the group has. */
    private static double[] meanCurve(List<BudgetRun> rs) {
        int len = rs.stream().mapToInt(r -> r.accuracies().size()).min().orElse(0);
        double[] mean = new double[len];
        for (BudgetRun r : rs) {
            for (int k = 0; k < len; k++) {
                mean[k] += r.accuracies().get(k) / rs.size();
            }
        }
        return mean;
    }
}
