package org.dataprune4j.benchmarks.budget;

import java.util.Arrays;
import java.util.Locale;
import org.dataprune4j.PruningListener;
import org.dataprune4j.eval.ClassAccuracy;
import org.dataprune4j.schedule.Rs2Schedule;
import org.dataprune4j.schedule.TrainingBudget;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The binary budget benchmark's runs without DL4J's threshold of 0.5 (Fashion-MNIST "shirt or not",
 * {@link Workload#oneVsRest}, seeds 1-3, 10 epochs, budget 0.5, cosines fitted to each run): the test set's ROC AUC
 * and the best balanced accuracy over 199 thresholds at the quantiles of the outputs, for full data, the budget
 * planner's default plan and the class-adaptive rule ranking by the loss; with the argument {@code baselines}, for
 * full data for 5 epochs and RS2. Prints one line a run.
 */
public final class BinaryThresholds {
    private static final int EPOCHS = FittedRuns.EPOCHS;

    private BinaryThresholds() {
    }

    public static void main(String[] args) {
        Workload w = Workload.oneVsRest("fashion-mnist", 6);
        boolean baselines = args.length > 0 && args[0].equals("baselines");
        for (long seed : new long[] {1, 2, 3}) {
            if (baselines) {
                print(seed, "full data for 5 epochs", FittedRuns.unpruned(w, seed, 5), w.test());
                print(seed, "RS2 0.5", FittedRuns.pruned(w, seed, it -> PruningListener.builder(it,
                        Rs2Schedule.keep(0.5)).epochs(EPOCHS).build(), EPOCHS).net(), w.test());
                continue;
            }
            print(seed, "full data", FittedRuns.unpruned(w, seed, EPOCHS), w.test());
            TrainingBudget budget = TrainingBudget.of(0.5, EPOCHS);
            print(seed, "budget planner (default) 0.5", FittedRuns.pruned(w, seed,
                    it -> PruningListener.builder(it, budget).build(), budget.epochs()).net(), w.test());
            print(seed, "class-adaptive (loss, temperature 1) 0.5", FittedRuns.pruned(w, seed,
                    it -> FittedRuns.classAdaptive(it, 0.5, 1, 2, seed), EPOCHS).net(), w.test());
        }
    }

    private static void print(long seed, String run, MultiLayerNetwork net, DataSet test) {
        INDArray p = net.output(test.getFeatures(), false);
        ROC roc = new ROC(0);
        roc.eval(test.getLabels(), p);
        float[] out = p.toFloatVector();
        float[] y = test.getLabels().toFloatVector();
        int positives = 0;
        for (float v : y) {
            positives += v > 0.5 ? 1 : 0;
        }
        float[] sorted = out.clone();
        Arrays.sort(sorted);
        double best = 0;
        double bestThreshold = 0;
        for (int k = 1; k < 200; k++) {
            float t = sorted[(int) ((long) k * sorted.length / 200)];
            int tp = 0;
            int tn = 0;
            for (int i = 0; i < out.length; i++) {
                boolean positive = out[i] > t;
                tp += positive && y[i] > 0.5 ? 1 : 0;
                tn += !positive && y[i] < 0.5 ? 1 : 0;
            }
            double balanced = 0.5 * tp / positives + 0.5 * tn / (out.length - positives);
            if (balanced > best) {
                best = balanced;
                bestThreshold = t;
            }
        }
        ClassAccuracy at05 = ClassAccuracy.of(net, test, 1000);
        System.out.printf(Locale.ROOT, "seed %d %-42s AUC %.4f  balanced@0.5 %.2f  shirt@0.5 %.2f  best balanced over"
                + " thresholds %.2f (at %.3f)%n", seed, run, roc.calculateAUC(), 100 * at05.balanced(),
                100 * at05.perClass()[1], 100 * best, bestThreshold);
    }
}
