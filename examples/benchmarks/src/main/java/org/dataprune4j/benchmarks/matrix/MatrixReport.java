package org.dataprune4j.benchmarks.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dataprune4j.charts.Charts;
import org.dataprune4j.examples.charts.Gallery;
import org.dataprune4j.score.ScoreKind;

/**
 * Writes what a matrix run produced: {@code matrix.md}, {@code run.json}, the charts and galleries under
 * {@code charts/}, and {@code report.html}, a static page linking them with the run's figures (readable offline).
 */
public final class MatrixReport {
    /** Tiles in each outlier gallery. */
    public static final int GALLERY_TILES = 24;

    private MatrixReport() {
    }

    /** The scores file of one run, parsed: every example's score, label, prediction and kept flag. */
    record Scores(double[] score, int[] label, int[] predicted, boolean[] kept) {

        static Scores read(Path csv, ScoreKind kind) {
            try {
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                List<String> header = Arrays.asList(lines.get(0).split(","));
                int s = header.indexOf(kind.columnName());
                int l = header.indexOf("label");
                int p = header.indexOf("predicted");
                int k = header.indexOf("kept");
                int n = lines.size() - 1;
                Scores out = new Scores(new double[n], new int[n], new int[n], new boolean[n]);
                for (int i = 0; i < n; i++) {
                    String[] f = lines.get(i + 1).split(",", -1);
                    out.score[i] = Double.parseDouble(f[s]);
                    out.label[i] = Integer.parseInt(f[l]);
                    out.predicted[i] = Integer.parseInt(f[p]);
                    out.kept[i] = Boolean.parseBoolean(f[k]);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the scores " + csv, e);
            }
        }
    }

