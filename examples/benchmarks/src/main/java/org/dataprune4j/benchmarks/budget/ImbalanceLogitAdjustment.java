package org.dataprune4j.benchmarks.budget;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.eval.ClassAccuracy;
import org.dataprune4j.eval.LogitAdjustment;
import org.dataprune4j.schedule.Rs2Schedule;
import org.dataprune4j.schedule.TrainingBudget;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Issue 30's comparison with post-hoc logit adjustment ({@link LogitAdjustment}) on a long-tailed workload, a budget
 * (0.5 unless given) of 10 epochs' examples, Adam with cosines fitted to each run, seeds 1-3. Groups, by the fourth
 * argument:
 * <ul>
 *   <li>none or {@code main}: full data, the class-adaptive rule (loss, re-selected every epoch after 2 warm-ups, at a
 *       temperature) and full data for the budget's epochs (5 at 0.5);</li>
 *   <li>{@code others}: the budget planner's default plan and RS2;</li>
 *   <li>a planner variant such as {@code w2a0e15} ({@link BudgetBenchmark#variant}): the class-adaptive rule in that
 *       plan ({@code w2a0e15+stable}: with {@link ClassAdaptiveRule#stableWithinClass}), and the class-blind default
 *       plan spread over 15 epochs.</li>
 * </ul>
 * Prints balanced and worst-class test accuracy adjusted by the training set's class shares at tau 0 (the largest
 * output), 0.5, 1 and 1.5, and by the class shares each pruned run trained on (its ledger's examples per class) at
 * 0.5, 1 and 1.5, one line a run. Arguments: {@code dataset ratio temperature [group [seeds [budget]]]}, the seeds as
 * {@code 4,5,6} (default 1,2,3); the group {@code full} trains full data alone.
 */
public final class ImbalanceLogitAdjustment {
    private static final int EPOCHS = FittedRuns.EPOCHS;

    private ImbalanceLogitAdjustment() {
    }

    public static void main(String[] args) {
        Workload w = Workload.longTailed(args.length > 0 ? args[0] : "fashion-mnist",
                args.length > 1 ? Double.parseDouble(args[1]) : 10);
        double beta = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        String group = args.length > 3 && !args[3].equals("main") ? args[3] : "";
        double b = args.length > 5 ? Double.parseDouble(args[5]) : 0.5;
        int fewer = (int) Math.round(b * EPOCHS);
        int[] counts = FittedRuns.classCounts(w.train());
        for (long seed : FittedRuns.seeds(args, 4)) {
            if (group.equals("full")) {
                print(seed, "full data", FittedRuns.unpruned(w, seed, EPOCHS), w.test(), counts, null);
            } else if (group.equals("others")) {
                TrainingBudget budget = TrainingBudget.of(b, EPOCHS);
                pruned(w, seed, "budget planner (default) " + b, counts, it -> PruningListener.builder(it, budget)
                        .build(), budget.epochs());
                pruned(w, seed, "RS2 " + b, counts, it -> PruningListener.builder(it, Rs2Schedule.keep(b))
                        .epochs(EPOCHS).build(), EPOCHS);
            } else if (!group.isEmpty()) {
                boolean stable = group.endsWith("+stable");
                String spec = group.replace("+stable", "");
                TrainingBudget plan = BudgetBenchmark.variant(TrainingBudget.of(b, EPOCHS), spec);
                pruned(w, seed, "class-adaptive (" + group + ") at temperature " + beta, counts,
                        it -> PruningListener.builder(it, plan.keptBy(k -> {
                            ClassAdaptiveRule rule = ClassAdaptiveRule.rcap(k, counts.length, seed)
                                    .sampledWithin(beta, seed);
                            return stable ? rule.stableWithinClass() : rule;
                        })).score(ScoreKind.LOSS).build(), plan.epochs());
                TrainingBudget spread = TrainingBudget.of(b, EPOCHS).spreadOver(15);
                pruned(w, seed, "budget planner (e15)", counts, it -> PruningListener.builder(it, spread).build(),
                        spread.epochs());
            } else {
                print(seed, "full data", FittedRuns.unpruned(w, seed, EPOCHS), w.test(), counts, null);
                pruned(w, seed, "class-adaptive " + b + " at temperature " + beta, counts,
                        it -> FittedRuns.classAdaptive(it, b, beta, counts.length, seed), EPOCHS);
                print(seed, "full data for " + fewer + " epochs", FittedRuns.unpruned(w, seed, fewer), w.test(), counts,
                        null);
            }
        }
    }

    private static void pruned(Workload w, long seed, String run, int[] counts,
                               Function<PruningIterator, PruningListener> listener, int epochs) {
        FittedRuns.PrunedRun r = FittedRuns.pruned(w, seed, listener, epochs);
        print(seed, run, r.net(), w.test(), counts, r.listener().ledger().examplesPerClass());
        System.out.println("    trained per class " + r.listener().ledger().examplesPerClass() + ", "
                + r.listener().ledger().examplesTrained() + " examples");
    }

    private static void print(long seed, String run, MultiLayerNetwork net, DataSet test, int[] counts,
                              List<Long> trained) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d %-40s", seed, run));
        for (double tau : new double[] {0, 0.5, 1, 1.5}) {
            append(line, "", tau, LogitAdjustment.of(counts, tau).accuracy(net, test, 1000));
        }
        for (double tau : trained == null ? new double[0] : new double[] {0.5, 1, 1.5}) {
            append(line, "trained ", tau, LogitAdjustment.ofTrained(trained, tau).accuracy(net, test, 1000));
        }
        System.out.println(line);
    }

    private static void append(StringBuilder line, String prior, double tau, ClassAccuracy a) {
        line.append(String.format(Locale.ROOT, " %stau %.1f: bal %.2f worst %.2f |", prior, tau, 100 * a.balanced(),
                100 * a.worst()));
    }
}
