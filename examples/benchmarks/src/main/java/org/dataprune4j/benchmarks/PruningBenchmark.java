package org.dataprune4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.LabelNoise;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.NoiseDetection;
import org.dataprune4j.examples.ProcessMemory;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark behind docs/BENCHMARKS.md, on Fashion-MNIST with the reference MLP, in one process so that
 * every ratio compares runs measured side by side:
 * <ol>
 *   <li>listener overhead: plain epochs and scoring epochs, alternated;</li>
 *   <li>{@code graph}: the same overhead for the MLP built as a ComputationGraph, beside the network;</li>
 *   <li>{@code prefetch}: the iterator's own prefetch thread against none and against DL4J's wrapper;</li>
 *   <li>GraNd over K=5 fresh initialisations against one plain epoch;</li>
 *   <li>full-data training against pruned runs (keep hardest 50%, range [0.48, 0.98], random 50%), each seed
 *       trained with every configuration;</li>
 *   <li>the EL2N source: training passes against one evaluation pass, by how many planted flipped labels land in
 *       the top 5%.</li>
 * </ol>
 * Arguments: {@code seeds=3 epochs=10 overheadPairs=5 out=target/benchmark.md}. Writes a Markdown report.
 */
public final class PruningBenchmark {
    private static final Logger log = LoggerFactory.getLogger(PruningBenchmark.class);

    private PruningBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        int seeds = a.intValue("seeds", 3);
        int epochs = a.intValue("epochs", 10);
        int pairs = a.intValue("overheadPairs", 5);
        Path out = Paths.get(a.value("out", "target/benchmark.md"));
        String sections = a.value("sections", "overhead,grand,training,source");

