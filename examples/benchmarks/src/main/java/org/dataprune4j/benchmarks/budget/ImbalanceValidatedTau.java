package org.dataprune4j.benchmarks.budget;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.eval.ClassAccuracy;
import org.dataprune4j.eval.LogitAdjustment;
import org.dataprune4j.schedule.TrainingBudget;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Issue 30 against full data with post-hoc logit adjustment, every run's adjustment chosen on a validation set: 500
 * training images of every class held out ({@link Workload#longTailedValidation}), the long tail drawn from the rest;
 * for each run and seed the strength tau in {0, 0.25, ..., 2} and, for a pruned run, the prior (the training set's
 * class shares or the shares it trained on) with the best validation balanced accuracy (ties: the set's shares, then
 * the smaller tau). Runs at budget 0.5 (Adam 1e-3, cosines fitted to each run, seeds 1-3): full data, the budget
 * planner's default plan, the same spread over 15 epochs, and the class-adaptive rule (loss, re-selected every epoch
 * after 2 warm-ups) at a temperature. Prints the choice and the test balanced and worst-class accuracy at it, one line
 * a run. Arguments: {@code dataset ratio temperature [seeds]}, the seeds as {@code 4,5,6} (default 1,2,3).
 */
public final class ImbalanceValidatedTau {
    private static final int EPOCHS = FittedRuns.EPOCHS;

    private ImbalanceValidatedTau() {
    }

    public static void main(String[] args) {
        String dataset = args.length > 0 ? args[0] : "mnist";
        double ratio = args.length > 1 ? Double.parseDouble(args[1]) : 100;
        double beta = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        Workload w = Workload.longTailedValidation(dataset, ratio, 500);
        DataSet validation = w.test();
        DataSet test = Workload.longTailed(dataset, ratio).test();
        int[] counts = FittedRuns.classCounts(w.train());
        for (long seed : FittedRuns.seeds(args, 3)) {
            print(seed, "full data", FittedRuns.unpruned(w, seed, EPOCHS), counts, null, validation, test);
            TrainingBudget budget = TrainingBudget.of(0.5, EPOCHS);
            pruned(w, seed, "budget planner (default)", counts, it -> PruningListener.builder(it, budget).build(),
                    budget.epochs(), validation, test);
            TrainingBudget spread = budget.spreadOver(15);
            pruned(w, seed, "budget planner (e15)", counts, it -> PruningListener.builder(it, spread).build(),
                    spread.epochs(), validation, test);
            pruned(w, seed, "class-adaptive at temperature " + beta, counts,
                    it -> FittedRuns.classAdaptive(it, 0.5, beta, counts.length, seed), EPOCHS, validation, test);
        }
    }

    private static void pruned(Workload w, long seed, String run, int[] counts,
                               Function<PruningIterator, PruningListener> listener, int epochs, DataSet validation,
                               DataSet test) {
        FittedRuns.PrunedRun r = FittedRuns.pruned(w, seed, listener, epochs);
        print(seed, run, r.net(), counts, r.listener().ledger().examplesPerClass(), validation, test);
    }

    private static void print(long seed, String run, MultiLayerNetwork net, int[] counts, List<Long> trained,
                              DataSet validation, DataSet test) {
        LogitAdjustment best = null;
        String chosen = null;
        double bestValidation = -1;
        for (boolean byTrained : trained == null ? new boolean[] {false} : new boolean[] {false, true}) {
            for (int step = 0; step <= 8; step++) {
                double tau = step * 0.25;
                LogitAdjustment a = byTrained ? LogitAdjustment.ofTrained(trained, tau) : LogitAdjustment.of(counts,
                        tau);
                double v = a.accuracy(net, validation, 1000).balanced();
                if (v > bestValidation + 1e-12) { // ties: the earlier (the set's shares, then the smaller tau)
                    bestValidation = v;
                    best = a;
                    chosen = (byTrained ? "trained" : "set") + " tau " + tau;
                }
            }
        }
        ClassAccuracy t = best.accuracy(net, test, 1000);
        ClassAccuracy one = LogitAdjustment.of(counts, 1).accuracy(net, test, 1000);
        System.out.println(String.format(Locale.ROOT, "seed %d %-40s chosen %-16s validation bal %.2f | test bal %.2f"
                + " worst %.2f | test at set tau 1: bal %.2f worst %.2f", seed, run, chosen, 100 * bestValidation,
                100 * t.balanced(), 100 * t.worst(), 100 * one.balanced(), 100 * one.worst()));
    }
}
