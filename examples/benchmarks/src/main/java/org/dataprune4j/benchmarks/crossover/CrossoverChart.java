package org.dataprune4j.benchmarks.crossover;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The Sorscher-style chart of one panel: accuracy gain over random (pp) of keep-hardest and keep-easiest against
 * the training-set size on a log axis, for one data set and kept fraction, one line per rule and score.
 */
public final class CrossoverChart {
    private CrossoverChart() {
    }

    /** The series name of a rule ranked by a score, e.g. {@code hardest (el2n)}. */
    public static String seriesName(String rule, String score) {
        return rule + " (" + score + ")";
    }

    /** One panel: the gains of {@link CrossoverTable#gain} for every size with a value, and a zero line. */
    public static XYChart panel(CrossoverTable table, String dataset, double fraction, List<String> scores) {
        XYChart chart = new XYChartBuilder().width(820).height(420)
                .title(String.format(Locale.ROOT, "%s, %.0f%% kept: gain over random", dataset, 100 * fraction))
                .xAxisTitle("training-set size (log)").yAxisTitle("test accuracy - random (pp)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisDecimalPattern("#,###");
        List<Integer> sizes = table.sizes(dataset);
        for (String score : scores) {
            for (String rule : List.of("hardest", "easiest")) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int size : sizes) {
                    Optional<CrossoverTable.Gain> g = table.gain(dataset, size, fraction, score, rule);
                    if (g.isPresent()) {
                        xs.add((double) size);
                        ys.add(g.get().meanPp());
                    }
                }
                if (!xs.isEmpty()) {
                    XYSeries s = chart.addSeries(seriesName(rule, score), xs, ys);
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setLineColor(rule.equals("hardest") ? new Color(0xC0392B) : new Color(0x2471A3));
                    s.setMarkerColor(s.getLineColor());
                    if (!score.equals(scores.get(0))) {
                        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                                new float[] {6f, 4f}, 0f));
                    }
                }
            }
        }
        if (!sizes.isEmpty()) {
            XYSeries zero = chart.addSeries("random", new double[] {sizes.get(0), sizes.get(sizes.size() - 1)},
                    new double[] {0, 0});
            zero.setMarker(SeriesMarkers.NONE);
            zero.setLineColor(Color.BLACK);
        }
        return chart;
    }
}
