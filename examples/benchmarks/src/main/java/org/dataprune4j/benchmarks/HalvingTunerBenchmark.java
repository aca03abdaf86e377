package org.dataprune4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dataprune4j.PruningListener;
import org.dataprune4j.benchmarks.matrix.RealData;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.LabelNoise;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.tune.HalvingTuner;
import org.dataprune4j.tune.SavedTuning;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The successive-halving tuner's cost and quality (docs/BENCHMARKS.md): on all 55,000 training images (the last
 * 5,000 held out, clean, for validation), clean and with symmetric label flips, per seed and in one process: a
 * full-data run, the tuned range (tuned at the swap on the run's own warm-up), keep-hardest and random at the same
 * budget. The tuning cost is the search's wall time over the full-data run's.
 *
 * <p>Arguments: {@code datasets=fashion-mnist,mnist seeds=2 epochs=10 warmup=2 budget=0.5 noise=0,0.1
 * finalProxyEpochs=1 trainSize=55000 out=target/halving}. {@code trainSize} takes the first that many of the 55,000
 * training images (a small data set).
 */
public final class HalvingTunerBenchmark {
    private static final Logger log = LoggerFactory.getLogger(HalvingTunerBenchmark.class);

    private HalvingTunerBenchmark() {
    }

    /** One setting and seed. */
    record Row(String dataset, double noise, long seed, String range, double full, double tuned, double hardest,
               double random, double fullSeconds, double tuningSeconds, double tunedRunSeconds, long tuningExamples) {
        double costRatio() {
            return tuningSeconds / fullSeconds;
        }
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        List<String> datasets = List.of(a.value("datasets", "fashion-mnist,mnist").split(","));
        int seeds = a.intValue("seeds", 2);
        int epochs = a.intValue("epochs", 10);
        int warmup = a.intValue("warmup", 2);
        double budget = a.doubleValue("budget", 0.5);
        double proxy = a.doubleValue("finalProxyEpochs", 1.0);
        int trainSize = a.intValue("trainSize", 55_000);
        List<Double> noises = Arrays.stream(a.value("noise", "0,0.1").split(",")).map(Double::valueOf).toList();
        Path out = Paths.get(a.value("out", "target/halving"));
        Files.createDirectories(out);
        List<Row> rows = new ArrayList<>();
        for (String name : datasets) {
            ImageDataset which = RealData.byName(name);
            LabelledImages all = Datasets.load(which, Split.TRAIN);
            LabelledImages pool = all.head(Math.min(trainSize, 55_000));
            DataSet validation = all.slice(55_000, 60_000).toDataSet();
            DataSet test = Datasets.load(which, Split.TEST).toDataSet();
            for (double noise : noises) {
                for (long seed = 1; seed <= seeds; seed++) {
                    LabelledImages images = noise > 0 ? LabelNoise.symmetric(pool, noise, 100 + seed).images() : pool;
                    rows.add(row(name, noise, seed, images.toDataSet(), validation, test, epochs, warmup, budget,
                            proxy, out));
                    Files.writeString(out.resolve("halving.md"), markdown(rows, budget, proxy, epochs, warmup));
                }
            }
        }
        System.out.println(markdown(rows, budget, proxy, epochs, warmup));
    }

    private static Row row(String dataset, double noise, long seed, DataSet train, DataSet validation, DataSet test,
                           int epochs, int warmup, double budget, double proxy, Path out) {
        log.info("{} noise {} seed {}", dataset, noise, seed);
        TrainingRuns.Result full = TrainingRuns.full("full", ExampleNetworks.mlp(seed), train, test, epochs, seed);
        Path file = out.resolve(String.format(Locale.ROOT, "tuning-%s-%.2f-%d.json", dataset, noise, seed));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        HalvingTuner tuner = HalvingTuner.builder(validation, budget).finalProxyEpochs(proxy).seed(seed)
                .savedTo(file).build();
        TrainingRuns.Result tuned = TrainingRuns.pruned("tuned", ExampleNetworks.mlp(seed), train, test, epochs, seed,
                it -> PruningListener.builder(it, tuner).warmupEpochs(warmup).outliers(0));
        SavedTuning saved = SavedTuning.read(file);
        double hardest = pruned("hardest", ScoreRangeRule.keepHardest(budget), seed, train, test, epochs, warmup);
        double random = pruned("random", RandomRule.keep(budget, seed), seed, train, test, epochs, warmup);
        Row r = new Row(dataset, noise, seed, saved.range().toString(), full.testAccuracy(), tuned.testAccuracy(),
                hardest, random, full.seconds(), saved.seconds(), tuned.seconds(), saved.trainedExamples());
        log.info("{}", r);
        return r;
    }

    private static double pruned(String name, SelectionRule rule, long seed, DataSet train, DataSet test, int epochs,
                                 int warmup) {
        return TrainingRuns.pruned(name, ExampleNetworks.mlp(seed), train, test, epochs, seed, rule,
                b -> b.warmupEpochs(warmup).outliers(0)).testAccuracy();
    }

    static String markdown(List<Row> rows, double budget, double proxy, int epochs, int warmup) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Budget %.0f%% kept; 9 windows, eta 3, last"
                + " rung %.2f subset-epochs; %d epochs (%d warm-up); validation = last 5,000 training images (clean);"
                + " OMP_NUM_THREADS=%s%n%n", 100 * budget, proxy, epochs, warmup, System.getenv("OMP_NUM_THREADS")));
        s.append("| data | flipped | seed | tuned range | test %: full / tuned / hardest / random | tuned - hardest"
                + " | tuned - random | full run s | tuning s (examples) | tuning cost / full run |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            s.append(String.format(Locale.ROOT, "| %s | %.0f%% | %d | %s | %.2f / %.2f / %.2f / %.2f | %+.2f | %+.2f |"
                            + " %.1f | %.1f (%,d) | %.2fx |%n", r.dataset(), 100 * r.noise(), r.seed(), r.range(),
                    100 * r.full(), 100 * r.tuned(), 100 * r.hardest(), 100 * r.random(),
                    100 * (r.tuned() - r.hardest()), 100 * (r.tuned() - r.random()), r.fullSeconds(),
                    r.tuningSeconds(), r.tuningExamples(), r.costRatio()));
        }
        return s.toString();
    }
}
