package org.dataprune4j.benchmarks.noise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.dataprune4j.charts.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The noise study's files: {@code runs.csv} (one line per run), {@code curves.csv} (one line per run and epoch),
 * {@code noise-curves.md} (the table, every figure against full data of the same seed) and one chart of the mean
 * test-accuracy curves per data set and noise setting.
 */
public final class NoiseCurveReport {
    static final String RUNS = "runs.csv";
    static final String CURVES = "curves.csv";
    static final String CURVES_HEADER = "dataset,noise,seed,run,epoch,accuracy";

    private NoiseCurveReport() {
    }

    /** Appends one run to {@code runs.csv} and {@code curves.csv}, writing their headers first if new. */
    static void append(Path out, NoiseRunResult r) throws IOException {
        appendLine(out.resolve(RUNS), NoiseRunResult.CSV_HEADER, r.csvRow());
        appendLine(out.resolve(CURVES), CURVES_HEADER, r.curveRows());
    }

    private static void appendLine(Path file, String header, String text) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, header + "\n");
        }
        Files.writeString(file, text + "\n", StandardOpenOption.APPEND);
    }

    /** The runs recorded in {@code out} (none if there is no {@code runs.csv}). */
    static List<NoiseRunResult> read(Path out) throws IOException {
        Path runs = out.resolve(RUNS);
        if (!Files.exists(runs)) {
            return List.of();
        }
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        List<String> curveLines = Files.readAllLines(out.resolve(CURVES));
        for (String line : curveLines.subList(1, curveLines.size())) {
            String[] f = line.split(",");
            curves.computeIfAbsent(String.join(",", f[0], f[1], f[2], f[3]), k -> new ArrayList<>())
                    .add(Double.parseDouble(f[5]));
        }
        List<NoiseRunResult> results = new ArrayList<>();
        List<String> lines = Files.readAllLines(runs);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 17);
            String key = String.join(",", f[0], f[1], f[2], f[3]);
            List<Double> curve = curves.get(key);
            if (curve == null || curve.size() != Integer.parseInt(f[4])) {
                throw new IllegalStateException(out.resolve(CURVES) + " lacks the curve of " + key + " that "
                        + runs + " records; delete both files to run the study again");
            }
            results.add(new NoiseRunResult(f[0], f[1], Long.parseLong(f[2]), NoisyRun.valueOf(f[3]), curve,
                    new DroppedFlips(Integer.parseInt(f[8]), Integer.parseInt(f[9]), Integer.parseInt(f[10])),
                    f[16].replace("\"", ""), Double.parseDouble(f[13]), Long.parseLong(f[14]),
                    Long.parseLong(f[15])));
        }
        return results;
    }

    /** Writes the table and the charts of {@code results}. */
    static void write(Path out, NoiseCurveSpec spec, List<NoiseRunResult> results) {
        try {
            Files.writeString(out.resolve("noise-curves.md"), markdown(spec, results));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String[] group : groups(results)) {
            Charts.save(chart(results, group[0], group[1]), out.resolve(chartFile(group[0], group[1])));
        }
    }

    /** The chart file of a data set and noise setting. */
    static String chartFile(String dataset, String noise) {
        return "curve-" + dataset + "-" + noise + ".png";
    }

    private static List<String[]> groups(List<NoiseRunResult> results) {
        return results.stream().map(r -> r.dataset() + "\t" + r.noise()).distinct().map(s -> s.split("\t")).toList();
    }

    /** The mean test-accuracy curve (over seeds) of {@code run}, in percent; empty if it has no runs. */
    static Optional<double[]> meanCurve(List<NoiseRunResult> results, String dataset, String noise, NoisyRun run) {
        List<NoiseRunResult> rs = results.stream().filter(r -> r.dataset().equals(dataset)
                && r.noise().equals(noise) && r.run() == run).toList();
        if (rs.isEmpty()) {
            return Optional.empty();
        }
        int epochs = rs.stream().mapToInt(r -> r.curve().size()).min().orElseThrow();
        double[] mean = new double[epochs];
        for (NoiseRunResult r : rs) {
            for (int e = 0; e < epochs; e++) {
                mean[e] += 100 * r.curve().get(e) / rs.size();
            }
        }
        return Optional.of(mean);
    }

    /** One clearly different colour per run (Okabe-Ito, readable by the colour-blind), in {@link NoisyRun} order. */
    static final java.awt.Color[] PALETTE = {java.awt.Color.BLACK, new java.awt.Color(0xE69F00),
            new java.awt.Color(0x56B4E9), new java.awt.Color(0x009E73), new java.awt.Color(0xD55E00),
            new java.awt.Color(0x0072B2), new java.awt.Color(0xCC79A7)};

    /**
     * Test accuracy per epoch, mean over seeds, one line per run in a colour of its own; the error bars are half the
     * range between the seeds' curves, so the spread shows.
     */
    static XYChart chart(List<NoiseRunResult> results, String dataset, String noise) {
        XYChart chart = new XYChartBuilder().width(820).height(440)
                .title(dataset + ", " + NoiseSetting.parse(noise).describe() + ": test accuracy per epoch")
                .xAxisTitle("epoch").yAxisTitle("test accuracy (%): mean over seeds, bars: their range / 2").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        int i = 0;
        for (NoisyRun run : NoisyRun.values()) {
            Optional<double[]> mean = meanCurve(results, dataset, noise, run);
            if (mean.isPresent()) {
                double[] xs = new double[mean.get().length];
                double[] spread = new double[xs.length];
                List<NoiseRunResult> rs = results.stream().filter(r -> r.dataset().equals(dataset)
                        && r.noise().equals(noise) && r.run() == run).toList();
                for (int e = 0; e < xs.length; e++) {
                    xs[e] = e + 1;
                    final int epoch = e;
                    double lo = rs.stream().mapToDouble(r -> 100 * r.curve().get(epoch)).min().orElse(0);
                    double hi = rs.stream().mapToDouble(r -> 100 * r.curve().get(epoch)).max().orElse(0);
                    spread[e] = (hi - lo) / 2;
                }
                XYSeries s = chart.addSeries(run.label(), xs, mean.get(), spread);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(PALETTE[i % PALETTE.length]);
            }
            i++;
        }
        return chart;
    }

    /** The table: per data set, noise setting and run, accuracies and costs against full data of the same seed. */
    public static String markdown(NoiseCurveSpec spec, List<NoiseRunResult> results) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%d epochs (%d warm-up), batch %d; pruned runs keep 1 - k/n (k = labels"
                        + " flipped); tuner validation %s; OMP_NUM_THREADS=%s, %d cores.%n%n", spec.epochs(), spec.warmup(),
                spec.batchSize(), spec.cleanValidation() ? "clean" : "flipped like the training set",
                System.getenv("OMP_NUM_THREADS"), Runtime.getRuntime().availableProcessors()));
        s.append("Accuracy: mean over seeds, % on the clean test set; Δ: mean of the per-seed differences to full"
                + " data on the same noisy labels (pp), each seed's in brackets. Best: the best epoch of each run.\n\n");
        StringBuilder header = new StringBuilder("| data | noise | run |");
        StringBuilder rule = new StringBuilder("|---|---|---|");
        for (int e : spec.reportEpochs()) {
            header.append(" epoch ").append(e).append(": % / Δ |");
            rule.append("---|");
        }
        header.append(" final: % / Δ | best: % (epoch) / Δ | dropped: precision / recall of the flips |"
                + " examples / full | time / full |\n");
        rule.append("---|---|---|---|---|\n");
        s.append(header).append(rule);
        for (String[] g : groups(results)) {
            for (NoisyRun run : spec.runs()) {
                List<NoiseRunResult[]> pairs = pairs(results, g[0], g[1], run);
                if (pairs.isEmpty()) {
                    continue;
                }
                s.append("| ").append(g[0]).append(" | ").append(NoiseSetting.parse(g[1]).describe()).append(" | ")
                        .append(run.label()).append(" |");
                for (int e : spec.reportEpochs()) {
                    s.append(cell(pairs, r -> r.curve().size() >= e ? r.accuracyAt(e) : Double.NaN)).append(" |");
                }
                s.append(cell(pairs, NoiseRunResult::finalAccuracy)).append(" |");
                double bestEpoch = pairs.stream().mapToInt(p -> p[0].bestEpoch()).average().orElseThrow();
                String best = cell(pairs, NoiseRunResult::bestAccuracy);
                s.append(best.replaceFirst(" /", String.format(Locale.ROOT, " (%.1f) /", bestEpoch))).append(" |");
                if (run == NoisyRun.FULL) {
                    s.append(" - | 1.00 | 1.00 |\n");
                    continue;
                }
                s.append(String.format(Locale.ROOT, " %.3f / %.3f | %.3f | %.3f |%n",
                        mean(pairs, p -> p[0].flips().precision()), mean(pairs, p -> p[0].flips().recall()),
                        mean(pairs, p -> (double) p[0].examplesTrained() / p[0].fullExamples()),
                        mean(pairs, p -> p[0].trainSeconds() / p[1].trainSeconds())));
            }
        }
        return s.toString();
    }

    /** The runs of {@code run} paired with the full-data run of the same seed: {@code [run, full]}. */
    static List<NoiseRunResult[]> pairs(List<NoiseRunResult> results, String dataset, String noise, NoisyRun run) {
        List<NoiseRunResult[]> pairs = new ArrayList<>();
        for (NoiseRunResult r : results) {
            if (r.dataset().equals(dataset) && r.noise().equals(noise) && r.run() == run) {
                results.stream().filter(f -> f.dataset().equals(dataset) && f.noise().equals(noise)
                        && f.seed() == r.seed() && f.run() == NoisyRun.FULL).findFirst()
                        .ifPresent(f -> pairs.add(new NoiseRunResult[] {r, f}));
            }
        }
        return pairs;
    }

    private static String cell(List<NoiseRunResult[]> pairs, ToDoubleFunction<NoiseRunResult> accuracy) {
        double mean = mean(pairs, p -> 100 * accuracy.applyAsDouble(p[0]));
        double delta = mean(pairs, p -> 100 * (accuracy.applyAsDouble(p[0]) - accuracy.applyAsDouble(p[1])));
        String each = pairs.stream().map(p -> String.format(Locale.ROOT, "%+.2f",
                100 * (accuracy.applyAsDouble(p[0]) - accuracy.applyAsDouble(p[1])))).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, " %.2f / %+.2f (%s)", mean, delta, each);
    }

    private static double mean(List<NoiseRunResult[]> pairs, ToDoubleFunction<NoiseRunResult[]> value) {
        return pairs.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}
