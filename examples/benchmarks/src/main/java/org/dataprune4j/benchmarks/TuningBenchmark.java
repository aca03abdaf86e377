package org.dataprune4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.RangeTuningExample.Split55;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.tune.RangeSpace;
import org.dataprune4j.tune.RangeTuner;
import org.dataprune4j.tune.TuningResult;
import org.dataprune4j.tune.WarmedUp;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The range-tuning evidence of docs/BENCHMARKS.md: on a small (5,000) and a large (55,000) Fashion-MNIST
 * training set, and on the large one with 10% flipped labels, tune the range at a budget of kept data, then
 * compare it with keep-hardest, keep-easiest and random at the same budget: on the validation set by the
 * tuner's proxy runs, and on the test set by real 10-epoch runs (2 warm-up epochs, then the kept subset).
 *
 * <p>Arguments: {@code budget=0.5 candidates=24 seeds=2 epochs=10 settings=small,large,noisy out=...}.
 */
public final class TuningBenchmark {
    private static final Logger log = LoggerFactory.getLogger(TuningBenchmark.class);

    private TuningBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        double budget = a.doubleValue("budget", 0.5);
        int candidates = a.intValue("candidates", 24);
        int seeds = a.intValue("seeds", 2);
        int epochs = a.intValue("epochs", 10);
        String settings = a.value("settings", "small,large,noisy");
        Path out = Paths.get(a.value("out", "target/tuning-benchmark.md"));
        LabelledImages all = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN);
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).toDataSet();

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Budget %.0f%% kept; %d random candidates, 2 warm-up + 2 proxy epochs"
                + " on the whole training set; validation = last 5,000 training images; real runs %d epochs"
                + " (2 warm-up); OMP_NUM_THREADS=%s%n%n", 100 * budget, candidates, epochs,
                System.getenv("OMP_NUM_THREADS")));
        md.append("| setting | seed | tuned range | tuning s (scoring + search) | validation acc: tuned / hardest /"
                + " easiest / random | test acc %: full / tuned / hardest / easiest / random | wall s: full /"
                + " tuned |\n|---|---|---|---|---|---|---|\n");
        for (String setting : settings.split(",")) {
            for (int s = 1; s <= seeds; s++) {
                md.append(row(setting, s, all, test, budget, candidates, epochs));
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, md.toString());
            }
        }
        System.out.println(md);
        log.info("Wrote {}", out.toAbsolutePath());
    }

    private static String row(String setting, long seed, LabelledImages all, DataSet test, double budget,
                              int candidates, int epochs) {
        double noise = setting.equals("noisy") ? 0.10 : 0.0;
        int size = setting.equals("small") ? 5_000 : 55_000;
        Split55 split = Split55.of(all, noise, 7 + seed);
        DataSet train = size < 55_000 ? (DataSet) split.train().getRange(0, size) : split.train();
        train = train.copy();
        log.info("Setting {} (n={}, noise {}), seed {}", setting, size, noise, seed);

        RangeTuner tuner = RangeTuner.builder(ExampleNetworks.mlp(seed).getLayerWiseConfigurations(), train,
                        split.validation())
                .space(new RangeSpace(0, 1 - budget / 4, budget / 4, 1)).maxKeptFraction(budget)
                .randomSearch(candidates, seed).seed(seed).proxyEpochs(2).build();
        WarmedUp warm = tuner.warmUp();
        TuningResult tuned = warm.search();
        Map<String, SelectionRule> rules = new LinkedHashMap<>();
        rules.put("tuned", tuned.bestRule());
        rules.put("hardest", ScoreRangeRule.keepHardest(budget));
        rules.put("easiest", ScoreRangeRule.keepEasiest(budget));
        rules.put("random", RandomRule.keep(budget, seed));
        StringBuilder validation = new StringBuilder();
        for (Map.Entry<String, SelectionRule> e : rules.entrySet()) {
            double v = e.getKey().equals("tuned") ? tuned.best().orElseThrow().objective() : warm.evaluate(e.getValue());
            validation.append(validation.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.4f", v));
        }
        TrainingRuns.Result full = TrainingRuns.full("full", ExampleNetworks.mlp(seed), train, test, epochs, seed);
        StringBuilder testAcc = new StringBuilder(String.format(Locale.ROOT, "%.2f", 100 * full.testAccuracy()));
        double tunedSeconds = 0;
        for (Map.Entry<String, SelectionRule> e : rules.entrySet()) {
            TrainingRuns.Result r = TrainingRuns.pruned(e.getKey(), ExampleNetworks.mlp(seed), train, test, epochs,
                    seed, e.getValue(), b -> b.warmupEpochs(2).outliers(0));
            testAcc.append(String.format(Locale.ROOT, " / %.2f", 100 * r.testAccuracy()));
            if (e.getKey().equals("tuned")) {
                tunedSeconds = r.seconds();
            }
        }
        return String.format(Locale.ROOT, "| %s (n=%,d%s) | %d | %s (keeps %.0f%%) | %.1f (%.1f + %.1f) | %s | %s | %.1f"
                        + " / %.1f |%n", setting, size, noise > 0 ? ", 10% flipped" : "", seed,
                tuned.best().orElseThrow().range(), 100 * tuned.best().orElseThrow().range().keptFraction(),
                tuned.totalSeconds(), tuned.scoringSeconds(), tuned.searchSeconds(), validation, testAcc,
                full.seconds(), tunedSeconds);
    }
}
