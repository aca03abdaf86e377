package org.dataprune4j.charts;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dataprune4j.Outlier;
import org.dataprune4j.PruningLedger;
import org.dataprune4j.PruningReport;
import org.dataprune4j.eval.ClassAccuracy;
import org.dataprune4j.select.Decision;

/**
 * A page a user reads about their own run: what was kept and why, the score histogram with the kept examples
 * marked, kept examples per class, the highest scores (likely mislabelled or ambiguous), the cost and how the run
 * was made. Plain HTML beside two PNG files; no script, no server.
 *
 * <pre>{@code
 * PruningReport report = listener.report();
 * Path page = RunReport.write(report, Path.of("pruning-report"), List.of("T-shirt", "Trouser", ...));
 * }</pre>
 */
public final class RunReport {
    /** Histogram bins of the score chart. */
    static final int BINS = 40;

    private RunReport() {
    }

    /**
     * Writes {@code report.html}, {@code scores.png} and {@code kept-per-class.png} into {@code dir}.
     *
     * @param report the listener's report
     * @param dir the folder to write into (created if missing)
     * @param classNames a name per class index, or an empty list for the indices
     * @return the page's path
     */
    public static Path write(PruningReport report, Path dir, List<String> classNames) {
        return write(report, dir, classNames, null);
    }

