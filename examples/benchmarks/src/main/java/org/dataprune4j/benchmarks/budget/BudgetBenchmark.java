package org.dataprune4j.benchmarks.budget;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningIteratorBuilder;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningListenerBuilder;
import org.dataprune4j.benchmarks.noise.TestAccuracyCurve;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.EpochProgressListener;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.schedule.Rs2Schedule;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.schedule.TrainingBudget;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.select.ClassBalancedRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pruning against fair baselines, side by side in one process per data set (issue 24): for each seed, full data for
 * the benchmark's epochs at a constant learning rate and with a cosine decay fitted to its length; and for each
 * budget (a share of full data for those epochs), with the decay fitted to each run's own planned iterations: full
 * data for fewer epochs, RS2, the static swap to the hardest share (2 warm-up epochs), that share re-selected every
 * epoch, and the {@link TrainingBudget} planner's default plan; InfoBatch's soft pruning (r = 0.5) once, at the
 * budget it spends. Adam, batch 128, test accuracy after every epoch.
 *
 * <p>Arguments: {@code dataset=fashion-mnist seeds=1,2,3 epochs=10 budgets=0.3,0.5,0.7 lr=1e-3
 * out=target/budget-benchmark}; {@code model=cnn trainSize=20000 width=16} trains the residual CNN with augmentation
 * on the first {@code trainSize} training images instead of the MLP (issue 27); {@code model=lstm trainSize=10000
 * hidden=64} an LSTM over the images' rows ({@link Workload#rows}); {@code batch=128} the batch size;
 * {@code scores=el2n,loss} the scores of the score-based runs; {@code constantRate=false} leaves out full data at a
 * constant rate. {@code planners=w2,w1d0.02,w1r2 baselines=false} trains only planner variants
 * (w: warm-up epochs, d: the hardest share dropped, r: re-selection interval, a: epochs at the end on all data, e:
 * the epochs that spend the same examples, e.g. "w1a0e15" spreads 0.5 of 10 epochs over 15), named "budget planner
 * (w2)". {@code only=full_data,RS2} trains only the runs of these methods (names as in the
 * report, "_" for a space). Runs already in {@code out/runs.csv} are not trained again (a stopped benchmark
 * resumes); the report and charts are rewritten after every run. {@code fromCsv=dirA,dirB out=dir} trains nothing
 * and merges earlier runs into one report. {@code dataset=tiny} runs generated data, for the tests.
 * {@code positive=6} trains the binary task "class 6 or not" ({@link Workload#oneVsRest}: one sigmoid output, a
 * tenth of the images positive) with the class-aware rules. {@code imbalance=10} (or 100) trains on the long-tailed training set ({@link Workload#longTailed}) and adds the
 * class-aware rules ({@code classAware=true}): "class-balanced hardest every epoch", "class-adaptive every epoch"
 * (RCAP's draw within a class for the loss) and "class-adaptive hardest every epoch" (the hardest within a class,
 * clipped at ln C) beside "re-select hardest every epoch". Every run records its per-class test accuracy after the last epoch;
 * the report gives balanced and worst-class accuracy beside the overall one. {@code temperatures=0.3,1,3} adds the
 * class-adaptive rule drawing at each temperature, re-selected after 2 warm-up epochs, and in each planner variant
 * of {@code planners} ("budget planner (w1a0) with class-adaptive at temperature 3"); with {@code validation=500} the
 * long-tailed set is drawn after 500 images a class are held out, and those take the test set's place
 * ({@link Workload#longTailedValidation}): the runs that choose a temperature without the test set.
 * {@code draws=fresh,stable} trains them with fresh draws at every re-selection (the default) and with the stable draw
 * ("class-adaptive (stable draw) at temperature 3 ..."; the rule's only behaviour before 2026-12-07);
 * {@code sizeExponents=0.5,0.75} trains those runs at each size exponent of the class quotas
 * ({@link ClassAdaptiveRule#sizeExponent}), named "class-adaptive (size exponent 0.75) at temperature 1 every epoch".
 */
public final class BudgetBenchmark {
    private static final Logger log = LoggerFactory.getLogger(BudgetBenchmark.class);
    /** Warm-up epochs of the static and re-selection runs (the library's earlier default). */
    static final int WARMUP = 2;

    private final Workload workload;
    private final int epochs;
    private final double lr;
    private final Path out;
    private List<String> planners = List.of();
    private boolean baselines = true;
    private List<String> only = List.of();
    private List<ScoreKind> scores = List.of(ScoreKind.EL2N);
    private boolean constantRate = true;
    private int batch = TrainingRuns.BATCH_SIZE;
    private boolean classAware;
    private List<Double> temperatures = List.of();
    private List<Double> sizeExponents = List.of(0.5);
    /** The draws the temperature runs train: false fresh, true stable ({@code ClassAdaptiveRule.stableWithinClass}). */
    private List<Boolean> stableDraws = List.of(false);

    BudgetBenchmark(Workload workload, int epochs, double lr, Path out) {
        this.workload = workload;
        this.epochs = epochs;
        this.lr = lr;
        this.out = out;
    }

    /** Trains these planner variants too ("w2", "w1d0.02", "w1r2"), and the standard runs unless {@code baselines}. */
    BudgetBenchmark variants(List<String> plannerVariants, boolean withBaselines) {
        this.planners = List.copyOf(plannerVariants);
        this.baselines = withBaselines;
        return this;
    }

    /**
     * Scores the score-based runs (static, re-selection, planner) by each of these; runs by another score than EL2N
     * are named with it, e.g. "static keep-hardest (loss)".
     */
    BudgetBenchmark scores(List<ScoreKind> kinds, boolean withConstantRate) {
        this.scores = List.copyOf(kinds);
        this.constantRate = withConstantRate;
        return this;
    }

    /** Examples per batch (default {@link TrainingRuns#BATCH_SIZE}). */
    BudgetBenchmark batchSize(int examples) {
        this.batch = examples;
        return this;
    }

    /**
     * Also trains the class-aware rules at each budget (issue 30): the class-balanced hardest share and the
     * class-adaptive rule, re-selected every epoch like "re-select hardest every epoch".
     */
    BudgetBenchmark classAware(boolean on) {
        this.classAware = on;
        return this;
    }

    /**
     * Also trains the class-adaptive rule drawing within a class at each of these temperatures (RCAP's beta), as
     * "class-adaptive at temperature 3 every epoch (loss)": the runs to choose a temperature on a validation set; and
     * the same rule in each planner variant of {@code planners}, as "budget planner (w1a0) with class-adaptive at
     * temperature 3 (loss)".
     */
    BudgetBenchmark temperatures(List<Double> betas) {
        this.temperatures = List.copyOf(betas);
        return this;
    }

    /**
     * Trains the temperature runs with each of these draws: fresh at every re-selection (false, the default alone)
     * and stable ({@link ClassAdaptiveRule#stableWithinClass}, true).
     */
    BudgetBenchmark stableDraws(List<Boolean> stable) {
        this.stableDraws = List.copyOf(stable);
        return this;
    }

    /**
     * Trains the temperature runs at each of these size exponents of the class quotas (default RCAP's 0.5 alone; see
     * {@link ClassAdaptiveRule#sizeExponent}).
     */
    BudgetBenchmark sizeExponents(List<Double> exponents) {
        this.sizeExponents = List.copyOf(exponents);
        return this;
    }

    /** RCAP's setting (clipped at ln C, drawn within a class) for the loss; the hardest within a class otherwise. */
    /** The classes of the training data: the label columns, or 2 for one binary column (a sigmoid output). */
    static int classes(PruningIterator it) {
        return Math.max(2, it.totalOutcomes());
    }

    static ClassAdaptiveRule classAdaptive(double kept, ScoreKind score, int classes, long seed) {
        return score == ScoreKind.LOSS ? ClassAdaptiveRule.rcap(kept, classes, seed) : ClassAdaptiveRule.keep(kept);
    }

    /** Trains only the runs of these methods (all when empty). */
    BudgetBenchmark only(List<String> methods) {
        this.only = List.copyOf(methods);
        return this;
    }

    /**
     * A planner variant: "w" warm-up epochs, "d" the hardest share dropped, "r" the re-selection interval, "a"
     * annealing epochs, "e" the epochs the same examples are spread over ({@link TrainingBudget#spreadOver}; "w1a0e15":
     * the budget of 0.5 x 10 epochs over 15).
     */
    static TrainingBudget variant(TrainingBudget budget, String spec) {
        java.util.regex.Matcher e = java.util.regex.Pattern.compile("e([0-9]+)").matcher(spec);
        TrainingBudget b = e.find() ? budget.spreadOver(Integer.parseInt(e.group(1))) : budget;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([wdra])([0-9.]+)").matcher(spec);
        while (m.find()) {
            switch (m.group(1)) {
                case "w" -> b = b.warmupEpochs(Integer.parseInt(m.group(2)));
                case "d" -> b = b.dropHardest(Double.parseDouble(m.group(2)));
                case "a" -> b = b.annealEpochs(Integer.parseInt(m.group(2)));
                default -> b = b.reselectEvery(Integer.parseInt(m.group(2)));
            }
        }
        return b;
    }

    /**
     * Planner variant {@code v} at {@code budget}, or null (logged) when it does not fit the budget or, with
     * {@code ownRule}, cannot keep its share by another rule (a variant dropping the hardest share): checked here, not
     * when its run starts.
     */
    private TrainingBudget plannerVariant(double budget, String v, boolean ownRule) {
        try {
            TrainingBudget planned = variant(TrainingBudget.of(budget, epochs), v);
            if (ownRule) {
                planned.keptBy(ClassAdaptiveRule::keep);
            }
            return planned;
        } catch (IllegalArgumentException e) {
            log.warn("Planner variant {} does not fit the budget {}{}: {}", v, budget,
                    ownRule ? " with a rule of its own" : "", e.getMessage());
            return null;
        }
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        BudgetArguments.run(args);
    }

    /** Trains every run not yet in {@code out/runs.csv}, appending each, and rewrites the report after each. */
    List<BudgetRun> run(List<Long> seeds, List<Double> budgets) throws IOException {
        Files.createDirectories(out);
        Path csv = out.resolve("runs.csv");
        List<BudgetRun> runs = new ArrayList<>(read(csv));
        if (!Files.exists(csv)) {
            Files.writeString(csv, BudgetRun.HEADER + "\n");
        }
        for (long seed : seeds) {
            for (Map.Entry<String, Run> e : plan(budgets).entrySet()) {
                String[] parts = e.getKey().split("\\|");
                String method = parts[0];
                double budget = Double.parseDouble(parts[1]);
                if (!only.isEmpty() && !only.contains(method)) {
                    continue;
                }
                String key = BudgetRun.key(workload.name(), seed, method, budget);
                if (runs.stream().anyMatch(r -> r.key().equals(key))) {
                    continue;
                }
                BudgetRun r = e.getValue().train(seed, method, budget);
                runs.add(r);
                Files.writeString(csv, r.toCsv() + "\n", StandardOpenOption.APPEND);
                log.info("{} seed {} budget {}: {} % after {} epochs, {} examples, {} s", method, seed, budget,
                        String.format(Locale.ROOT, "%.2f", 100 * r.finalAccuracy()), r.accuracies().size(),
                        r.examplesTrained(), String.format(Locale.ROOT, "%.1f", r.trainingSeconds()));
                BudgetReport.write(runs, epochs, out);
            }
        }
        return runs;
    }

    /** How one run trains, given its seed, method name and budget. */
    private interface Run {
        BudgetRun train(long seed, String method, double budget);
    }

    /** Every run of one seed, by "method|budget", in the order they train. */
    private Map<String, Run> plan(List<Double> budgets) {
        Map<String, Run> plan = new LinkedHashMap<>();
        for (double budget : budgets) {
            for (String v : planners) {
                TrainingBudget planned = plannerVariant(budget, v, false);
                if (planned == null) {
                    continue;
                }
                plan.put("budget planner (" + v + ")|" + budget, (s, m, b) -> train(s, m, b, planned.epochs(), true,
                        it -> PruningListener.builder(it, planned)));
            }
        }
        if (!baselines) {
            return plan;
        }
        if (constantRate) {
            plan.put("full data (constant rate)|1.0", (s, m, b) -> train(s, m, b, epochs, false, null));
        }
        plan.put("full data|1.0", (s, m, b) -> train(s, m, b, epochs, true, null));
        for (double budget : budgets) {
            int fewer = Math.max(1, (int) Math.round(budget * epochs));
            double kept = (budget * epochs - WARMUP) / (epochs - WARMUP);
            plan.put("full data for fewer epochs|" + budget, (s, m, b) -> train(s, m, b, fewer, true, null));
            plan.put("RS2|" + budget, (s, m, b) -> train(s, m, b, epochs, true,
                    it -> PruningListener.builder(it, Rs2Schedule.keep(budget))));
            for (ScoreKind score : scores) {
                String by = score == ScoreKind.EL2N ? "" : " (" + score.columnName() + ")";
                if (kept > 0) {
                    plan.put("static keep-hardest" + by + "|" + budget, (s, m, b) -> train(s, m, b, epochs, true,
                            it -> PruningListener.builder(it, ScoreRangeRule.keepHardest(kept)).score(score)
                                    .warmupEpochs(WARMUP)));
                    plan.put("re-select hardest every epoch" + by + "|" + budget, (s, m, b) -> train(s, m, b, epochs,
                            true, it -> PruningListener.builder(it, ScoreRangeRule.keepHardest(kept)).score(score)
                                    .schedule(ReselectSchedule.every(1, WARMUP))));
                    if (classAware) {
                        plan.put("class-balanced hardest every epoch" + by + "|" + budget, (s, m, b) -> train(s, m, b,
                                epochs, true, it -> PruningListener.builder(it,
                                        ClassBalancedRule.of(ScoreRangeRule.keepHardest(kept))).score(score)
                                        .schedule(ReselectSchedule.every(1, WARMUP))));
                        plan.put("class-adaptive every epoch" + by + "|" + budget, (s, m, b) -> train(s, m, b, epochs,
                                true, it -> PruningListener.builder(it, classAdaptive(kept, score,
                                        classes(it), s)).score(score).schedule(ReselectSchedule.every(1,
                                        WARMUP))));
                        temperatureRuns(plan, budget, kept, score, by);
                        plan.put("class-adaptive hardest every epoch" + by + "|" + budget, (s, m, b) -> train(s, m, b,
                                epochs, true, it -> PruningListener.builder(it, ClassAdaptiveRule.keep(kept)
                                        .clippedAt(Math.log(classes(it)))).score(score)
                                        .schedule(ReselectSchedule.every(1, WARMUP))));
                    }
                }
                plan.put("budget planner (default)" + by + "|" + budget, (s, m, b) -> train(s, m, b, epochs, true,
                        it -> PruningListener.builder(it, TrainingBudget.of(budget, epochs)).score(score)));
            }
        }
        plan.put("soft pruning (InfoBatch)|0.0", (s, m, b) -> train(s, m, b, epochs, true,
                it -> PruningListener.builder(it, SoftPruningSchedule.builder(epochs).build())));
        return plan;
    }

    /**
     * The class-adaptive rule at each temperature and size exponent: re-selected every epoch after the warm-ups
     * ("class-adaptive at temperature 3 every epoch (loss)"; "class-adaptive (size exponent 0.75) at temperature 3
     * every epoch (loss)" when the exponent is not RCAP's 0.5), and in each planner variant ("budget planner (w1a0)
     * with class-adaptive at temperature 3 (loss)").
     */
    private void temperatureRuns(Map<String, Run> plan, double budget, double kept, ScoreKind score, String by) {
        if (temperatures.isEmpty()) {
            return;
        }
        Map<String, TrainingBudget> variants = new LinkedHashMap<>(); // planned once, not per temperature/exponent
        for (String v : planners) { // "w1a0", "w1a1": which part of the plan matters
            TrainingBudget planned = plannerVariant(budget, v, true);
            if (planned != null) {
                variants.put(v, planned);
            }
        }
        for (double beta : temperatures) {
            for (double a : sizeExponents) {
                for (boolean stable : stableDraws) {
                    List<String> qualifiers = new ArrayList<>();
                    if (a != 0.5) {
                        qualifiers.add("size exponent " + plain(a));
                    }
                    if (stable) {
                        qualifiers.add("stable draw");
                    }
                    String setting = (qualifiers.isEmpty() ? "" : "(" + String.join(", ", qualifiers) + ") ")
                            + "at temperature " + plain(beta);
                    plan.put("class-adaptive " + setting + " every epoch" + by + "|" + budget,
                            (s, m, b) -> train(s, m, b, epochs, true, it -> PruningListener.builder(it,
                                    sampledClassAdaptive(kept, classes(it), s, beta, a, stable)).score(score)
                                    .schedule(ReselectSchedule.every(1, WARMUP))));
                    variants.forEach((v, planned) -> plan.put("budget planner (" + v + ") with class-adaptive "
                            + setting + by + "|" + budget, (s, m, b) -> train(s, m, b, planned.epochs(), true,
                            it -> PruningListener.builder(it, planned.keptBy(k -> sampledClassAdaptive(k,
                                    classes(it), s, beta, a, stable))).score(score))));
                }
            }
        }
    }

    /** The class-adaptive rule of the temperature runs (package-private for the test). */
    static ClassAdaptiveRule sampledClassAdaptive(double kept, int classes, long seed, double beta, double a,
                                                  boolean stable) {
        ClassAdaptiveRule rule = ClassAdaptiveRule.rcap(kept, classes, seed).sampledWithin(beta, seed).sizeExponent(a);
        return stable ? rule.stableWithinClass() : rule;
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * One run: Adam at a constant rate, or a cosine decay to 0 fitted to the run (by the listener, or planned over
     * {@code fitEpochs} full epochs without one); the listener {@code listener} builds, or none for full data.
     */
    private BudgetRun train(long seed, String method, double budget, int fitEpochs, boolean fitted,
                            Function<PruningIterator, PruningListenerBuilder> listener) {
        FittedSchedule schedule = FittedSchedule.cosine(lr).build();
        Model net = workload.network().apply(seed, fitted ? new Adam(schedule) : new Adam(lr));
        int n = workload.train().numExamples();
        PruningIteratorBuilder itb = PruningIterator.builder(workload.train(), batch).seed(seed);
        if (workload.augmentation() != null) {
            itb.augmentation(workload.augmentation().apply(seed));
        }
        PruningIterator it = listener == null ? itb.unpruned().build() : itb.build();
        PruningListener pruning = listener == null ? null : listener.apply(it).epochs(fitEpochs).build();
        if (pruning == null && fitted) {
            schedule.planIterations(fitEpochs * ((n + batch - 1) / batch));
        }
        EpochProgressListener progress = new EpochProgressListener(method + " " + budget + " seed " + seed,
                fitEpochs);
        TestAccuracyCurve curve = new TestAccuracyCurve(workload.test(), workload.evalBatch());
        List<TrainingListener> listeners = new ArrayList<>();
        if (pruning != null) {
            listeners.add(pruning); // first: its end-of-epoch work (scoring, selection) counts as training time
        }
        listeners.add(progress);
        listeners.add(curve); // last: evaluation is not training time
        net.setListeners(listeners);
        TrainingRuns.fit(net, it, fitEpochs);
        List<Long> examples = pruning != null
                ? pruning.ledger().examplesPerEpoch().stream().map(Integer::longValue).toList()
                : java.util.Collections.nCopies(fitEpochs, (long) n);
        return new BudgetRun(workload.name(), seed, method, budget, curve.accuracies(), examples,
                progress.epochSeconds(), Arrays.stream(curve.lastClassAccuracy().perClass()).boxed().toList());
    }

    static List<BudgetRun> read(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return List.of();
        }
        return Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).map(BudgetRun::fromCsv).toList();
    }
}
