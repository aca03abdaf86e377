package org.dataprune4j.eval;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Function;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.internal.OneHot;
import org.dataprune4j.internal.TrainedModel;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.evaluation.classification.ConfusionMatrix;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

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
     * labels, {@code batch} examples at a time, in evaluation mode. A one-output sigmoid network with labels of one
     * column has two classes, predicted 1 above 0.5 as DL4J's {@code Evaluation} does.
     */
    public static ClassAccuracy of(Model model, DataSet test, int batch) {
        return of(model, test, batch, OneHot::largestClass);
    }

    /** The same with each batch's outputs turned into predicted classes by {@code decide} ({@link LogitAdjustment}). */
    static ClassAccuracy of(Model model, DataSet test, int batch, Function<INDArray, int[]> decide) {
        requireNonNull(model, "model");
        requireNonNull(test, "test");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        Predictions p = Predictions.of(TrainedModel.forInference(model), test.batchBy(batch).iterator(), decide);
        return of(p.labels(), p.predicted(), OneHot.classCount(test.getLabels().size(1)));
    }

    /**
     * Evaluates a {@code MultiLayerNetwork} or a {@code ComputationGraph} (softmax output) on every batch of a test
     * iterator (reset first when it can be), with the iterator's own pre-processor, in evaluation mode.
     *
     * @throws IllegalArgumentException if the iterator yields no example
     */
    public static ClassAccuracy of(Model model, DataSetIterator test) {
        requireNonNull(model, "model");
        requireNonNull(test, "test");
        TrainedModel m = TrainedModel.forInference(model);
        if (test.resetSupported()) {
            test.reset();
        }
        Predictions p = Predictions.of(m, test, OneHot::largestClass);
        if (p.labels().length == 0) {
            throw new IllegalArgumentException("The test iterator yielded no examples (was it used up? reset it, or"
                    + " give one that can be reset)");
        }
        return of(p.labels(), p.predicted(), p.classes());
    }

    /** The true and predicted class of every example of some batches, and the batches' number of classes. */
    private record Predictions(int[] labels, int[] predicted, int classes) {
        static Predictions of(TrainedModel m, Iterator<DataSet> batches, Function<INDArray, int[]> decide) {
            int[] labels = new int[0];
            int[] predicted = new int[0];
            int at = 0;
            int classes = 0;
            while (batches.hasNext()) {
                DataSet part = batches.next();
                classes = OneHot.classCount(part.getLabels().size(1));
                INDArray out = m.output(part.getFeatures(), part.getFeaturesMaskArray());
                int[] p = decide.apply(out);
                int[] l = OneHot.largestClass(part.getLabels());
                OffHeap.release(out);
                if (at + p.length > labels.length) {
                    labels = Arrays.copyOf(labels, Math.max(2 * labels.length, at + p.length));
                    predicted = Arrays.copyOf(predicted, labels.length);
                }
                System.arraycopy(p, 0, predicted, at, p.length);
                System.arraycopy(l, 0, labels, at, l.length);
                at += p.length;
            }
            return new Predictions(Arrays.copyOf(labels, at), Arrays.copyOf(predicted, at), classes);
        }
    }

    /**
     * The per-class accuracy a DL4J {@code Evaluation} has counted (its confusion matrix: a class's accuracy is its
     * recall), e.g. from {@code net.evaluate(testIterator)}: no second pass over the test set.
     *
     * @throws IllegalArgumentException if the evaluation has counted no example
     */
    public static ClassAccuracy of(Evaluation evaluation) {
        requireNonNull(evaluation, "evaluation");
        ConfusionMatrix<Integer> matrix = evaluation.getConfusionMatrix();
        if (matrix == null || evaluation.getNumRowCounter() == 0) {
            throw new IllegalArgumentException("The Evaluation has counted no example yet: call eval(labels,"
                    + " predictions) or net.evaluate(testIterator) first");
        }
        int classes = matrix.getClasses().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        int[] correct = new int[classes];
        int[] total = new int[classes];
        for (int c = 0; c < classes; c++) {
            correct[c] = matrix.getCount(c, c);
            total[c] = matrix.getActualTotal(c);
        }
        return new ClassAccuracy(correct, total);
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
