package org.dataprune4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.dataprune4j.internal.OneHot;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Post-hoc logit adjustment (Menon et al., ICLR 2021) for a model trained on imbalanced classes: predict the class
 * that maximises {@code log p(c | x) - tau * log prior(c)}, the priors being the training set's class shares, instead
 * of the largest output. At {@code tau = 1} this targets balanced accuracy; it costs nothing at training time and
 * applies to any classifier, pruned or not. Immutable.
 */
public final class LogitAdjustment {
    private final double[] logPrior;
    private final double tau;

    private LogitAdjustment(double[] logPrior, double tau) {
        this.logPrior = logPrior;
        this.tau = tau;
    }

    /** The adjustment at {@code tau = 1} for training classes of these sizes (e.g. {@code report.totalPerClass()}). */
    public static LogitAdjustment of(int[] classCounts) {
        return of(classCounts, 1.0);
    }

    /**
     * The adjustment for training classes of these sizes.
     *
     * @param classCounts training examples of each class, every one at least 1 (a class never seen has no prior)
     * @param tau the strength, at least 0 (0: the plain largest output)
     * @throws IllegalArgumentException for fewer than 2 classes, a class of no examples, or a negative or non-finite
     *         tau
     */
    public static LogitAdjustment of(int[] classCounts, double tau) {
        requireNonNull(classCounts, "classCounts");
        return of(Arrays.stream(classCounts).asLongStream().toArray(), tau, "training examples");
    }

    /**
     * The adjustment at {@code tau = 1} for the examples of each class a run trained on, summed over its epochs:
     * {@code listener.ledger().examplesPerClass()}. Use it after a rule that resamples classes
     * ({@code ClassAdaptiveRule}): the model learned the shares it trained on, and adjusting by the training set's
     * shares over-corrects. After full data or a class-blind rule, use the training set's class sizes.
     *
     * @throws IllegalArgumentException if the list is empty (the ledger did not count them: a Spark run, or a run
     *         resumed from a checkpoint written before they were kept), has fewer than 2 classes or a class never
     *         trained
     */
    public static LogitAdjustment ofTrained(List<Long> examplesPerClass) {
        return ofTrained(examplesPerClass, 1.0);
    }

    /** As {@link #ofTrained(List)}, at strength {@code tau} (at least 0; 0: the plain largest output). */
    public static LogitAdjustment ofTrained(List<Long> examplesPerClass, double tau) {
        requireNonNull(examplesPerClass, "examplesPerClass");
        if (examplesPerClass.isEmpty()) {
            throw new IllegalArgumentException("No examples per class were counted for this run (a Spark run, or a"
                    + " run resumed from a checkpoint written before the ledger kept them); adjust by the training"
                    + " set's class sizes instead: LogitAdjustment.of(report.totalPerClass())");
        }
        return of(examplesPerClass.stream().mapToLong(Long::longValue).toArray(), tau, "examples trained");
    }

    private static LogitAdjustment of(long[] classCounts, double tau, String what) {
        if (classCounts.length < 2) {
            throw new IllegalArgumentException("Logit adjustment needs the sizes of at least 2 classes, got "
                    + classCounts.length);
        }
        if (!(tau >= 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("tau must be a finite number at least 0, got " + tau);
        }
        double total = 0;
        for (int c = 0; c < classCounts.length; c++) {
            if (classCounts[c] < 1) {
                throw new IllegalArgumentException("Class " + c + " has " + classCounts[c] + " " + what + ";"
                        + " logit adjustment divides by each class's share. Give the sizes of classes the model was"
                        + " trained on.");
            }
            total += classCounts[c];
        }
        double[] logPrior = new double[classCounts.length];
        for (int c = 0; c < logPrior.length; c++) {
            logPrior[c] = Math.log(classCounts[c] / total);
        }
        return new LogitAdjustment(logPrior, tau);
    }

    /** The number of classes. */
    public int numClasses() {
        return logPrior.length;
    }

    /**
     * The adjusted prediction of every row of a model's outputs: softmax rows {@code [n, classes]}, or one sigmoid
     * column {@code [n, 1]} for two classes.
     *
     * @throws IllegalArgumentException if the outputs do not have this adjustment's classes
     */
    public int[] predict(INDArray outputs) {
        requireNonNull(outputs, "outputs");
        int columns = (int) outputs.size(1);
        if (OneHot.classCount(columns) != logPrior.length) {
            throw new IllegalArgumentException("The outputs have " + columns + " column(s), "
                    + OneHot.classCount(columns) + " classes; this adjustment was made for " + logPrior.length);
        }
        double[] p = OneHot.flatten(outputs);
        int rows = (int) outputs.size(0);
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            if (columns == 1) {
                double one = Math.log(Math.max(p[r], 1e-30)) - tau * logPrior[1];
                double zero = Math.log(Math.max(1 - p[r], 1e-30)) - tau * logPrior[0];
                out[r] = one > zero ? 1 : 0;
                continue;
            }
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < columns; c++) {
                double v = Math.log(Math.max(p[r * columns + c], 1e-30)) - tau * logPrior[c];
                if (v > bestValue) {
                    bestValue = v;
                    best = c;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /**
     * Per-class accuracy of a {@code MultiLayerNetwork} or {@code ComputationGraph} on a test set with its predictions
     * adjusted, {@code batch} examples at a time, in evaluation mode.
     */
    public ClassAccuracy accuracy(Model model, DataSet test, int batch) {
        return ClassAccuracy.of(model, test, batch, this::predict);
    }

    @Override
    public String toString() {
        return "LogitAdjustment[tau " + tau + ", log priors " + Arrays.toString(logPrior) + "]";
    }
}
