package org.dataprune4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.internal.TrainedModel;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Test accuracy per class, with the worst class's and the balanced (mean per-class) accuracy: what shows which
 * classes pruning hurts, on balanced and imbalanced data alike. Immutable.
 */
public final class ClassAccuracy {
    private final int[] correct;
    private final int[] total;

    private ClassAccuracy(int[] correct, int[] total) {
        this.correct = correct;
        this.total = total;
    }

    /**
     * Counts from true and predicted class indices.
     *
     * @throws IllegalArgumentException if the arrays differ in length or an index is outside 0 to numClasses - 1
     */
    public static ClassAccuracy of(int[] labels, int[] predicted, int numClasses) {
        requireNonNull(labels, "labels");
        requireNonNull(predicted, "predicted");
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predicted.length + " predictions");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        int[] correct = new int[numClasses];
        int[] total = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses || predicted[i] < 0 || predicted[i] >= numClasses) {
                throw new IllegalArgumentException("example " + i + ": label " + labels[i] + ", predicted "
                        + predicted[i] + "; classes are 0 to " + (numClasses - 1));
            }
            total[labels[i]]++;
            if (labels[i] == predicted[i]) {
                correct[labels[i]]++;
            }
        }
        return new ClassAccuracy(correct, total);
    }

    /**
     * Evaluates a {@code MultiLayerNetwork} or a {@code ComputationGraph} (softmax output) on a test set with one-hot
     * labels, {@code batch} examples at a time, in evaluation mode.
     */
    public static ClassAccuracy of(Model model, DataSet test, int batch) {
        requireNonNull(model, "model");
        requireNonNull(test, "test");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        TrainedModel m = TrainedModel.forInference(model);
        int n = test.numExamples();
        int classes = (int) test.getLabels().size(1);
        int[] labels = new int[n];
        int[] predicted = new int[n];
        int at = 0;
        for (DataSet part : test.batchBy(batch)) {
            INDArray out = m.output(part.getFeatures());
            int[] p = out.argMax(1).toIntVector();
            int[] l = part.getLabels().argMax(1).toIntVector();
            System.arraycopy(p, 0, predicted, at, p.length);
            System.arraycopy(l, 0, labels, at, l.length);
            at += p.length;
            OffHeap.release(out);
        }
        return of(labels, predicted, classes);
    }

    /** Number of classes. */
    public int numClasses() {
        return total.length;
    }

    /** Correct predictions over all test examples. */
    public double overall() {
        int n = Arrays.stream(total).sum();
        return n == 0 ? Double.NaN : (double) Arrays.stream(correct).sum() / n;
    }

    /** Accuracy on class {@code c}'s test examples; NaN if the test set has none. */
    public double of(int c) {
        return total[c] == 0 ? Double.NaN : (double) correct[c] / total[c];
    }

    /** Accuracy per class (NaN for a class with no test example). */
    public double[] perClass() {
        double[] a = new double[total.length];
        for (int c = 0; c < a.length; c++) {
            a[c] = of(c);
        }
        return a;
    }

    /** The lowest accuracy of a class with test examples. */
    public double worst() {
        return Arrays.stream(perClass()).filter(v -> !Double.isNaN(v)).min().orElse(Double.NaN);
    }

    /** The class with the lowest accuracy (the lower index on ties); -1 if no class has test examples. */
    public int worstClass() {
        double w = worst();
        for (int c = 0; c < total.length; c++) {
            if (of(c) == w) {
                return c;
            }
        }
        return -1;
    }

    /** Balanced accuracy: the mean of the per-class accuracies (classes with test examples). */
    public double balanced() {
        return Arrays.stream(perClass()).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    /** Test examples per class. */
    public int[] counts() {
        return total.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassAccuracy a && Arrays.equals(correct, a.correct) && Arrays.equals(total, a.total);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(correct) + Arrays.hashCode(total);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "ClassAccuracy[overall %.4f, balanced %.4f, worst %.4f (class %d)]",
                overall(), balanced(), worst(), worstClass());
    }
}
