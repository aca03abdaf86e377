package org.dataprune4j.benchmarks.budget;

import java.util.Locale;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.eval.ClassAccuracy;
import org.dataprune4j.eval.LogitAdjustment;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.schedule.Rs2Schedule;
import org.dataprune4j.schedule.TrainingBudget;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Issue 30's comparison with post-hoc logit adjustment ({@link LogitAdjustment}) on a long-tailed workload: full data,
 * the class-adaptive rule (loss, re-selected every epoch after 2 warm-ups, at a temperature) and full data for 5
 * epochs, or with the argument {@code others} the budget planner's default plan and RS2; budget 0.5, 10 epochs, Adam
 * with cosines fitted to each run, seeds 1-3. Prints balanced and worst-class test accuracy at tau 0 (the largest
 * output), 0.5, 1 and 1.5, one line a run. Arguments: {@code dataset ratio temperature [others]}.
 */
public final class ImbalanceLogitAdjustment {
    private static final int EPOCHS = FittedRuns.EPOCHS;

    private ImbalanceLogitAdjustment() {
    }

    public static void main(String[] args) {
        Workload w = Workload.longTailed(args.length > 0 ? args[0] : "fashion-mnist",
                args.length > 1 ? Double.parseDouble(args[1]) : 10);
        double beta = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        boolean others = args.length > 3 && args[3].equals("others");
        int[] counts = new int[(int) w.train().getLabels().size(1)];
        for (int c : w.train().getLabels().argMax(1).toIntVector()) {
            counts[c]++;
        }
        for (long seed : new long[] {1, 2, 3}) {
            if (others) {
                PruningIterator it = FittedRuns.iterator(w, seed);
                TrainingBudget budget = TrainingBudget.of(0.5, EPOCHS);
                print(seed, "budget planner (default) 0.5", FittedRuns.pruned(w, seed, it,
                        PruningListener.builder(it, budget).build(), budget.epochs()), w.test(), counts);
                PruningIterator it2 = FittedRuns.iterator(w, seed);
                print(seed, "RS2 0.5", FittedRuns.pruned(w, seed, it2, PruningListener.builder(it2,
                        Rs2Schedule.keep(0.5)).epochs(EPOCHS).build(), EPOCHS), w.test(), counts);
                continue;
            }
            print(seed, "full data", FittedRuns.unpruned(w, seed, EPOCHS), w.test(), counts);
            PruningIterator it = FittedRuns.iterator(w, seed);
            double kept = (0.5 * EPOCHS - BudgetBenchmark.WARMUP) / (EPOCHS - BudgetBenchmark.WARMUP);
            print(seed, "class-adaptive 0.5 at temperature " + beta, FittedRuns.pruned(w, seed, it,
                    PruningListener.builder(it, ClassAdaptiveRule.rcap(kept, counts.length, seed)
                            .sampledWithin(beta, seed)).score(ScoreKind.LOSS)
                            .schedule(ReselectSchedule.every(1, BudgetBenchmark.WARMUP)).epochs(EPOCHS).build(),
                    EPOCHS), w.test(), counts);
            print(seed, "full data for 5 epochs", FittedRuns.unpruned(w, seed, 5), w.test(), counts);
        }
    }

    private static void print(long seed, String run, MultiLayerNetwork net, DataSet test, int[] counts) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "seed %d %-40s", seed, run));
        for (double tau : new double[] {0, 0.5, 1, 1.5}) {
            ClassAccuracy a = LogitAdjustment.of(counts, tau).accuracy(net, test, 1000);
            line.append(String.format(Locale.ROOT, " tau %.1f: bal %.2f worst %.2f |", tau, 100 * a.balanced(),
                    100 * a.worst()));
        }
        System.out.println(line);
    }
}
