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
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.ProcessMemory;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.extrapolate.ExtrapolationSummary;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.extrapolate.Spearman;
import org.dataprune4j.score.ClusteringSummary;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence for prototype distance and score extrapolation (docs/BENCHMARKS.md), with the reference MLP:
 * <ol>
 *   <li>pruning: full data against keep-hardest by label-free prototype, class-aligned prototype and EL2N, and
 *       random, at 30/50/70% kept, all with the in-loop swap after 2 warm-up epochs;</li>
 *   <li>extrapolation: after one 2-epoch warm-up that computes EL2N, GraNd (K=5) and forgetting on every example,
 *       the Spearman of scores extrapolated from 5/10/20% against the full ones, and the listener's own cost
 *       accounting for extrapolated GraNd.</li>
 * </ol>
 * Arguments: {@code datasets=fashion-mnist,mnist seeds=2 epochs=10 kept=0.3,0.5,0.7 sections=pruning,extrapolation
 * out=target/prototype-benchmark.md}.
 */
public final class PrototypeBenchmark {
    private static final Logger log = LoggerFactory.getLogger(PrototypeBenchmark.class);
    private static final int WARMUP = 2;

    private PrototypeBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        int seeds = a.intValue("seeds", 2);
        int epochs = a.intValue("epochs", 10);
        String sections = a.value("sections", "pruning,extrapolation");
        List<Double> kept = new ArrayList<>();
        for (String f : a.value("kept", "0.3,0.5,0.7").split(",")) {
            kept.add(Double.parseDouble(f));
        }
        Path out = Paths.get(a.value("out", "target/prototype-benchmark.md"));
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run on %s, Java %s, %d cores, OMP_NUM_THREADS=%s; seeds=%d epochs=%d"
                        + " warm-up=%d%n%n", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getenv("OMP_NUM_THREADS"), seeds, epochs, WARMUP));
        for (String name : a.value("datasets", "fashion-mnist,mnist").split(",")) {
            ImageDataset dataset = name.equals("mnist") ? ImageDataset.MNIST : ImageDataset.FASHION_MNIST;
            DataSet train = Datasets.load(dataset, Split.TRAIN).toDataSet();
            DataSet test = Datasets.load(dataset, Split.TEST).toDataSet();
            if (sections.contains("pruning")) {
                pruning(name, train, test, seeds, epochs, kept, md);
            }
            if (sections.contains("extrapolation")) {
                extrapolation(name, train, seeds, md);
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, md.toString());
        }
        md.append(String.format(Locale.ROOT, "Peak RSS of the benchmark process: %d MiB%n", ProcessMemory.peakRssMiB()));
        Files.writeString(out, md.toString());
        System.out.println(md);
        log.info("Wrote {}", out.toAbsolutePath());
    }

    private record Cell(String rule, double kept) {
    }

    private static void pruning(String dataset, DataSet train, DataSet test, int seeds, int epochs, List<Double> kept,
                                StringBuilder md) {
        Map<Cell, List<TrainingRuns.Result>> results = new LinkedHashMap<>();
        List<TrainingRuns.Result> full = new ArrayList<>();
        for (int s = 1; s <= seeds; s++) {
            long seed = s;
            full.add(log(TrainingRuns.full("full", ExampleNetworks.mlp(seed), train, test, epochs, seed)));
            for (double f : kept) {
                run(results, new Cell("prototype (label-free, k=10) keep hardest", f), train, test, epochs, seed,
                        ScoreRangeRule.keepHardest(f), ScoreKind.PROTOTYPE);
                run(results, new Cell("prototype (class-aligned) keep hardest", f), train, test, epochs, seed,
                        ScoreRangeRule.keepHardest(f), ScoreKind.PROTOTYPE_CLASS);
                run(results, new Cell("EL2N keep hardest", f), train, test, epochs, seed,
                        ScoreRangeRule.keepHardest(f), ScoreKind.EL2N);
                run(results, new Cell("random", f), train, test, epochs, seed, RandomRule.keep(f, seed),
                        ScoreKind.EL2N);
            }
        }
        List<Double> fullAcc = full.stream().map(r -> 100 * r.testAccuracy()).toList();
        md.append(String.format(Locale.ROOT, "## %s: prototype distance vs EL2N vs random (%d epochs, %d warm-up)%n%n",
                dataset, epochs, WARMUP));
        md.append(String.format(Locale.ROOT, "Full data: test accuracy %.2f%% (median; per seed %s), %.1f s.%n%n",
                PruningBenchmark.median(fullAcc), PruningBenchmark.join(fullAcc, "%.2f"),
                PruningBenchmark.median(full.stream().map(TrainingRuns.Result::seconds).toList())));
        md.append("| rule | kept | test accuracy % (median; per seed) | Δ vs full, pp | time ratio vs full |"
                + " scoring s |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<Cell, List<TrainingRuns.Result>> e : results.entrySet()) {
            List<TrainingRuns.Result> runs = e.getValue();
            List<Double> acc = runs.stream().map(r -> 100 * r.testAccuracy()).toList();
            List<Double> delta = PruningBenchmark.deltaPp(runs, full);
            List<Double> ratio = PruningBenchmark.timeRatios(runs, full);
            md.append(String.format(Locale.ROOT, "| %s | %.0f%% | %.2f; %s | %+.2f | %.3f | %.2f |%n", e.getKey().rule(),
                    100 * e.getKey().kept(), PruningBenchmark.median(acc), PruningBenchmark.join(acc, "%.2f"),
                    PruningBenchmark.median(delta), PruningBenchmark.median(ratio), PruningBenchmark.median(runs
                            .stream().map(r -> r.report().scoringTime().toNanos() / 1e9).toList())));
        }
        md.append("\nStep times of the prototype scores (median over runs): ");
        for (ScoreKind kind : List.of(ScoreKind.PROTOTYPE, ScoreKind.PROTOTYPE_CLASS)) {
            List<ClusteringSummary> c = results.values().stream().flatMap(List::stream)
                    .flatMap(r -> r.report().scoringDetails().clusterings().stream())
                    .filter(x -> x.kind() == kind).toList();
            if (!c.isEmpty()) {
                md.append(String.format(Locale.ROOT, "%s k-means %.2f s (%d centroids, %d dims, median %d iterations,"
                                + " inertia %.4g); ", kind.columnName(),
                        PruningBenchmark.median(c.stream().map(ClusteringSummary::seconds).toList()),
                        c.get(0).clusters(), c.get(0).dimensions(),
                        (int) PruningBenchmark.median(c.stream().map(x -> (double) x.iterations()).toList()),
                        PruningBenchmark.median(c.stream().map(ClusteringSummary::inertia).toList())));
            }
        }
        md.append("the embedding pass is part of each run's scoring seconds.\n\n");
    }

    private static void run(Map<Cell, List<TrainingRuns.Result>> results, Cell cell, DataSet train, DataSet test,
                            int epochs, long seed, SelectionRule rule, ScoreKind kind) {
        String name = String.format(Locale.ROOT, "%s %.0f%%", cell.rule(), 100 * cell.kept());
        TrainingRuns.Result r = TrainingRuns.pruned(name, ExampleNetworks.mlp(seed), train, test, epochs, seed, rule,
                b -> b.warmupEpochs(WARMUP).score(kind).outliers(0));
        results.computeIfAbsent(cell, k -> new ArrayList<>()).add(log(r));
    }

    private static TrainingRuns.Result log(TrainingRuns.Result r) {
        log.info("{}: accuracy {}, {} s", r.name(), String.format(Locale.ROOT, "%.4f", r.testAccuracy()),
                String.format(Locale.ROOT, "%.1f", r.seconds()));
        return r;
    }

    private static void extrapolation(String dataset, DataSet train, int seeds, StringBuilder md) {
        int n = train.numExamples();
        md.append(String.format(Locale.ROOT, "## %s: score extrapolation (after %d warm-up epochs; embeddings = the"
                + " 256-d last hidden layer; 10 neighbours)%n%n", dataset, WARMUP));
        md.append("Spearman of the extrapolated score against the score computed on every example, over the"
                + " predicted examples only (the scored ones are exact), and on the 20% hold-out of the scored"
                + " subset as the listener reports it.\n\n");
        md.append("| seed | score | scored | Spearman vs full (predicted examples) | hold-out Spearman | kNN s |\n");
        md.append("|---|---|---|---|---|---|\n");
        List<String> costRows = new ArrayList<>();
        for (int s = 1; s <= seeds; s++) {
            MultiLayerNetwork net = ExampleNetworks.mlp(s);
            PruningIterator it = PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(s).build();
            PruningListener listener = PruningListener.builder(it, ScoreRangeRule.quantiles(0, 1)).warmupEpochs(WARMUP)
                    .alsoCompute(ScoreKind.GRAND).grandInitialisations(5).outliers(0).build();
            net.setListeners(listener);
            net.fit(it, WARMUP);
            PruningReport full = listener.report();
            long start = System.nanoTime();
            INDArray embeddings = EmbeddingSpec.lastHiddenLayer().embed(net, train, 1000);
            double embedSeconds = (System.nanoTime() - start) / 1e9;
            log.info("{} seed {}: embedded {} x {} in {} s", dataset, s, embeddings.rows(), embeddings.columns(),
                    String.format(Locale.ROOT, "%.2f", embedSeconds));
            for (ScoreKind kind : List.of(ScoreKind.EL2N, ScoreKind.GRAND, ScoreKind.FORGETTING)) {
                double[] exact = full.scores().scores(kind);
                for (double f : List.of(0.05, 0.10, 0.20)) {
                    ScoreExtrapolation setting = ScoreExtrapolation.of(kind, f);
                    int[] ids = setting.scoredIds(n);
                    double[] values = new double[ids.length];
                    for (int j = 0; j < ids.length; j++) {
                        values[j] = exact[ids[j]];
                    }
                    ScoreExtrapolation.Outcome o = setting.extrapolate(embeddings, ids, values, 0, embedSeconds, false);
                    boolean[] scored = new boolean[n];
                    for (int id : ids) {
                        scored[id] = true;
                    }
                    double[] a = new double[n - ids.length];
                    double[] b = new double[n - ids.length];
                    for (int id = 0, j = 0; id < n; id++) {
                        if (!scored[id]) {
                            a[j] = exact[id];
                            b[j++] = o.scores()[id];
                        }
                    }
                    double rho = Spearman.correlation(a, b);
                    md.append(String.format(Locale.ROOT, "| %d | %s | %.0f%% (%,d) | %.3f | %.3f | %.2f |%n", s,
                            kind.columnName(), 100 * f, ids.length, rho, o.summary().holdoutSpearman(),
                            o.summary().searchSeconds()));
                    log.info("{} seed {} {} {}: Spearman {}", dataset, s, kind, f, rho);
                }
            }
            for (double f : List.of(0.05, 0.10, 0.20)) {
                MultiLayerNetwork net2 = ExampleNetworks.mlp(s);
                PruningIterator it2 = PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(s).build();
                PruningListener l2 = PruningListener.builder(it2, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(WARMUP)
                        .score(ScoreKind.GRAND).grandInitialisations(5).outliers(0)
                        .extrapolate(ScoreExtrapolation.of(ScoreKind.GRAND, f)).build();
                net2.setListeners(l2);
                net2.fit(it2, WARMUP);
                PruningReport r = l2.report();
                ExtrapolationSummary x = r.scoringDetails().extrapolation().orElseThrow();
                double rho = Spearman.correlation(full.scores().scores(ScoreKind.GRAND),
                        r.scores().scores(ScoreKind.GRAND));
                costRows.add(String.format(Locale.ROOT, "| %d | %.0f%% | %.2f | %.2f | %.2f | %.2f | %.2f | %+.2f |"
                                + " %.3f | %.3f |", s, 100 * f, x.scoringSeconds(), x.embeddingSeconds(),
                        x.searchSeconds(), x.scoringSeconds() + x.embeddingSeconds() + x.searchSeconds(),
                        x.fullScoringSecondsEstimate(), x.secondsSaved(), x.holdoutSpearman(), rho));
            }
        }
        md.append(String.format(Locale.ROOT, "%nGraNd (K=5) extrapolated inside the listener: the fresh-initialisation"
                + " passes run on the subset only. Cost as the report gives it, seconds:%n%n"));
        md.append("| seed | scored | GraNd passes on subset | embedding | kNN | total | all examples (scaled) | saved"
                + " | hold-out Spearman | Spearman vs full GraNd (all) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        costRows.forEach(row -> md.append(row).append('\n'));
        md.append('\n');
    }
}
