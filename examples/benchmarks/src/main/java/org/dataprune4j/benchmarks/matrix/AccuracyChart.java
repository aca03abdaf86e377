package org.dataprune4j.benchmarks.matrix;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.dataprune4j.score.ScoreKind;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The matrix's accuracy chart: test accuracy against the fraction kept, one line per rule. */
public final class AccuracyChart {
    private AccuracyChart() {
    }

    /**
     * Test accuracy against the fraction kept, one line per rule (mean over seeds), with full-data accuracy as a
     * horizontal line.
     */
    public static XYChart accuracyVsKept(List<CellResult> results, String dataset, ScoreKind score,
                                         List<RuleKind> rules, List<Double> kept) {
        XYChart chart = new XYChartBuilder().width(720).height(480)
                .title(dataset + ": test accuracy vs fraction kept, ranked by " + score.columnName())
                .xAxisTitle("fraction kept (%)").yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setDecimalPattern("0.0");
        double[] x = kept.stream().mapToDouble(f -> 100 * f).toArray();
        for (RuleKind rule : rules) {
            if (rule == RuleKind.FULL_DATA) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (double f : kept) {
                OptionalDouble mean = Summary.meanAccuracy(results, dataset, rule == RuleKind.RANDOM ? null : score,
                        rule, f);
                if (mean.isPresent()) {
                    xs.add(100 * f);
                    ys.add(100 * mean.getAsDouble());
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(rule.label(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        OptionalDouble full = Summary.meanAccuracy(results, dataset, null, RuleKind.FULL_DATA, 1.0);
        if (full.isPresent() && x.length > 0) {
            double[] y = new double[x.length];
            java.util.Arrays.fill(y, 100 * full.getAsDouble());
            XYSeries line = chart.addSeries(RuleKind.FULL_DATA.label(), x, y);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.BLACK);
        }
        return chart;
    }
}