    /**
     * Writes the page as {@link #write(PruningReport, Path, List)} does, with the trained model's test accuracy per
     * class (the worst class and the balanced accuracy first), so the page shows which classes pruning hurt.
     *
     * @param testAccuracy {@code ClassAccuracy.of(model, testSet, batch)} after training, or null for none
     */
    public static Path write(PruningReport report, Path dir, List<String> classNames, ClassAccuracy testAccuracy) {
        requireNonNull(report, "report");
        requireNonNull(dir, "dir");
        requireNonNull(classNames, "classNames");
        double[] scores = report.scores().scores(report.scoreKind());
        boolean[] kept = new boolean[scores.length];
        for (int id = 0; id < kept.length; id++) {
            kept[id] = report.selection().decision(id).isKept();
        }
        String scoreName = report.scoreKind().columnName();
        Charts.save(Charts.scoreHistogram(Charts.histogram(scores, kept, BINS), scoreName + " of every example, kept"
                + " and pruned", scoreName), dir.resolve("scores.png"));
        Charts.save(Charts.keptPerClass(report.keptPerClass(), report.totalPerClass(), classNames,
                "kept examples per class"), dir.resolve("kept-per-class.png"));
        Path page = dir.resolve("report.html");
        try {
            Files.writeString(page, html(report, classNames, testAccuracy));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + page + ": " + e.getMessage(), e);
        }
        return page;
    }

    static String html(PruningReport report, List<String> classNames) {
        return html(report, classNames, null);
    }

    static String html(PruningReport report, List<String> classNames, ClassAccuracy testAccuracy) {
        String score = report.scoreKind().columnName();
        int total = report.totalCount();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>DataPrune4J run report"
                + "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
                + "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:0.2em"
                + " 0.6em;text-align:right}th{background:#eee}td.l,th.l{text-align:left}figure{margin:1em 0}"
                + "figcaption{color:#444;font-size:0.95em;max-width:50em}img{max-width:100%}</style></head><body>\n");
        h.append("<h1>DataPrune4J run report</h1>\n<p>");
        h.append(esc(String.format(Locale.ROOT, "Ranked by %s; rule: %s. %,d of %,d examples kept (%.1f%%), decided"
                + " at the end of epoch %d (epochs counted from 1).", score, report.selection().rule(),
                report.keptCount(), total, 100.0 * report.keptCount() / total, report.swapEpoch() + 1)));
        h.append("</p>\n");
        if (testAccuracy != null) {
            h.append(testAccuracyTable(testAccuracy, report, classNames));
        }
        h.append("<h2>What was kept and why</h2>\n<table><tr><th class=\"l\">decision</th><th>examples</th>"
                + "<th>share</th></tr>\n");
        for (Decision d : Decision.values()) {
            int n = report.count(d);
            if (n > 0) {
                h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%,d</td><td>%.1f%%</td></tr>%n",
                        esc(d.reason()), n, 100.0 * n / total));
            }
        }
        h.append("</table>\n<h2>Scores</h2>\n<figure><img src=\"scores.png\" alt=\"histogram of the scores\">"
                + "<figcaption>");
        h.append(esc(String.format(Locale.ROOT, "Every example's %s in %d bins; green bars are the kept examples,"
                + " grey the pruned ones. The kept range is [%.4f, %.4f]. High scores are examples the model finds"
                + " hard: informative when data is abundant, and at the very top often mislabelled. When one bar is"
                + " far taller than the rest, the axis is cut and the title gives its height.", score, BINS,
                report.keptScoreRange().lowerEndpoint(), report.keptScoreRange().upperEndpoint())));
        h.append("</figcaption></figure>\n<h2>Kept per class</h2>\n<figure><img src=\"kept-per-class.png\""
                + " alt=\"kept and all examples per class\"><figcaption>Grey: all examples of the class; green: the"
                + " kept ones. A rule that ranks all classes together keeps fewer of the classes the model finds"
                + " easy; a class-balanced rule keeps the same share of each.</figcaption></figure>\n");
        List<Outlier> outliers = report.outliers();
        if (!outliers.isEmpty()) {
            h.append("<h2>The highest scores</h2>\n<p>Likely mislabelled or ambiguous: look at these examples"
                    + " first.</p>\n<table><tr><th>id</th><th class=\"l\">label</th><th class=\"l\">predicted</th>"
                    + "<th>").append(esc(score)).append("</th><th class=\"l\">kept?</th></tr>\n");
            for (Outlier o : outliers) {
                h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td class=\"l\">%s</td><td class=\"l\">%s</td>"
                        + "<td>%.4f</td><td class=\"l\">%s</td></tr>%n", o.id(), esc(name(classNames, o.label())),
                        esc(name(classNames, o.predicted())), o.score(), o.kept() ? "yes" : "no"));
            }
            h.append("</table>\n");
        }
        report.ledger().ifPresent(ledger -> h.append("<h2>Cost</h2>\n<p>").append(esc(ledger.describe()))
                .append("</p>\n"));
        h.append("<h2>How the run was made</h2>\n<table>\n");
        for (Map.Entry<String, String> e : report.configuration().entrySet()) {
            h.append("<tr><td class=\"l\">").append(esc(e.getKey())).append("</td><td class=\"l\">")
                    .append(esc(e.getValue())).append("</td></tr>\n");
        }
        for (Map.Entry<String, String> e : report.provenance().toMap().entrySet()) {
            h.append("<tr><td class=\"l\">").append(esc(e.getKey())).append("</td><td class=\"l\">")
                    .append(esc(e.getValue())).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    /** Test accuracy per class beside each class's kept share: which classes pruning hurt. */
    static String testAccuracyTable(ClassAccuracy a, PruningReport report, List<String> classNames) {
        StringBuilder h = new StringBuilder("<h2>Test accuracy per class</h2>\n<p>");
        h.append(esc(String.format(Locale.ROOT, "Overall %.2f%%, balanced (mean of the classes) %.2f%%, worst class"
                + " %.2f%% (%s).", 100 * a.overall(), 100 * a.balanced(), 100 * a.worst(),
                name(classNames, a.worstClass()))));
        h.append("</p>\n<table><tr><th class=\"l\">class</th><th>test accuracy</th><th>test examples</th>"
                + "<th>kept / training examples</th><th>trained over the run (share of full data's)</th></tr>\n");
        int[] kept = report.keptPerClass();
        int[] total = report.totalPerClass();
        int[] counts = a.counts();
        PruningLedger ledger = report.ledger().orElse(null);
        List<Long> trained = ledger == null ? List.of() : ledger.examplesPerClass();
        for (int c = 0; c < a.numClasses(); c++) {
            String trainedCell = c < trained.size() && c < total.length && total[c] > 0 ? String.format(Locale.ROOT,
                    "%,d (%.0f%%)", trained.get(c), 100.0 * trained.get(c) / ((long) total[c] * ledger.epochs())) : "-";
            h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%s</td><td>%,d</td><td>%s</td><td>%s"
                    + "</td></tr>%n", esc(name(classNames, c)), counts[c] == 0 ? "-" : String.format(Locale.ROOT,
                    "%.2f%%", 100 * a.of(c)), counts[c], c < kept.length ? String.format(Locale.ROOT, "%,d / %,d",
                    kept[c], total[c]) : "-", trainedCell));
        }
        return h.append("</table>\n").toString();
    }

    private static String name(List<String> classNames, int c) {
        return c >= 0 && c < classNames.size() ? classNames.get(c) : Integer.toString(c);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
