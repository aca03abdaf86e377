package org.dataprune4j.tune;


import java.util.Arrays;
import java.util.SplittableRandom;
import org.dataprune4j.internal.Shuffle;
import org.dataprune4j.internal.OneHot;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.select.SwapContext;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What the halving tuner measures on the validation set: each example's objective (correct or not, or its loss), the
 * paired comparison of two candidates on the same examples, and the label-noise check of the warmed-up model.
 * Internal to the tuner.
 */
final class ValidationMeasure {
    /** Training examples the noise check predicts (or the validation set's size, if larger). */
    private static final int NOISE_SAMPLE = 5_000;

    private final DataSet validation;
    private final Objective objective;

    ValidationMeasure(DataSet validation, Objective objective) {
        this.validation = validation;
        this.objective = objective;
    }

    /**
     * How far {@code a} is ahead of {@code b} on the same validation examples, in standard errors of the mean
     * per-example difference (for accuracy, McNemar's statistic); positive when {@code a} is better.
     */
    double pairedZ(double[] a, double[] b) {
        int n = a.length;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double d = objective.minimize() ? b[i] - a[i] : a[i] - b[i];
            sum += d;
            sumSq += d * d;
        }
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        if (variance == 0) {
            return mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
        }
        return mean / Math.sqrt(variance / n);
    }

    /** Per validation example: 1 if the model predicts its class, else 0 (accuracy); or its loss (loss). */
    double[] perExample(Model model) {
        return perExample(model, objective);
    }

    double[] perExample(Model model, Objective measure) {
        double[] values = new double[validation.numExamples()];
        TrainedModel seam = TrainedModel.forInference(model);
        int from = 0;
        for (DataSet batch : validation.batchBy(1000)) {
            int n = batch.numExamples();
            if (measure == Objective.ACCURACY) {
                boolean[] right = correct(seam, batch);
                for (int i = 0; i < n; i++) {
                    values[from + i] = right[i] ? 1 : 0;
                }
            } else {
                INDArray losses = model instanceof ComputationGraph g ? g.scoreExamples(batch, false)
                        : ((MultiLayerNetwork) model).scoreExamples(batch, false);
                for (int i = 0; i < n; i++) {
                    values[from + i] = losses.getDouble(i);
                }
            }
            from += n;
        }
        return values;
    }

    /** Whether the model predicts each example's labelled class (one-hot labels, or one binary column). */
    private static boolean[] correct(TrainedModel model, DataSet batch) {
        INDArray out = model.output(batch.getFeatures(), batch.getFeaturesMaskArray());
        int[] predicted = OneHot.largestClass(out);
        OffHeap.release(out);
        int[] actual = OneHot.largestClass(batch.getLabels());
        boolean[] right = new boolean[batch.numExamples()];
        for (int i = 0; i < right.length; i++) {
            right[i] = predicted[i] == actual[i];
        }
        return right;
    }

    /** The warmed-up model's error on a seeded training sample and on the validation set. */
    NoiseCheck noiseCheck(Model model, SwapContext context, long seed, int batchSize) {
        int n = context.scores().length;
        int m = Math.min(n, Math.max(NOISE_SAMPLE, validation.numExamples()));
        int[] ids = new int[n];
        Arrays.setAll(ids, i -> i);
        Shuffle.inPlace(ids, new SplittableRandom(seed ^ 0x5DEECE66DL));
        int[] sample = Arrays.copyOf(ids, m);
        Arrays.sort(sample);
        long[] wrong = new long[1];
        TrainedModel seam = TrainedModel.forInference(model);
        context.examples().forEachBatch(sample, batchSize, batch -> {
            for (boolean right : correct(seam, batch)) {
                wrong[0] += right ? 0 : 1;
            }
        });
        int v = validation.numExamples();
        long validationWrong = v - Math.round(Arrays.stream(perExample(model, Objective.ACCURACY)).sum());
        return new NoiseCheck((double) wrong[0] / m, m, (double) validationWrong / v, v,
                OneHot.classCount(validation.getLabels().size(1)));
    }
}
