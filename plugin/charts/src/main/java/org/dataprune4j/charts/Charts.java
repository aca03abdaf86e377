package org.dataprune4j.charts;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.dataprune4j.ScoreHistogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a pruning run and of the benchmarks, built with XChart. Each method returns the chart (so tests can
 * read its series) and {@link #save} writes it as PNG. {@link RunReport} puts a run's charts on a page.
 */
public final class Charts {
    private static final Color KEPT = new Color(0x2E7D32);
    private static final Color PRUNED = new Color(0xB0BEC5);

    private Charts() {
    }

    /** Counts of {@code scores} in {@code bins} equal-width bins, split into kept and pruned. */
    public record Histogram(double[] binCentres, int[] keptCounts, int[] prunedCounts) {
    }

    /** Bins scores into kept and pruned counts, as {@link ScoreHistogram#of} does (non-finite scores in no bin). */
    public static Histogram histogram(double[] scores, boolean[] kept, int bins) {
        ScoreHistogram h = ScoreHistogram.of(scores, kept, bins);
        double[] centres = new double[bins];
        for (int b = 0; b < bins; b++) {
            centres[b] = h.binCentre(b);
        }
        return new Histogram(centres, h.kept(), h.pruned());
    }

    /** The score histogram with the kept examples' bars in green (shaded) and the pruned ones in grey, stacked. */
    public static CategoryChart scoreHistogram(Histogram h, String title, String scoreName) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(420).title(title)
                .xAxisTitle(scoreName + " (bin centre)").yAxisTitle("examples").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setAvailableSpaceFill(1.0);
        List<String> labels = new ArrayList<>();
        for (double c : h.binCentres()) {
            labels.add(String.format(Locale.ROOT, "%.2f", c));
        }
        chart.addSeries("kept", labels, toList(h.keptCounts())).setFillColor(KEPT);
        chart.addSeries("pruned", labels, toList(h.prunedCounts())).setFillColor(PRUNED);
        thinLabels(chart, labels.size());
        cutTallestBar(chart, h, labels);
        return chart;
    }

    /**
     * One bar far taller than all others (EL2N's first bin holds most of a well-learnt data set) flattens the rest,
     * and the kept range with them: the axis is then cut at 1.5x the second tallest bar and the x-axis title says so
     * (the chart title has no room for it at 800 pixels).
     */
    static void cutTallestBar(CategoryChart chart, Histogram h, List<String> labels) {
        int tallest = -1;
        int first = 0;
        int second = 0;
        for (int b = 0; b < labels.size(); b++) {
            int n = h.keptCounts()[b] + h.prunedCounts()[b];
            if (n > first) {
                second = first;
                first = n;
                tallest = b;
            } else if (n > second) {
                second = n;
            }
        }
        if (tallest >= 0 && second > 0 && first > 3 * second) {
            double cut = 1.5 * second;
            chart.getStyler().setYAxisMax(cut);
            chart.setXAxisTitle(String.format(Locale.ROOT, "%s; y-axis cut at %,d: the bar at %s holds %,d",
                    chart.getXAxisTitle(), (long) cut, labels.get(tallest), first));
        }
    }

    private static void thinLabels(CategoryChart chart, int n) {
        if (n > 20) {
            chart.getStyler().setXAxisTickMarkSpacingHint(60);
        }
    }

    /** Kept and total examples per class, overlapped bars. */
    public static CategoryChart keptPerClass(int[] kept, int[] total, List<String> classNames, String title) {
        CategoryChart chart = new CategoryChartBuilder().width(720).height(420).title(title)
                .xAxisTitle("class").yAxisTitle("examples").build();
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < kept.length; c++) {
            names.add(c < classNames.size() ? classNames.get(c) : Integer.toString(c));
        }
        chart.addSeries("all examples", names, toList(total)).setFillColor(PRUNED);
        chart.addSeries("kept", names, toList(kept)).setFillColor(KEPT);
        return chart;
    }

    private static List<Integer> toList(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    /** Writes a chart as PNG. */
    public static void save(Chart<?, ?> chart, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the chart " + file, e);
        }
    }
}
