package org.dataprune4j.examples;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.dataprune4j.Outlier;
import org.dataprune4j.PruningReport;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.charts.Charts;
import org.dataprune4j.charts.RunReport;
import org.dataprune4j.examples.charts.Gallery;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's first command: trains the reference MLP on Fashion-MNIST three times with the same seeds, each with
 * a cosine learning-rate decay fitted to its own length ({@code FittedSchedule}): on all data; with DataPrune4J (2
 * warm-up epochs, then drop the top 2% by EL2N and keep the next 50%); and on all data for fewer epochs, as many
 * examples as the pruned run (the fair "just train less" baseline). Prints what was kept, the likeliest mislabelled
 * images, the three test accuracies and the time saved, scoring included. Writes every score to {@code target/demo-scores.csv}, and the score histogram and the outlier gallery
 * to {@code target/demo-charts/}.
 *
 * <p>Arguments (all optional): {@code model=mlp epochs=10 warmup=2 lo=0.48 hi=0.98 csv=target/demo-scores.csv
 * charts=target/demo-charts}; {@code model=graph} trains the same network built as a {@code ComputationGraph}.
 */
public final class PruningDemo {
    private static final Logger log = LoggerFactory.getLogger(PruningDemo.class);

    private PruningDemo() {
    }

    /** Runs the demo; see the class comment for the arguments. */
    public static void main(String[] args) {
        Arguments a = Arguments.parse(args);
        int epochs = a.intValue("epochs", 10);
        int warmup = a.intValue("warmup", 2);
        double lo = a.doubleValue("lo", 0.48);
        double hi = a.doubleValue("hi", 0.98);
        Path csv = Paths.get(a.value("csv", "target/demo-scores.csv"));
        String model = ExampleNetworks.requireKnown(a.value("model", "mlp"));
        long seed = 42;

        log.info("Loading Fashion-MNIST (fetched into {} on first use)", Datasets.defaultCacheDir());
        LabelledImages trainImages = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN);
        DataSet train = trainImages.toDataSet();
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).toDataSet();

        int n = train.numExamples();
        log.info("Run 1 of 3: all {} training examples, {} epochs, cosine decay fitted to them", n, epochs);
        TrainingRuns.Result full = TrainingRuns.full("full", ExampleNetworks.reference(model, seed,
                new Adam(fitted(epochs, n))), train, test, epochs, seed);

        log.info("Run 2 of 3: {} warm-up epochs on all examples, then EL2N quantiles [{}, {}]", warmup, lo, hi);
        TrainingRuns.Result pruned = TrainingRuns.pruned("pruned", ExampleNetworks.reference(model, seed,
                new Adam(FittedSchedule.cosine(LEARNING_RATE).build())), train, test, epochs, seed,
                ScoreRangeRule.quantiles(lo, hi), b -> b.warmupEpochs(warmup).epochs(epochs).outliers(10)
                        .scoresCsv(csv));

        int fewer = Math.max(1, (int) Math.round((double) pruned.examplesProcessed() / n));
        log.info("Run 3 of 3: all examples for {} epochs, about as many examples as the pruned run", fewer);
        TrainingRuns.Result less = TrainingRuns.full("fewer epochs", ExampleNetworks.reference(model, seed,
                new Adam(fitted(fewer, n))), train, test, fewer, seed);

        Path charts = Paths.get(a.value("charts", "target/demo-charts"));
        writePictures(pruned.report(), trainImages, charts);
        System.out.println(render(full, pruned, less, csv, model));
        System.out.println("Score histogram and outlier gallery: " + charts.toAbsolutePath());
        System.out.println("The run's report page (open it in a browser): "
                + charts.resolve("report").resolve("report.html").toAbsolutePath());
    }

    /** Adam's learning rate in every run, decayed to 0 by a cosine fitted to the run. */
    private static final double LEARNING_RATE = 1e-3;

    /** A cosine decay fitted to a full-data run of {@code epochs} epochs of {@code n} examples in batches of 128. */
    private static FittedSchedule fitted(int epochs, int n) {
        FittedSchedule lr = FittedSchedule.cosine(LEARNING_RATE).build();
        lr.planIterations(epochs * ((n + TrainingRuns.BATCH_SIZE - 1) / TrainingRuns.BATCH_SIZE));
        return lr;
    }

    /** The score histogram with the kept range shaded and the gallery of the 24 highest-scoring images. */
    static void writePictures(PruningReport r, LabelledImages images, Path dir) {
        ScoreKind kind = r.scoreKind();
        double[] scores = r.scores().scores(kind);
        boolean[] kept = new boolean[scores.length];
        int[] predicted = new int[scores.length];
        for (int id = 0; id < scores.length; id++) {
            kept[id] = r.selection().isKept(id);
            predicted[id] = r.scores().predicted(id);
        }
        String title = String.format(Locale.ROOT, "Fashion-MNIST, %s after %d warm-up epochs: %d of %d kept",
                kind.columnName(), r.swapEpoch() + 1, r.keptCount(), r.totalCount());
        Charts.save(Charts.scoreHistogram(Charts.histogram(scores, kept, 40), title, kind.columnName()),
                dir.resolve(kind.columnName() + "-histogram.png"));
        Gallery.render(images, 28, 28, scores, predicted, ImageDataset.FASHION_MNIST.classNames(), 24, 8)
                .save(dir.resolve("outliers.png"));
        RunReport.write(r, dir.resolve("report"), ImageDataset.FASHION_MNIST.classNames());
    }

    static String render(TrainingRuns.Result full, TrainingRuns.Result pruned, TrainingRuns.Result less, Path csv,
            String model) {
        PruningReport r = pruned.report();
        StringBuilder s = new StringBuilder();
        s.append(System.lineSeparator()).append("=== DataPrune4J demo: Fashion-MNIST, MLP 784-512-256-10")
                .append(model.equals("graph") ? " as a ComputationGraph" : "").append(" ===")
                .append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "Kept %d of %d training examples after epoch %d (%s, ranked by %s)%n",
                r.keptCount(), r.totalCount(), r.swapEpoch() + 1, r.selection().rule(), r.scoreKind().columnName()));
        s.append(String.format(Locale.ROOT, "  kept %s range: [%.4f, %.4f]; pruned %d easy and %d hardest%n",
                r.scoreKind().columnName(), r.keptScoreRange().lowerEndpoint(), r.keptScoreRange().upperEndpoint(),
                r.count(org.dataprune4j.select.Decision.PRUNED_BELOW_RANGE),
                r.count(org.dataprune4j.select.Decision.PRUNED_ABOVE_RANGE)));
        int[] kept = r.keptPerClass();
        int[] total = r.totalPerClass();
        var names = ImageDataset.FASHION_MNIST.classNames();
        s.append("  kept per class:").append(System.lineSeparator());
        for (int c = 0; c < kept.length; c++) {
            s.append(String.format(Locale.ROOT, "    %-12s %5d of %5d (%4.1f%%)%n", names.get(c), kept[c], total[c],
                    100.0 * kept[c] / total[c]));
        }
        s.append("  (one score range over all classes keeps more of the classes the model finds hard; to keep the same"
                + " share of every class, use ClassBalancedRule.of(rule))").append(System.lineSeparator());
        s.append("Most suspicious training images (highest EL2N; often mislabelled):").append(System.lineSeparator());
        for (Outlier o : r.outliers()) {
            s.append(String.format(Locale.ROOT, "    id %5d  labelled %-12s predicted %-12s el2n %.3f%n", o.id(),
                    names.get(o.label()), o.predicted() < 0 ? "?" : names.get(o.predicted()), o.score()));
        }
        if (!r.outliers().isEmpty() && r.outliers().get(r.outliers().size() - 1).score() > 1.40) {
            s.append("  (EL2N saturates at sqrt(2) = 1.414 when the model puts almost all its probability on one wrong"
                    + " class: these are confidently wrong, and their order among themselves means little)")
                    .append(System.lineSeparator());
        }
        s.append(String.format(Locale.ROOT, "Test accuracy (every run with a cosine learning rate fitted to its length):"
                + "%n  full data, %d epochs: %.2f%%%n  pruned: %.2f%% (%+.2f pp)%n  full data for %d epochs, about the"
                + " pruned run's examples: %.2f%% (pruning %+.2f pp against it)%n", full.epochSeconds().size(),
                100 * full.testAccuracy(), 100 * pruned.testAccuracy(), 100 * (pruned.testAccuracy()
                        - full.testAccuracy()), less.epochSeconds().size(), 100 * less.testAccuracy(),
                100 * (pruned.testAccuracy() - less.testAccuracy())));
        s.append(String.format(Locale.ROOT, "Examples processed: full %,d, pruned %,d (%.2fx)%n",
                full.examplesProcessed(), pruned.examplesProcessed(),
                (double) pruned.examplesProcessed() / full.examplesProcessed()));
        s.append(String.format(Locale.ROOT, "Wall time: full %.1f s, pruned %.1f s including %.1f s of scoring"
                        + " (%.2fx, %.1f s saved), fewer epochs %.1f s (%.2fx)%n", full.seconds(), pruned.seconds(),
                r.scoringTime().toNanos() / 1e9, pruned.seconds() / full.seconds(), full.seconds() - pruned.seconds(),
                less.seconds(), less.seconds() / full.seconds()));
        s.append("Every score of every example: ").append(csv.toAbsolutePath()).append(System.lineSeparator());
        s.append(String.format(Locale.ROOT, "Peak RSS of this process: %d MiB%n", ProcessMemory.peakRssMiB()));
        return s.toString();
    }
}
