package org.dataprune4j.benchmarks.dynamics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.dataprune4j.ExtrapolatedScores;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.SubsetScoring;
import org.dataprune4j.benchmarks.budget.Workload;
import org.dataprune4j.benchmarks.noise.TestAccuracyCurve;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.EpochProgressListener;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.extrapolate.Extrapolator;
import org.dataprune4j.extrapolate.GraphExtrapolator;
import org.dataprune4j.extrapolate.KnnExtrapolator;
import org.dataprune4j.extrapolate.Spearman;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.schedule.GivenScoresSchedule;
import org.dataprune4j.schedule.PruningSchedule;
import org.dataprune4j.schedule.Rs2Schedule;
import org.dataprune4j.score.DynamicsWindow;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training-dynamics scores (issue 28) on the reference MLP: (1) how well Dynamic Uncertainty, TDDS and DUAL
 * extrapolated from a subset (5, 10, 20%) by kNN and by the graph network rank like the fully computed scores, and what
 * each costs; (2) pruning quality at 30, 50 and 70% kept, from the first epoch, against EL2N, forgetting and random,
 * and against full data, full data for fewer epochs and RS2, every run with a cosine fitted to its own length. The
 * examples ratio counts the scoring run (the ledger's).
 *
 * <p>Arguments: {@code dataset=fashion-mnist seeds=1,2 scoringEpochs=10 window=5 fractions=0.05,0.1,0.2
 * kept=0.3,0.5,0.7 epochs=10 lr=1e-3 extrapolators=knn,gcn pruneFraction=0.1 phases=spearman,prune
 * out=target/dynamics}. Resumable: full scores, extrapolated scores and every finished run are kept in {@code out}.
 */
public final class DynamicsBenchmark {
    private static final Logger log = LoggerFactory.getLogger(DynamicsBenchmark.class);
    static final List<ScoreKind> DYNAMICS = List.of(ScoreKind.DYNAMIC_UNCERTAINTY, ScoreKind.TDDS, ScoreKind.DUAL);
    private static final int BATCH = 128;

    private final Workload w;
    private final int scoringEpochs;
    private final int window;
    private final int epochs;
    private final double lr;
    private final Path out;
    private int gcnEpochs = 200;

    DynamicsBenchmark(Workload w, int scoringEpochs, int window, int epochs, double lr, Path out) {
        this.w = w;
        this.scoringEpochs = scoringEpochs;
        this.window = window;
        this.epochs = epochs;
        this.lr = lr;
        this.out = out;
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        String dataset = a.value("dataset", "fashion-mnist");
        Workload w = dataset.equals("tiny") ? Workload.tiny() : Workload.real(dataset);
        DynamicsBenchmark b = new DynamicsBenchmark(w, a.intValue("scoringEpochs", 10), a.intValue("window", 5),
                a.intValue("epochs", 10), a.doubleValue("lr", 1e-3), Path.of(a.value("out", "target/dynamics")));
        b.gcnEpochs = a.intValue("gcnEpochs", 200);
        List<Long> seeds = Arrays.stream(a.value("seeds", "1,2").split(",")).map(Long::valueOf).toList();
        List<Double> fractions = doubles(a.value("fractions", "0.05,0.1,0.2"));
        List<Double> kept = doubles(a.value("kept", "0.3,0.5,0.7"));
        List<String> extrapolators = List.of(a.value("extrapolators", "knn,gcn").split(","));
        double pruneFraction = a.doubleValue("pruneFraction", 0.1);
        String phases = a.value("phases", "spearman,prune");
        Files.createDirectories(b.out);
        for (long seed : seeds) {
            FullScores full = b.fullScores(seed);
            if (phases.contains("spearman")) {
                for (double f : fractions) {
                    for (String ex : extrapolators) {
                        b.extrapolate(seed, full, f, ex, f == pruneFraction);
                    }
                }
            }
            if (phases.contains("prune")) {
                for (double k : kept) {
                    b.pruneRuns(seed, full, k, extrapolators, pruneFraction);
                }
            }
        }
        DynamicsReport.write(b.out, w.name());
    }

    private static List<Double> doubles(String csv) {
        return Arrays.stream(csv.split(",")).map(Double::valueOf).toList();
    }

    private Model network(long seed, boolean fitted, FittedSchedule schedule) {
        return w.network().apply(seed, fitted ? new Adam(schedule) : new Adam(lr));
    }

    /** The fully computed scores of a seed: one run of the scoring epochs over all data, one of 2 epochs for EL2N. */
    FullScores fullScores(long seed) throws IOException {
        Path file = out.resolve("full-" + seed + ".csv");
        if (Files.exists(file)) {
            return FullScores.read(file);
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Long> trained = new LinkedHashMap<>();
        PruningIterator it = PruningIterator.builder(w.train(), BATCH).seed(seed).build();
        PruningListener dynamics = PruningListener.builder(it, ScoreRangeRule.quantiles(0, 1))
                .score(ScoreKind.DYNAMIC_UNCERTAINTY).alsoCompute(ScoreKind.TDDS, ScoreKind.DUAL, ScoreKind.FORGETTING)
                .warmupEpochs(scoringEpochs).dynamicsWindow(window).build();
        Model net = network(seed, false, null);
        net.setListeners(dynamics, new EpochProgressListener("full scoring seed " + seed, scoringEpochs));
        TrainingRuns.fit(net, it, scoringEpochs);
        ScoreTable t = dynamics.report().scores();
        double s = dynamics.ledger().wallTime().toNanos() / 1e9;
        long n = (long) w.train().numExamples();
        for (ScoreKind k : List.of(ScoreKind.DYNAMIC_UNCERTAINTY, ScoreKind.TDDS, ScoreKind.DUAL,
                ScoreKind.FORGETTING)) {
            columns.put(k.columnName(), t.scores(k));
            seconds.put(k.columnName(), s);
            trained.put(k.columnName(), n * scoringEpochs);
        }
        PruningIterator it2 = PruningIterator.builder(w.train(), BATCH).seed(seed).build();
        PruningListener el2n = PruningListener.builder(it2, ScoreRangeRule.quantiles(0, 1)).warmupEpochs(2).build();
        Model net2 = network(seed, false, null);
        net2.setListeners(el2n);
        TrainingRuns.fit(net2, it2, 2);
        columns.put("el2n", el2n.report().scores().scores(ScoreKind.EL2N));
        seconds.put("el2n", el2n.ledger().wallTime().toNanos() / 1e9);
        trained.put("el2n", n * 2);
        FullScores full = new FullScores(columns, seconds, trained);
        full.write(file);
        return full;
    }

    private Extrapolator extrapolator(String name, long seed) {
        return switch (name) {
            case "knn" -> KnnExtrapolator.of(10, 1024);
            case "gcn" -> GraphExtrapolator.defaults(seed).withSizes(10, 64, 32, gcnEpochs);
            default -> throw new IllegalArgumentException("extrapolators=" + name + ": use knn or gcn");
        };
    }

    /** One subset run and prediction of the three scores; their rank correlations with the full ones on the rest. */
    void extrapolate(long seed, FullScores full, double fraction, String ex, boolean keep) throws IOException {
        Path csv = out.resolve("spearman.csv");
        String key = w.name() + "," + seed + "," + fraction + "," + ex + ",";
        Path saved = out.resolve("extrapolated-" + seed + "-" + ex + ".csv");
        if (Files.exists(csv) && Files.readAllLines(csv).stream().anyMatch(l -> l.startsWith(key))
                && (!keep || Files.exists(saved))) {
            return;
        }
        if (!Files.exists(csv)) {
            Files.writeString(csv, DynamicsReport.SPEARMAN_HEADER + "\n");
        }
        PruningIterator it = PruningIterator.builder(w.train(), BATCH).seed(seed).build();
        Map<ScoreKind, ExtrapolatedScores> all = SubsetScoring.builder(ScoreKind.DYNAMIC_UNCERTAINTY)
                .alsoScore(ScoreKind.TDDS, ScoreKind.DUAL).scoredFraction(fraction).epochs(scoringEpochs)
                .window(DynamicsWindow.of(window)).batchSize(BATCH).holdoutFraction(0).seed(seed)
                .extrapolator(extrapolator(ex, seed)).build().scoreEach(it, network(seed, false, null));
        Map<String, double[]> columns = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Long> trained = new LinkedHashMap<>();
        StringBuilder rows = new StringBuilder();
        for (ScoreKind k : DYNAMICS) {
            ExtrapolatedScores e = all.get(k);
            double[] truth = full.column(k.columnName());
            double[] predicted = e.scores();
            boolean[] scored = new boolean[truth.length];
            for (int id : e.scoredIds()) {
                scored[id] = true;
            }
            int m = truth.length - e.scoredIds().length;
            double[] a = new double[m];
            double[] b = new double[m];
            for (int i = 0, j = 0; i < truth.length; i++) {
                if (!scored[i]) {
                    a[j] = truth[i];
                    b[j++] = predicted[i];
                }
            }
            double rank = Spearman.correlation(a, b);
            rows.append(String.format(Locale.ROOT, "%s%s,%.4f,%.2f,%.2f,%.2f,%d,%.2f,%d%n", key, k.columnName(), rank,
                    e.subsetTrainingTime().toNanos() / 1e9, e.embeddingTime().toNanos() / 1e9,
                    e.extrapolationTime().toNanos() / 1e9, e.subsetExamplesTrained(),
                    full.seconds().get(k.columnName()), full.examplesTrained().get(k.columnName())));
            log.info("{} seed {} {}% by {}: Spearman with the full score on the other examples {}", k, seed,
                    100 * fraction, ex, String.format(Locale.ROOT, "%.3f", rank));
            columns.put(k.columnName(), predicted);
            seconds.put(k.columnName(), e.totalTime().toNanos() / 1e9);
            trained.put(k.columnName(), e.subsetExamplesTrained());
        }
        Files.writeString(csv, rows, StandardOpenOption.APPEND);
        if (keep) {
            new FullScores(columns, seconds, trained).write(saved);
        }
    }

    /** The pruning runs at one kept share for a seed, each trained once (resumable). */
    void pruneRuns(long seed, FullScores full, double kept, List<String> extrapolators, double fraction)
            throws IOException {
        long n = w.train().numExamples();
        Map<String, Function<PruningIterator, PruningListener>> plan = new LinkedHashMap<>();
        plan.put("full data|1.0", null);
        int fewer = Math.max(1, (int) Math.round(kept * epochs));
        plan.put("full data for fewer epochs|" + kept, null);
        plan.put("RS2|" + kept, it -> PruningListener.builder(it, Rs2Schedule.keep(kept)).epochs(epochs).build());
        plan.put("random|" + kept, it -> PruningListener.builder(it, GivenScoresSchedule.of(new double[(int) n],
                RandomRule.keep(kept, seed), "none", 0, 0, Duration.ZERO)).epochs(epochs).build());
        for (String score : List.of("el2n", "forgetting", "dynamic_uncertainty", "tdds", "dual")) {
            String name = (score.equals("el2n") ? "el2n (2 epochs)" : score) + ", full";
            plan.put(name + "|" + kept, it -> given(it, full, score, kept, 0));
        }
        for (String ex : extrapolators) {
            Path saved = out.resolve("extrapolated-" + seed + "-" + ex + ".csv");
            if (!Files.exists(saved)) {
                continue;
            }
            FullScores predicted = FullScores.read(saved);
            for (ScoreKind k : DYNAMICS) {
                String name = k.columnName() + ", " + ex + " " + Math.round(100 * fraction) + "%";
                plan.put(name + "|" + kept, it -> given(it, predicted, k.columnName(), kept, n));
            }
        }
        Path csv = out.resolve("runs.csv");
        if (!Files.exists(csv)) {
            Files.writeString(csv, DynamicsReport.RUNS_HEADER + "\n");
        }
        List<String> done = Files.readAllLines(csv);
        for (Map.Entry<String, Function<PruningIterator, PruningListener>> e : plan.entrySet()) {
            String[] parts = e.getKey().split("\\|");
            String key = w.name() + "," + seed + ",\"" + parts[0] + "\"," + parts[1] + ",";
            if (done.stream().anyMatch(l -> l.startsWith(key))) {
                continue;
            }
            int runEpochs = parts[0].equals("full data for fewer epochs") ? fewer : epochs;
            String row = train(seed, parts[0], runEpochs, e.getValue(), n);
            Files.writeString(csv, key + row + "\n", StandardOpenOption.APPEND);
            done.add(key + row);
        }
    }

    /** Prunes by given scores; {@code embedded}: examples the scoring run embedded (n when extrapolated, else 0). */
    private PruningListener given(PruningIterator it, FullScores scores, String column, double kept, long embedded) {
        double seconds = scores.seconds().get(column);
        long trained = scores.examplesTrained().get(column);
        PruningSchedule s = GivenScoresSchedule.of(scores.column(column), ScoreRangeRule.keepHardest(kept), column,
                trained, embedded, Duration.ofNanos((long) (seconds * 1e9)));
        return PruningListener.builder(it, s).epochs(epochs).build();
    }

    /** One run; returns the CSV row's rest: accuracies, examples trained, training seconds, scoring seconds. */
    private String train(long seed, String method, int runEpochs, Function<PruningIterator, PruningListener> listener,
                         long n) {
        FittedSchedule schedule = FittedSchedule.cosine(lr).build();
        Model net = network(seed, true, schedule);
        PruningIterator it = listener == null ? PruningIterator.builder(w.train(), BATCH).seed(seed).unpruned().build()
                : PruningIterator.builder(w.train(), BATCH).seed(seed).build();
        PruningListener pruning = listener == null ? null : listener.apply(it);
        if (pruning == null) {
            schedule.planIterations((int) (runEpochs * ((n + BATCH - 1) / BATCH)));
        }
        EpochProgressListener progress = new EpochProgressListener(method + " seed " + seed, runEpochs);
        TestAccuracyCurve curve = new TestAccuracyCurve(w.test(), w.evalBatch());
        List<TrainingListener> listeners = new ArrayList<>();
        if (pruning != null) {
            listeners.add(pruning);
        }
        listeners.add(progress);
        listeners.add(curve);
        net.setListeners(listeners);
        TrainingRuns.fit(net, it, runEpochs);
        long examples = pruning == null ? n * runEpochs : pruning.ledger().examplesTrained();
        double scoring = pruning == null ? 0 : pruning.ledger().scoringTime().toNanos() / 1e9;
        double training = progress.epochSeconds().stream().mapToDouble(Double::doubleValue).sum();
        List<Double> acc = curve.accuracies();
        log.info("{} seed {}: {} % ({} examples with the scoring run)", method, seed,
                String.format(Locale.ROOT, "%.2f", 100 * acc.get(acc.size() - 1)), examples);
        return String.join(";", acc.stream().map(v -> String.format(Locale.ROOT, "%.5f", v)).toList()) + ","
                + examples + "," + (n * epochs) + "," + String.format(Locale.ROOT, "%.2f,%.2f", training, scoring);
    }
}