        LabelledImages trainImages = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN);
        DataSet train = trainImages.toDataSet();
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).toDataSet();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run on %s, Java %s, %d cores, OMP_NUM_THREADS=%s; seeds=%d epochs=%d%n%n",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"), seeds, epochs));

        double plainEpoch = Double.NaN;
        if (sections.contains("overhead")) {
            plainEpoch = overhead(train, test, pairs, md);
        }
        if (sections.contains("prefetch")) {
            prefetch(train, test, pairs, md);
        }
        if (sections.contains("graph")) {
            graphOverhead(train, test, pairs, md);
        }
        if (sections.contains("grand")) {
            grand(train, test, seeds, plainEpoch, md);
        }
        if (sections.contains("training")) {
            training(train, test, seeds, epochs, md);
        }
        if (sections.contains("source")) {
            el2nSource(trainImages, seeds, md);
        }
        md.append(String.format(Locale.ROOT, "%nPeak RSS of the benchmark process: %d MiB%n", ProcessMemory.peakRssMiB()));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
        log.info("Wrote {}", out.toAbsolutePath());
    }

    /** Alternates plain and scoring epochs on fresh networks; returns the median plain epoch in seconds. */
    private static double overhead(DataSet train, DataSet test, int pairs, StringBuilder md) {
        log.info("Overhead: {} pairs of one plain epoch and one scoring epoch, after one warm-up pair", pairs);
        List<Double> plain = new ArrayList<>();
        List<Double> scoring = new ArrayList<>();
        List<Double> listenerSeconds = new ArrayList<>();
        for (int i = 0; i <= pairs; i++) {
            double p = TrainingRuns.full("plain", ExampleNetworks.mlp(i), train, test, 1, i).seconds();
            PruningIterator it = PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(i).build();
            PruningListener listener = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                    .warmupEpochs(1_000).build();
            MultiLayerNetwork net = ExampleNetworks.mlp(i);
            net.setListeners(listener);
            long start = System.nanoTime();
            net.fit(it, 1);
            double s = (System.nanoTime() - start) / 1e9;
            if (i > 0) {
                plain.add(p);
                scoring.add(s);
                listenerSeconds.add(listener.scoringTime().toNanos() / 1e9);
            }
        }
        double mp = median(plain);
        double ms = median(scoring);
        double ml = median(listenerSeconds);
        md.append("## Listener overhead (one epoch, 60,000 examples)\n\n");
        md.append("| | median s | runs |\n|---|---|---|\n");
        md.append(row("plain epoch (unpruned PruningIterator)", mp, plain));
        md.append(row("epoch with PruningIterator + scoring listener", ms, scoring));
        md.append(row("of which the listener's own scoring work", ml, listenerSeconds));
        md.append(String.format(Locale.ROOT, "%nWall-time ratio scoring/plain: **%.3f** (%+.1f%%); listener work / plain"
                + " epoch: **%.1f%%**%n%n", ms / mp, 100 * (ms / mp - 1), 100 * ml / mp));
        return mp;
    }

    /**
     * The listener's overhead on the reference MLP built as a ComputationGraph beside the same MLP as a
     * MultiLayerNetwork: rounds of four epochs (plain network, plain graph, scoring network, scoring graph) on fresh
     * models of the same seed; medians after one warm-up round.
     */
    private static void graphOverhead(DataSet train, DataSet test, int rounds, StringBuilder md) {
        log.info("Graph overhead: {} rounds of plain and scoring epochs, network and graph", rounds);
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> listenerWork = new LinkedHashMap<>();
        for (int i = 0; i <= rounds; i++) {
            for (String kind : List.of("mlp", "graph")) {
                double plain = TrainingRuns.full("plain " + kind, ExampleNetworks.reference(kind, i), train, test, 1, i)
                        .seconds();
                PruningIterator it = PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(i).build();
                PruningListener listener = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                        .warmupEpochs(1_000).build();
                Model model = ExampleNetworks.reference(kind, i);
                model.setListeners(listener);
                long start = System.nanoTime();
                TrainingRuns.fit(model, it, 1);
                double scoring = (System.nanoTime() - start) / 1e9;
                if (i > 0) {
                    wall.computeIfAbsent("plain " + kind, k -> new ArrayList<>()).add(plain);
                    wall.computeIfAbsent("scoring " + kind, k -> new ArrayList<>()).add(scoring);
                    listenerWork.computeIfAbsent(kind, k -> new ArrayList<>())
                            .add(listener.scoringTime().toNanos() / 1e9);
                }
            }
        }
        md.append("## Listener overhead, ComputationGraph beside MultiLayerNetwork (one epoch, 60,000 examples)\n\n");
        md.append("| | median s | runs |\n|---|---|---|\n");
        for (Map.Entry<String, List<Double>> e : wall.entrySet()) {
            md.append(row(e.getKey() + " epoch", median(e.getValue()), e.getValue()));
        }
        for (Map.Entry<String, List<Double>> e : listenerWork.entrySet()) {
            md.append(row("listener's scoring work, " + e.getKey(), median(e.getValue()), e.getValue()));
        }
        for (String kind : List.of("mlp", "graph")) {
            double p = median(wall.get("plain " + kind));
            double sc = median(wall.get("scoring " + kind));
            md.append(String.format(Locale.ROOT, "%n%s: scoring/plain wall time **%.3f** (%+.1f%%); listener work /"
                    + " plain epoch **%.1f%%**", kind, sc / p, 100 * (sc / p - 1),
                    100 * median(listenerWork.get(kind)) / p));
        }
        md.append("\n\n");
    }

    /**
     * One plain epoch of the reference MLP fed three ways, in rounds on fresh networks of the round's seed: the
     * unpruned PruningIterator with its own prefetch thread (the default since issue 12), the same without prefetch,
     * and the same batches through DL4J's own AsyncDataSetIterator (what the PruningIterator used before).
     */
    private static void prefetch(DataSet train, DataSet test, int rounds, StringBuilder md) {
        log.info("Prefetch: {} rounds of three plain epochs", rounds);
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        for (int i = 0; i <= rounds; i++) {
            Map<String, DataSetIterator> feeds = new LinkedHashMap<>();
            feeds.put("own prefetch thread (default)", PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(i)
                    .unpruned().build());
            feeds.put("no prefetch", PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(i).unpruned()
                    .asyncPrefetch(false).build());
            feeds.put("DL4J AsyncDataSetIterator", new AsyncDataSetIterator(
                    PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(i).unpruned().asyncPrefetch(false)
                            .build(), 2, true));
            for (Map.Entry<String, DataSetIterator> e : feeds.entrySet()) {
                MultiLayerNetwork net = ExampleNetworks.mlp(i);
                long start = System.nanoTime();
                net.fit(e.getValue(), 1);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (i > 0) {
                    wall.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(seconds);
                }
            }
        }
        md.append("## Prefetch (one plain epoch, 60,000 examples)\n\n| feed | median s | runs |\n|---|---|---|\n");
        for (Map.Entry<String, List<Double>> e : wall.entrySet()) {
            md.append(row(e.getKey(), median(e.getValue()), e.getValue()));
        }
        double own = median(wall.get("own prefetch thread (default)"));
        md.append(String.format(Locale.ROOT, "%nOwn prefetch / DL4J's: **%.3f**; own prefetch / none: **%.3f**%n%n",
                own / median(wall.get("DL4J AsyncDataSetIterator")), own / median(wall.get("no prefetch"))));
    }

    private static void grand(DataSet train, DataSet test, int seeds, double plainEpoch, StringBuilder md) {
        log.info("GraNd: K=5 fresh initialisations, {} repetitions", seeds);
        List<Double> grandSeconds = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int s = 1; s <= seeds; s++) {
            plain.add(TrainingRuns.full("plain", ExampleNetworks.mlp(s), train, test, 1, s).seconds());
            PruningIterator it = PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(s).build();
            PruningListener listener = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                    .score(ScoreKind.GRAND).grandInitialisations(5).build();
            MultiLayerNetwork net = ExampleNetworks.mlp(s);
            net.setListeners(listener);
            net.fit(it, 1);
            grandSeconds.add(listener.scoringTime().toNanos() / 1e9);
        }
        double mg = median(grandSeconds);
        double mp = median(plain);
        md.append("## GraNd at initialisation, K=5, all 60,000 examples\n\n");
        md.append("| | median s | runs |\n|---|---|---|\n");
        md.append(row("plain epoch", mp, plain));
        md.append(row("GraNd K=5 (listener scoring time, incl. its training-pass work)", mg, grandSeconds));
        md.append(String.format(Locale.ROOT, "%nGraNd K=5 / plain epoch: **%.2f**%n%n", mg / mp));
    }

    private static void training(DataSet train, DataSet test, int seeds, int epochs, StringBuilder md) {
        Map<String, List<TrainingRuns.Result>> results = new LinkedHashMap<>();
        for (int s = 1; s <= seeds; s++) {
            long seed = s;
            log.info("Training, seed {} of {}", s, seeds);
            add(results, TrainingRuns.full("full", ExampleNetworks.mlp(seed), train, test, epochs, seed));
            add(results, TrainingRuns.pruned("EL2N keep hardest 50%", ExampleNetworks.mlp(seed), train, test, epochs,
                    seed, ScoreRangeRule.keepHardest(0.5), b -> b.warmupEpochs(2)));
            add(results, TrainingRuns.pruned("EL2N range [0.48, 0.98]", ExampleNetworks.mlp(seed), train, test, epochs,
                    seed, ScoreRangeRule.quantiles(0.48, 0.98), b -> b.warmupEpochs(2)));
            add(results, TrainingRuns.pruned("random 50%", ExampleNetworks.mlp(seed), train, test, epochs, seed,
                    RandomRule.keep(0.5, seed), b -> b.warmupEpochs(2)));
        }
        List<TrainingRuns.Result> full = results.get("full");
        md.append(String.format(Locale.ROOT, "## Full vs pruned training (%d epochs, 2 warm-up, 50%% kept)%n%n", epochs));
        md.append("| run | test accuracy % (median; per seed) | Δ vs full, pp (median) | wall s (median)"
                + " | time ratio vs full (median of per-seed ratios) | examples processed | scoring s |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<TrainingRuns.Result>> e : results.entrySet()) {
            List<TrainingRuns.Result> runs = e.getValue();
            List<Double> acc = runs.stream().map(r -> 100 * r.testAccuracy()).toList();
            List<Double> delta = deltaPp(runs, full);
            List<Double> ratio = timeRatios(runs, full);
            double scoring = runs.get(0).report() == null ? 0 : median(runs.stream()
                    .map(r -> r.report().scoringTime().toNanos() / 1e9).toList());
            md.append(String.format(Locale.ROOT, "| %s | %.2f; %s | %+.2f | %.1f | %.3f | %,d | %.2f |%n", e.getKey(),
                    median(acc), join(acc, "%.2f"), median(delta), median(runs.stream().map(
                            TrainingRuns.Result::seconds).toList()), median(ratio), runs.get(0).examplesProcessed(),
                    scoring));
        }
        md.append("\nEpoch times of the full runs, seconds (watch for a slowdown late in training):\n\n");
        for (TrainingRuns.Result r : full) {
            md.append("- ").append(join(r.epochSeconds(), "%.1f")).append('\n');
        }
        md.append('\n');
    }

    private static void el2nSource(LabelledImages clean, int seeds, StringBuilder md) {
        md.append("## EL2N source: training passes vs one evaluation pass (5% flipped labels, 2 warm-up epochs)\n\n");
        md.append("Share of the flipped examples among the top 5% by EL2N (random would give 5%).\n\n");
        md.append("| seed | training passes | evaluation pass |\n|---|---|---|\n");
        for (int s = 1; s <= seeds; s++) {
            LabelNoise.Noisy noisy = LabelNoise.symmetric(clean, 0.05, 100 + s);
            DataSet train = noisy.images().toDataSet();
            double[] found = new double[2];
            ScoreInput[] inputs = {ScoreInput.TRAINING_PASSES, ScoreInput.END_OF_WARMUP_PASS};
            for (int k = 0; k < 2; k++) {
                PruningReport report = NoiseDetection.warmupReport(train, s, inputs[k], 2);
                found[k] = NoiseDetection.flippedShareOfTop(report.scores().scores(ScoreKind.EL2N), noisy);
            }
            md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f |%n", s, found[0], found[1]));
        }
        md.append('\n');
    }

    private static void add(Map<String, List<TrainingRuns.Result>> results, TrainingRuns.Result r) {
        results.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r);
        log.info("{}: accuracy {}, {} s", r.name(), String.format(Locale.ROOT, "%.4f", r.testAccuracy()),
                String.format(Locale.ROOT, "%.1f", r.seconds()));
    }

    private static String row(String name, double median, List<Double> runs) {
        return String.format(Locale.ROOT, "| %s | %.2f | %s |%n", name, median, join(runs, "%.2f"));
    }

    /** Per seed: accuracy minus the full-data accuracy of the same seed, in percentage points. */
    static List<Double> deltaPp(List<TrainingRuns.Result> runs, List<TrainingRuns.Result> full) {
        List<Double> delta = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            delta.add(100 * (runs.get(i).testAccuracy() - full.get(i).testAccuracy()));
        }
        return delta;
    }

    /** Per seed: wall time over the full-data wall time of the same seed. */
    static List<Double> timeRatios(List<TrainingRuns.Result> runs, List<TrainingRuns.Result> full) {
        List<Double> ratio = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ratio.add(runs.get(i).seconds() / full.get(i).seconds());
        }
        return ratio;
    }

    static String join(List<Double> values, String format) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, format, v)).toList());
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
