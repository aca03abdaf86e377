package org.dataprune4j.benchmarks.crossover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.benchmarks.matrix.MatrixData.Splits;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.charts.Charts;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scarce/abundant crossover of Sorscher et al. on real data: at each training-set size (a stratified, seeded
 * subset of the pool; validation and test fixed), keep-hardest, keep-easiest and random at each kept fraction,
 * ranked by EL2N after the warm-up and by the label-free prototype score.
 *
 * <p>Per size and seed, one warm-up run with a {@code PruningListener} that keeps everything scores every example;
 * every rule then continues a copy of the warmed-up network (weights and updater state) on its kept subset for the
 * remaining epochs: the in-loop run of the listener, with the warm-up shared. The full-data run continues the same
 * copy on all examples.
 *
 * <p>Arguments: {@code preset=full datasets=fashion-mnist,mnist sizes=250,...,55000 warmupShare=0.2
 * importMatrix=docs/matrix-full/cells.csv out=target/crossover}, or {@code fromCsv=a/runs.csv,b/runs.csv out=...} to
 * write the table and charts of earlier runs only; {@code importMatrix} takes the 55,000-image runs
 * from the benchmark matrix's full preset (the same runs: all of the pool, seeds 1 and 2, 10 epochs, 2 warm-up). Writes {@code runs.csv} (appended after every size, so a stopped sweep keeps its runs),
 * {@code crossover.md} and one chart per data set and fraction.
 */
public final class CrossoverSweep {
    private static final Logger log = LoggerFactory.getLogger(CrossoverSweep.class);
    private static final int BATCH = TrainingRuns.BATCH_SIZE;

    private final SweepSpec spec;
    private final SweepData data;
    private final Path out;
    private final List<SweepRow> imported;

    /** A sweep of {@code spec} over {@code data}, writing to {@code out}. */
    public CrossoverSweep(SweepSpec spec, SweepData data, Path out) {
        this(spec, data, out, List.of());
    }

    /**
     * A sweep that takes the runs of {@code imported} as they are: a size and data set with imported runs is not
     * trained again.
     */
    public CrossoverSweep(SweepSpec spec, SweepData data, Path out, List<SweepRow> imported) {
        this.spec = spec;
        this.data = data;
        this.out = out;
        this.imported = List.copyOf(imported);
    }

    /** Runs the sweep; see the class comment for the arguments. */
    public static void main(String[] args) {
        Arguments a = Arguments.parse(args);
        SweepSpec spec = SweepSpec.preset(a.value("preset", "full"));
        String datasets = a.value("datasets", "");
        String sizes = a.value("sizes", "");
        String share = a.value("warmupShare", "");
        spec = spec.with(datasets.isEmpty() ? null : List.of(datasets.split(",")),
                sizes.isEmpty() ? null : Arrays.stream(sizes.split(",")).map(Integer::valueOf).toList(),
                share.isEmpty() ? null : Double.valueOf(share));
        Path out = Paths.get(a.value("out", "target/crossover"));
        String fromCsv = a.value("fromCsv", "");
        if (!fromCsv.isEmpty()) {
            List<SweepRow> rows = new ArrayList<>();
            for (String file : fromCsv.split(",")) {
                List<String> lines = readLines(Paths.get(file));
                lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(SweepRow::parse)
                        .forEach(rows::add);
            }
            new CrossoverSweep(spec, new RealSweepData(), out).write(new CrossoverTable(rows));
            System.out.println(read(out.resolve("crossover.md")));
            return;
        }
        String matrix = a.value("importMatrix", "");
        List<SweepRow> imported = matrix.isEmpty() ? List.of()
                : MatrixImport.rows(Paths.get(matrix), spec, RealSweepData.POOL, 10, 2);
        CrossoverTable table = new CrossoverSweep(spec, new RealSweepData(), out, imported).run();
        System.out.println(Files.exists(out.resolve("crossover.md")) ? read(out.resolve("crossover.md")) : table);
    }

    /** Runs every cell, writing the outputs as it goes; returns the table of all runs. */
    public CrossoverTable run() {
        List<SweepRow> rows = new ArrayList<>();
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("runs.csv"), SweepRow.CSV_HEADER + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Crossover sweep {} (OMP_NUM_THREADS={})", spec.toMap(), System.getenv("OMP_NUM_THREADS"));
        for (String dataset : spec.datasets()) {
            Splits splits = data.load(dataset);
            DataSet test = splits.test().toDataSet();
            for (int size : spec.sizes()) {
                List<SweepRow> given = imported.stream()
                        .filter(r -> r.dataset().equals(dataset) && r.size() == size).toList();
                if (!given.isEmpty()) {
                    log.info("{} n={}: {} runs imported, not trained", dataset, size, given.size());
                    rows.addAll(given);
                    append(given);
                    continue;
                }
                for (long seed = 1; seed <= spec.seeds(size); seed++) {
                    List<SweepRow> cell = runSize(dataset, splits, test, size, seed);
                    rows.addAll(cell);
                    append(cell);
                }
                write(new CrossoverTable(rows));
            }
        }
        CrossoverTable table = new CrossoverTable(rows);
        write(table);
        return table;
    }