    static void write(MatrixSpec spec, MatrixData data, Map<String, MatrixData.Splits> loaded,
                      List<CellResult> results, Path out) {
        List<Summary.Row> rows = Summary.rows(spec, results);
        RunRecord record = RunRecord.of(spec, results);
        record.write(out.resolve("run.json"));
        String table = Summary.markdown(rows);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Matrix preset `%s`, %s, %s; Java %s, DL4J %s, %s cores,"
                        + " OMP_NUM_THREADS=%s. %d runs; seeds %s; %d epochs (%d warm-up).%n%n", spec.name(),
                LocalDate.now(), record.environment().get("os"), record.environment().get("java"),
                record.environment().get("deeplearning4j"), record.environment().get("cores"),
                record.environment().get("OMP_NUM_THREADS"), results.size(), spec.seeds(), spec.epochs(),
                spec.warmupEpochs()));
        md.append(table);
        List<String> images = new ArrayList<>();
        for (String dataset : spec.datasets()) {
            for (ScoreKind score : spec.scores()) {
                Path acc = out.resolve("charts").resolve(dataset + "-accuracy-" + score.columnName() + ".png");
                Charts.save(AccuracyChart.accuracyVsKept(results, dataset, score, spec.rules(), spec.kept()), acc);
                images.add(out.relativize(acc).toString());
                Path scoresCsv = BenchmarkMatrix.scoresFile(out, dataset, score);
                if (!Files.exists(scoresCsv)) {
                    continue;
                }
                Scores s = Scores.read(scoresCsv, score);
                MatrixData.Splits splits = loaded.computeIfAbsent(dataset, d -> data.load(d, spec));
                String title = String.format(Locale.ROOT, "%s, %s after %d warm-up epochs: hardest %.0f%% kept",
                        dataset, score.columnName(), spec.warmupEpochs(), 100 * spec.kept().get(spec.kept().size() / 2));
                Path hist = out.resolve("charts").resolve(dataset + "-histogram-" + score.columnName() + ".png");
                Charts.save(Charts.scoreHistogram(Charts.histogram(s.score(), s.kept(), 40), title, score.columnName()),
                        hist);
                images.add(out.relativize(hist).toString());
                int classes = splits.train().numClasses();
                int[] kept = new int[classes];
                int[] total = new int[classes];
                for (int i = 0; i < s.label().length; i++) {
                    total[s.label()[i]]++;
                    if (s.kept()[i]) {
                        kept[s.label()[i]]++;
                    }
                }
                Path bars = out.resolve("charts").resolve(dataset + "-kept-per-class-" + score.columnName() + ".png");
                Charts.save(Charts.keptPerClass(kept, total, splits.classNames(), dataset + ": kept per class, "
                        + score.columnName() + " keep hardest"), bars);
                images.add(out.relativize(bars).toString());
                Path gallery = out.resolve("charts").resolve(dataset + "-outliers-" + score.columnName() + ".png");
                Gallery.render(splits.train(), splits.width(), splits.height(), s.score(), s.predicted(),
                        splits.classNames(), GALLERY_TILES, 8).save(gallery);
                images.add(out.relativize(gallery).toString());
            }
        }
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("matrix.md"), md.toString(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("report.html"), html(spec, record, rows, images), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the report into " + out, e);
        }
    }

    private static String html(MatrixSpec spec, RunRecord record, List<Summary.Row> rows, List<String> images) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>DataPrune4J benchmark: ")
                .append(spec.name()).append("</title>\n<style>body{font-family:sans-serif;margin:2em auto;"
                        + "max-width:1100px;line-height:1.4}table{border-collapse:collapse;font-size:13px;margin:0.5em 0"
                        + " 1.5em}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#eee}"
                        + "td:nth-child(-n+3){text-align:left}tr.best td{font-weight:bold;background:#e8f5e9}"
                        + "figure{margin:1em 0}figcaption{color:#444;font-size:0.95em;max-width:60em}"
                        + "img{max-width:100%;border:1px solid #eee}</style></head><body>\n");
        h.append("<h1>DataPrune4J benchmark matrix (preset ").append(spec.name()).append(")</h1>\n");
        h.append("<p>Every pruned run trains ").append(spec.warmupEpochs()).append(" warm-up epochs on all data, then ")
                .append(spec.epochs() - spec.warmupEpochs()).append(" on the kept subset, in one fit call, at a"
                        + " constant learning rate (Adam 1e-3), against full data at the same constant rate (the"
                        + " weakest baseline; docs/BENCHMARKS.md compares with fitted schedules). Seeds ")
                .append(spec.seeds()).append(". <b>Tuned range</b> is a [lo, hi] range chosen by <code>RangeTuner</code>"
                        + " (Arbiter's random search on a validation split, proxy runs), within the kept budget. In each"
                        + " table the best pruned row of each kept share is <span style=\"background:#e8f5e9\"><b>marked"
                        + "</b></span>. Files: <a href=\"matrix.md\">matrix.md</a>, <a href=\"cells.csv\">cells.csv</a>,"
                        + " <a href=\"run.json\">run.json</a>.</p>\n");
        boolean shortRuns = rows.stream().anyMatch(r -> r.rule() == RuleKind.FULL_DATA && r.meanSeconds() < 60);
        if (shortRuns) {
            h.append("<p><b>Time saved is noise here</b>: full-data runs of under a minute, so JIT warm-up, the"
                    + " scoring passes' fixed costs and the machine's load decide it as much as the examples left out;"
                    + " a negative value means the pruned run was slower. docs/BENCHMARKS.md says what else ran on the"
                    + " machine meanwhile.</p>\n");
        }
        h.append("<p><small>");
        record.environment().forEach((k, v) -> h.append(escape(k)).append(": ").append(escape(v)).append("; "));
        h.append("</small></p>\n");
        for (String dataset : spec.datasets()) {
            h.append("<h2>").append(escape(dataset)).append("</h2>\n<table><tr><th>score</th><th>rule</th><th>kept"
                    + "</th><th>accuracy % (mean ± sd)</th><th>seeds</th><th>Δ vs full, pp</th><th>fit s</th>"
                    + "<th>tuning s</th><th>examples processed</th><th>time saved</th></tr>\n");
            List<Summary.Row> ds = rows.stream().filter(r -> r.dataset().equals(dataset)).toList();
            for (Summary.Row r : ds) {
                boolean full = r.rule() == RuleKind.FULL_DATA;
                boolean best = !full && ds.stream().filter(o -> o.rule() != RuleKind.FULL_DATA && o.kept() == r.kept())
                        .mapToDouble(Summary.Row::meanAccuracy).max().orElse(Double.NaN) == r.meanAccuracy();
                h.append(String.format(Locale.ROOT, "<tr%s><td>%s</td><td>%s</td><td>%.0f%%</td><td>%.2f ± %.2f</td>"
                                + "<td>%d</td><td>%s</td><td>%.1f</td><td>%.1f</td><td>%,.0f</td><td>%s</td></tr>%n",
                        best ? " class=\"best\"" : "", r.score() == null ? "-" : r.score().columnName(),
                        r.rule().label(), 100 * r.kept(), 100 * r.meanAccuracy(), 100 * r.stdAccuracy(), r.seeds(),
                        full ? "-" : String.format(Locale.ROOT, "%+.2f", 100 * r.deltaVsFull()), r.meanSeconds(),
                        r.meanTuningSeconds(), r.examplesProcessed(),
                        full ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * r.timeSavedVsFull())));
            }
            h.append("</table>\n");
            for (String image : images) {
                if (image.contains(dataset + "-")) {
                    h.append("<figure><a href=\"").append(image).append("\"><img src=\"").append(image)
                            .append("\" alt=\"").append(image).append("\"></a><figcaption>").append(caption(image))
                            .append("</figcaption></figure>\n");
                }
            }
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** What a chart shows, from its file name. */
    static String caption(String image) {
        if (image.contains("-accuracy-")) {
            return "Test accuracy against the kept share for every rule (mean of seeds); the full-data run is the"
                    + " horizontal reference.";
        }
        if (image.contains("-histogram-")) {
            return "Every training example's score after the warm-up; green bars are the examples keep-hardest kept"
                    + " at the middle kept share. A bar far taller than the rest is cut and its height given in the"
                    + " title.";
        }
        if (image.contains("-kept-per-class-")) {
            return "All examples (grey) and the kept ones (green) per class, for keep-hardest: the classes the model"
                    + " finds easy keep fewer.";
        }
        if (image.contains("-outliers-")) {
            return "The highest-scoring training images with their label and the model's prediction: most are"
                    + " mislabelled or ambiguous.";
        }
        return "";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
