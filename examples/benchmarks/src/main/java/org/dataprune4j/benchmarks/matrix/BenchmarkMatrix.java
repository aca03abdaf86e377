package org.dataprune4j.benchmarks.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.tune.RangeTuner;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark matrix: every cell of a {@link MatrixSpec} trained with the in-loop swap (or on full data), with
 * fixed seeds; results appended to {@code cells.csv} as each cell finishes, so that a resumed run skips the cells
 * that finished. At the end it writes {@code matrix.md} (the table), {@code run.json} (the run record), the PNG
 * charts and the outlier galleries, and {@code report.html} linking them.
 *
 * <p>Arguments: {@code preset=small|full out=target/matrix}. The small preset took 6 minutes on 2 cores.
 */
public final class BenchmarkMatrix {
    private static final Logger log = LoggerFactory.getLogger(BenchmarkMatrix.class);

    private final MatrixSpec spec;
    private final MatrixData data;
    private final Path out;
    private final Map<String, MatrixData.Splits> loaded = new HashMap<>();
    private int cellsRun;

    /**
     * @param spec what to run
     * @param data where data and networks come from
     * @param out the output directory (results are resumed from it)
     */
    public BenchmarkMatrix(MatrixSpec spec, MatrixData data, Path out) {
        this.spec = spec;
        this.data = data;
        this.out = out;
    }

    /** Runs the preset named by {@code preset=} into {@code out=}. */
    public static void main(String[] args) {
        Arguments a = Arguments.parse(args);
        MatrixSpec spec = MatrixSpec.preset(a.value("preset", "small"));
        Path out = Paths.get(a.value("out", "target/matrix-" + spec.name()));
        List<CellResult> results = new BenchmarkMatrix(spec, new RealData(), out).run();
        log.info("Matrix {}: {} cells; report at {}", spec.name(), results.size(),
                out.resolve("report.html").toAbsolutePath());
    }

    /** Number of cells this instance trained (not resumed from the results file). */
    public int cellsRun() {
        return cellsRun;
    }

    /** Runs the missing cells, then writes the table, the record, the charts and the report. */
    public List<CellResult> run() {
        Path csv = out.resolve("cells.csv");
        Map<String, CellResult> done = readDone(csv);
        if (!done.isEmpty()) {
            log.info("Resuming: {} cells finished before are skipped", done.size());
        }
        List<CellResult> results = new ArrayList<>();
        for (Cell cell : spec.cells()) {
            CellResult r = done.get(cell.key());
            if (r == null) {
                r = runCell(cell);
                append(csv, r);
                cellsRun++;
            }
            results.add(r);
        }
        MatrixReport.write(spec, data, loaded, results, out);
        return results;
    }

    private static Map<String, CellResult> readDone(Path csv) {
        Map<String, CellResult> done = new LinkedHashMap<>();
        if (!Files.exists(csv)) {
            return done;
        }
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(CellResult.CSV_HEADER)) {
                throw new IllegalStateException(csv + " is not a results file of this benchmark (its header is not '"
                        + CellResult.CSV_HEADER + "'); move it away or choose another out= directory");
            }
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    CellResult r = CellResult.ofCsv(line);
                    done.put(r.cell().key(), r);
                }
            }
            return done;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + csv, e);
        }
    }

    private static void append(Path csv, CellResult r) {
        try {
            Files.createDirectories(csv.toAbsolutePath().getParent());
            if (!Files.exists(csv)) {
                Files.writeString(csv, CellResult.CSV_HEADER + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(csv, r.toCsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not append to " + csv, e);
        }
    }

    /** The splits of a data set, loaded once. */
    MatrixData.Splits splits(String dataset) {
        return loaded.computeIfAbsent(dataset, d -> data.load(d, spec));
    }

    /** Whether this cell's run writes the scores behind the charts (keep-hardest, middle fraction, first seed). */
    boolean writesScores(Cell cell) {
        return cell.rule() == RuleKind.KEEP_HARDEST && cell.seed() == spec.seeds().get(0)
                && cell.kept() == spec.kept().get(spec.kept().size() / 2);
    }

    static Path scoresFile(Path out, String dataset, ScoreKind score) {
        return out.resolve("scores").resolve(dataset + "-" + score.columnName() + ".csv");
    }

    private CellResult runCell(Cell cell) {
        MatrixData.Splits s = splits(cell.dataset());
        DataSet train = s.train().toDataSet();
        DataSet test = s.test().toDataSet();
        String name = String.format(Locale.ROOT, "%s %s %s %.0f%% seed %d", cell.dataset(), cell.score().columnName(),
                cell.rule().label(), 100 * cell.kept(), cell.seed());
        long seed = cell.seed();
        if (cell.rule() == RuleKind.FULL_DATA) {
            TrainingRuns.Result r = TrainingRuns.full(name, data.network(s, seed), train, test, spec.epochs(), seed);
            return logged(new CellResult(cell, r.testAccuracy(), r.seconds(), 0, r.examplesProcessed(),
                    train.numExamples()));
        }
        double tuningSeconds = 0;
        SelectionRule rule = switch (cell.rule()) {
            case KEEP_HARDEST -> ScoreRangeRule.keepHardest(cell.kept());
            case KEEP_EASIEST -> ScoreRangeRule.keepEasiest(cell.kept());
            case RANDOM -> RandomRule.keep(cell.kept(), seed);
            case TUNED_RANGE -> null;
            case FULL_DATA -> throw new AssertionError();
        };
        if (rule == null) {
            long start = System.nanoTime();
            rule = RangeTuner.builder(data.network(s, seed).getLayerWiseConfigurations(), train,
                            s.validation().toDataSet())
                    .maxKeptFraction(cell.kept()).minKeptFraction(spec.tunedFloor() * cell.kept()).score(cell.score()).warmupEpochs(spec.warmupEpochs())
                    .proxyEpochs(1).randomSearch(spec.tuneCandidates(), seed).seed(seed).build().tune().bestRule();
            tuningSeconds = (System.nanoTime() - start) / 1e9;
        }
        Path scores = writesScores(cell) ? scoresFile(out, cell.dataset(), cell.score()) : null;
        TrainingRuns.Result r = TrainingRuns.pruned(name, data.network(s, seed), train, test, spec.epochs(), seed, rule,
                b -> {
                    b.warmupEpochs(spec.warmupEpochs()).score(cell.score()).outliers(0);
                    if (scores != null) {
                        b.scoresCsv(scores);
                    }
                });
        return logged(new CellResult(cell, r.testAccuracy(), r.seconds(), tuningSeconds, r.examplesProcessed(),
                r.report().keptCount()));
    }

    private static CellResult logged(CellResult r) {
        log.info("{}: accuracy {}, fit {} s, tuning {} s", r.cell().key(),
                String.format(Locale.ROOT, "%.4f", r.testAccuracy()), String.format(Locale.ROOT, "%.1f", r.seconds()),
                String.format(Locale.ROOT, "%.1f", r.tuningSeconds()));
        return r;
    }
}
