package org.dataprune4j.benchmarks.noise;

import java.util.ArrayList;
import java.util.List;
import org.dataprune4j.eval.ClassAccuracy;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Test accuracy at the end of every epoch of a {@code fit} call (a network or a graph): the curve that shows when
 * full-data training starts to memorise flipped labels. Its evaluation time is kept apart so that the run's
 * training time can be reported without it.
 */
public final class TestAccuracyCurve extends BaseTrainingListener {
    private final DataSet test;
    private final int batch;
    private final List<Double> accuracies = new ArrayList<>();
    private long evaluationNanos;
    private ClassAccuracy last;

    /** Evaluates on {@code test} after every epoch. */
    public TestAccuracyCurve(DataSet test) {
        this(test, 0);
    }

    /** Evaluates on {@code test} after every epoch, {@code batch} examples at a time (0: all at once). */
    public TestAccuracyCurve(DataSet test, int batch) {
        this.test = test;
        this.batch = batch;
    }

    @Override
    public void onEpochEnd(Model model) {
        long start = System.nanoTime();
        last = ClassAccuracy.of(model, test, batch > 0 ? batch : test.numExamples());
        accuracies.add(last.overall());
        evaluationNanos += System.nanoTime() - start;
    }

    /** Test accuracy after epoch 1, 2, ... (index 0 is epoch 1). */
    public List<Double> accuracies() {
        return List.copyOf(accuracies);
    }

    /** Test accuracy per class after the last epoch (worst class, balanced); null before the first epoch ends. */
    public ClassAccuracy lastClassAccuracy() {
        return last;
    }

    /** Seconds spent evaluating. */
    public double evaluationSeconds() {
        return evaluationNanos / 1e9;
    }
}
