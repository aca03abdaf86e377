package org.dataprune4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningLedger;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningListenerBuilder;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.ProcessMemory;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.schedule.RandomDynamicSchedule;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic pruning side by side with the single swap and full data, on one data set in one process (issue 13): for
 * each seed, full data; the static swap (keep hardest 50%, range [0.48, 0.98], 2 warm-up epochs); re-selection of
 * the hardest 50% every epoch; soft pruning (InfoBatch's rule, r = 0.5, delta = 0.875) by EL2N and by the loss; and a
 * fresh random subset every epoch sized so that it trains as many examples as the soft-pruning-by-loss run of the
 * same seed. Every run's cost comes from the listener's ledger.
 *
 * <p>With {@code configs=equal}, each seed runs full data, soft pruning by loss, and the static swap and
 * re-selection of the hardest examples sized to train as many examples as that soft-pruning run.
 *
 * <p>Arguments: {@code dataset=fashion-mnist seeds=3 firstSeed=1 epochs=10 configs=all
 * out=target/dynamic-benchmark.md}.
 */
public final class DynamicBenchmark {
    private static final Logger log = LoggerFactory.getLogger(DynamicBenchmark.class);
    private static final int WARMUP = 2;

    private DynamicBenchmark() {
    }

    /** One configuration's runs over the seeds. */
    private record Runs(List<TrainingRuns.Result> results) {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        int seeds = a.intValue("seeds", 3);
        int firstSeed = a.intValue("firstSeed", 1);
        int epochs = a.intValue("epochs", 10);
        String name = a.value("dataset", "fashion-mnist");
        Path out = Path.of(a.value("out", "target/dynamic-benchmark.md"));
        ImageDataset dataset = name.equals("mnist") ? ImageDataset.MNIST : ImageDataset.FASHION_MNIST;
        DataSet train = Datasets.load(dataset, Split.TRAIN).toDataSet();
        DataSet test = Datasets.load(dataset, Split.TEST).toDataSet();
        int n = train.numExamples();

        Map<String, List<TrainingRuns.Result>> runs = new LinkedHashMap<>();
        boolean all = a.value("configs", "all").equals("all");
        for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
            run(runs, TrainingRuns.full("full data", ExampleNetworks.mlp(seed), train, test, epochs, seed));
            if (all) {
                run(runs, pruned("static: keep hardest 50%", seed, train, test, epochs, it -> PruningListener
                        .builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(WARMUP)));
                run(runs, pruned("static: range [0.48, 0.98]", seed, train, test, epochs, it -> PruningListener
                        .builder(it, ScoreRangeRule.quantiles(0.48, 0.98)).warmupEpochs(WARMUP)));
                run(runs, pruned("re-select hardest 50% every epoch (EL2N)", seed, train, test, epochs,
                        it -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                                .schedule(ReselectSchedule.every(1, WARMUP))));
                run(runs, pruned("soft pruning by EL2N (InfoBatch's rule)", seed, train, test, epochs,
                        it -> PruningListener.builder(it, SoftPruningSchedule.builder(epochs).build())));
            }
            TrainingRuns.Result soft = run(runs, pruned("soft pruning by loss (InfoBatch)", seed, train, test, epochs,
                    it -> PruningListener.builder(it, SoftPruningSchedule.builder(epochs).build())
                            .score(ScoreKind.LOSS)));
            if (all) {
                // the same examples trained as InfoBatch's run: all data in epoch 1, then a fresh fraction every epoch
                double f = Math.min(1, (double) (soft.examplesProcessed() - n) / ((long) n * (epochs - 1)));
                run(runs, pruned(String.format(Locale.ROOT, "random dynamic, same examples as InfoBatch (%.3f)", f),
                        seed, train, test, epochs, it -> PruningListener.builder(it, RandomDynamicSchedule.keep(f, 1))));
            } else {
                // the score-based rules at InfoBatch's examples: all data for the warm-up, then a fraction every epoch
                double f = Math.min(1, (double) (soft.examplesProcessed() - (long) WARMUP * n)
                        / ((long) n * (epochs - WARMUP)));
                run(runs, pruned(String.format(Locale.ROOT, "static: keep hardest, same examples as InfoBatch (%.3f)",
                        f), seed, train, test, epochs, it -> PruningListener
                        .builder(it, ScoreRangeRule.keepHardest(f)).warmupEpochs(WARMUP)));
                run(runs, pruned(String.format(Locale.ROOT, "re-select hardest every epoch, same examples as InfoBatch"
                        + " (%.3f)", f), seed, train, test, epochs, it -> PruningListener
                        .builder(it, ScoreRangeRule.keepHardest(f)).schedule(ReselectSchedule.every(1, WARMUP))));
            }
        }
        String md = markdown(name, n, firstSeed, seeds, epochs, runs);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        System.out.println(md);
        log.info("Wrote {}", out.toAbsolutePath());
    }

    private static TrainingRuns.Result pruned(String name, int seed, DataSet train, DataSet test, int epochs,
                                              Function<PruningIterator, PruningListenerBuilder> listener) {
        return TrainingRuns.pruned(name, ExampleNetworks.mlp(seed), train, test, epochs, seed, listener);
    }

    private static TrainingRuns.Result run(Map<String, List<TrainingRuns.Result>> runs, TrainingRuns.Result r) {
        int bracket = r.name().indexOf(" (0.");
        String key = r.name().contains("same examples") && bracket > 0 ? r.name().substring(0, bracket) : r.name();
        runs.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        log.info("{}: {} % in {} s, {} examples", r.name(), String.format(Locale.ROOT, "%.2f", 100 * r.testAccuracy()),
                String.format(Locale.ROOT, "%.1f", r.seconds()), r.examplesProcessed());
        return r;
    }

    private static String markdown(String dataset, int n, int firstSeed, int seeds, int epochs,
                                   Map<String, List<TrainingRuns.Result>> runs) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run on %s, Java %s, %d cores, OMP_NUM_THREADS=%s; %s, %,d training"
                        + " images, MLP 784-512-256-10, batch %d, %d epochs, seeds %d-%d%n%n",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"), dataset, n,
                TrainingRuns.BATCH_SIZE, epochs, firstSeed, firstSeed + seeds - 1));
        List<TrainingRuns.Result> full = runs.get("full data");
        md.append("| run | test accuracy % (mean; per seed) | Δ vs full (pp) | wall-time ratio (median of seeds) |"
                + " examples ratio | ledger (seed 1) |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<TrainingRuns.Result>> e : runs.entrySet()) {
            List<TrainingRuns.Result> rs = e.getValue();
            double mean = rs.stream().mapToDouble(TrainingRuns.Result::testAccuracy).average().orElse(Double.NaN);
            double fullMean = full.stream().mapToDouble(TrainingRuns.Result::testAccuracy).average().orElse(Double.NaN);
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < rs.size(); i++) {
                ratios.add(rs.get(i).seconds() / full.get(i).seconds());
            }
            ratios.sort(Double::compare);
            double examples = rs.stream().mapToDouble(r -> r.examplesProcessed() / (double) ((long) n * epochs))
                    .average().orElse(Double.NaN);
            StringBuilder perSeed = new StringBuilder();
            for (TrainingRuns.Result r : rs) {
                perSeed.append(perSeed.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                        100 * r.testAccuracy()));
            }
            String ledger = rs.get(0).report() == null ? "-" : rs.get(0).report().ledger()
                    .map(DynamicBenchmark::shortLedger).orElse("-");
            md.append(String.format(Locale.ROOT, "| %s | %.2f (%s) | %+.2f | %.3f | %.3f | %s |%n", e.getKey(),
                    100 * mean, perSeed, 100 * (mean - fullMean), ratios.get(ratios.size() / 2), examples, ledger));
        }
        md.append(String.format(Locale.ROOT, "%nPeak RSS of the benchmark process: %d MiB%n",
                ProcessMemory.peakRssMiB()));
        return md.toString();
    }

    private static String shortLedger(PruningLedger l) {
        return String.format(Locale.ROOT, "%,d trained, %d weighted + %d annealing epochs; %.1f s training, %.1f s"
                        + " scoring, %.2f s selection", l.examplesTrained(), l.weightedEpochs(), l.annealingEpochs(),
                l.trainingTime().toNanos() / 1e9, l.scoringTime().toNanos() / 1e9,
                l.selectionTime().toNanos() / 1e9);
    }
}