    /**
     * The ids of a stratified, seeded subset of {@code n} of the pool: each class's share of the pool, rounded by
     * largest remainder, taken in one seeded order, so a smaller size is a subset of a larger one with the same
     * seed.
     */
    public static int[] stratifiedSubset(int[] labels, int numClasses, int n, long seed) {
        if (n > labels.length) {
            throw new IllegalArgumentException("size " + n + " exceeds the pool of " + labels.length);
        }
        int[] perClass = new int[numClasses];
        for (int y : labels) {
            perClass[y]++;
        }
        int[] quota = new int[numClasses];
        double[] remainder = new double[numClasses];
        int assigned = 0;
        for (int c = 0; c < numClasses; c++) {
            double exact = (double) n * perClass[c] / labels.length;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        Integer[] byRemainder = new Integer[numClasses];
        for (int c = 0; c < numClasses; c++) {
            byRemainder[c] = c;
        }
        Arrays.sort(byRemainder, (x, y) -> Double.compare(remainder[y], remainder[x]));
        for (int i = 0; assigned < n; i++, assigned++) {
            quota[byRemainder[i % numClasses]]++;
        }
        int[] order = new int[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] ids = new int[n];
        int k = 0;
        for (int id : order) {
            if (quota[labels[id]] > 0) {
                quota[labels[id]]--;
                ids[k++] = id;
            }
        }
        Arrays.sort(ids);
        return ids;
    }

    private List<SweepRow> runSize(String dataset, Splits splits, DataSet test, int size, long seed) {
        int epochs = spec.epochs(size);
        int warmup = spec.warmupEpochs(size);
        LabelledImages pool = splits.train();
        int[] ids = stratifiedSubset(pool.labels(), pool.numClasses(), size, seed);
        LabelledImages subset = pick(pool, ids);
        DataSet train = subset.toDataSet();
        log.info("{} n={} seed {}: {} epochs, {} warm-up", dataset, size, seed, epochs, warmup);

        MultiLayerNetwork warm = data.network(splits, seed);
        PruningIterator iterator = PruningIterator.builder(train, BATCH).seed(seed).build();
        PruningListener listener = PruningListener.builder(iterator, ScoreRangeRule.quantiles(0, 1))
                .warmupEpochs(warmup).score(spec.scores().get(0)).alsoCompute(spec.scores().toArray(ScoreKind[]::new))
                .outliers(0).build();
        warm.setListeners(listener);
        warm.fit(iterator, warmup);
        warm.setListeners(List.of());
        PruningReport report = listener.report();
        int[] labels = report.scores().labels();

        List<SweepRow> rows = new ArrayList<>();
        rows.add(tail(dataset, size, seed, epochs, warmup, "full", "", 1.0, warm, subset, allIds(size), test));
        for (double f : spec.fractions()) {
            SelectionRule random = RandomRule.keep(f, seed);
            rows.add(tail(dataset, size, seed, epochs, warmup, "random", "", f, warm, subset,
                    random.select(new double[size], labels).keptIds(), test));
            for (ScoreKind kind : spec.scores()) {
                double[] scores = report.scores().scores(kind);
                rows.add(tail(dataset, size, seed, epochs, warmup, "hardest", kind.columnName(), f, warm, subset,
                        ScoreRangeRule.keepHardest(f).select(scores, labels).keptIds(), test));
                rows.add(tail(dataset, size, seed, epochs, warmup, "easiest", kind.columnName(), f, warm, subset,
                        ScoreRangeRule.keepEasiest(f).select(scores, labels).keptIds(), test));
            }
        }
        return rows;
    }

    private SweepRow tail(String dataset, int size, long seed, int epochs, int warmup, String rule, String score,
                          double fraction, MultiLayerNetwork warm, LabelledImages subset, int[] kept, DataSet test) {
        DataSet train = pick(subset, kept).toDataSet();
        MultiLayerNetwork net = warm.clone();
        long start = System.nanoTime();
        net.fit(PruningIterator.builder(train, BATCH).seed(seed).unpruned().build(), epochs - warmup);
        double seconds = (System.nanoTime() - start) / 1e9;
        SweepRow row = new SweepRow(dataset, size, seed, epochs, warmup, rule, score, fraction, kept.length,
                TrainingRuns.accuracy(net, test), TrainingRuns.accuracy(net, train), seconds);
        log.info("  {} {} {}: kept {} test {} train {} ({} s)", rule, score, fraction, kept.length,
                String.format(Locale.ROOT, "%.4f", row.testAccuracy()),
                String.format(Locale.ROOT, "%.4f", row.trainAccuracy()), String.format(Locale.ROOT, "%.1f", seconds));
        return row;
    }

    private static int[] allIds(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    private static LabelledImages pick(LabelledImages images, int[] ids) {
        byte[][] pixels = new byte[ids.length][];
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            pixels[i] = images.pixels()[ids[i]];
            labels[i] = images.labels()[ids[i]];
        }
        return new LabelledImages(pixels, labels, images.numClasses());
    }

    private void append(List<SweepRow> rows) {
        try {
            Files.writeString(out.resolve("runs.csv"), rows.stream().map(SweepRow::csv)
                    .collect(Collectors.joining("\n", "", "\n")), java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes crossover.md and the charts for the table so far. */
    void write(CrossoverTable table) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> scores = spec.scores().stream().map(ScoreKind::columnName).toList();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Sweep %s; OMP_NUM_THREADS=%s%n%n", spec.toMap(),
                System.getenv("OMP_NUM_THREADS")));
        for (String dataset : table.datasets()) {
            for (String score : scores) {
                md.append("### ").append(dataset).append(", ranked by ").append(score).append("\n\n");
                md.append(table.markdown(dataset, score, spec.fractions())).append('\n');
            }
            for (double f : spec.fractions()) {
                Charts.save(CrossoverChart.panel(table, dataset, f, scores),
                        out.resolve(String.format(Locale.ROOT, "crossover-%s-%.0f.png", dataset, 100 * f)));
            }
        }
        try {
            Files.writeString(out.resolve("crossover.md"), md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
