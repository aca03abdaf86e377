package org.dataprune4j.examples;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningListenerBuilder;
import org.dataprune4j.PruningReport;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.SingletonDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Full-data and pruned training runs with the same network, seeds and epochs, timed and evaluated: what the
 * demo, the benchmark and the integration tests compare.
 */
public final class TrainingRuns {
    /** Batch size of every run. */
    public static final int BATCH_SIZE = 128;

    private TrainingRuns() {
    }

    /**
     * The outcome of one run.
     *
     * @param name the run's name
     * @param testAccuracy accuracy on the test set after the last epoch
     * @param seconds wall time of {@code fit}, scoring included
     * @param examplesProcessed training examples passed through the network, all epochs
     * @param epochSeconds seconds per epoch
     * @param report the pruning report, or null for a full-data run
     */
    public record Result(String name, double testAccuracy, double seconds, long examplesProcessed,
                         List<Double> epochSeconds, PruningReport report) {
    }

    /** Trains a {@code MultiLayerNetwork} or {@code ComputationGraph} on all of {@code train} for {@code epochs} epochs. */
    public static Result full(String name, Model net, DataSet train, DataSet test, int epochs,
                              long shuffleSeed) {
        DataSetIterator iterator = PruningIterator.builder(train, BATCH_SIZE).seed(shuffleSeed).unpruned().build();
        EpochProgressListener progress = new EpochProgressListener(name, epochs);
        net.setListeners(progress);
        long start = System.nanoTime();
        fit(net, iterator, epochs);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, accuracy(net, test), seconds, (long) train.numExamples() * epochs,
                progress.epochSeconds(), null);
    }

    /**
     * Trains with pruning: warm-up epochs on all of {@code train}, then the rule's subset, in one fit call.
     *
     * @param configure adds options to the listener builder (warm-up epochs, score kind, CSV...)
     */
    public static Result pruned(String name, Model net, DataSet train, DataSet test, int epochs,
                                long shuffleSeed, SelectionRule rule, Consumer<PruningListenerBuilder> configure) {
        return pruned(name, net, train, test, epochs, shuffleSeed, iterator -> {
            PruningListenerBuilder builder = PruningListener.builder(iterator, rule);
            configure.accept(builder);
            return builder;
        });
    }

    /**
     * Trains with the listener {@code listener} builds for the run's iterator (a rule and options, or a schedule that
     * chooses by itself), in one fit call. Examples processed come from the listener's ledger.
     */
    public static Result pruned(String name, Model net, DataSet train, DataSet test, int epochs, long shuffleSeed,
                                Function<PruningIterator, PruningListenerBuilder> listener) {
        PruningIterator iterator = PruningIterator.builder(train, BATCH_SIZE).seed(shuffleSeed).build();
        PruningListener pruning = listener.apply(iterator).build();
        EpochProgressListener progress = new EpochProgressListener(name, epochs);
        net.setListeners(pruning, progress);
        long start = System.nanoTime();
        fit(net, iterator, epochs);
        double seconds = (System.nanoTime() - start) / 1e9;
        PruningReport report = pruning.report();
        long processed = report.ledger().orElseThrow().examplesTrained();
        return new Result(name, accuracy(net, test), seconds, processed, progress.epochSeconds(), report);
    }

    /** {@code fit(iterator, epochs)} of a {@code MultiLayerNetwork} or a {@code ComputationGraph}. */
    public static void fit(Model net, DataSetIterator iterator, int epochs) {
        if (net instanceof MultiLayerNetwork network) {
            network.fit(iterator, epochs);
        } else if (net instanceof ComputationGraph graph) {
            graph.fit(iterator, epochs);
        } else {
            throw new IllegalArgumentException("not a MultiLayerNetwork or ComputationGraph: " + net.getClass());
        }
    }

    /**
     * Test accuracy of a {@code MultiLayerNetwork} or a {@code ComputationGraph}, evaluated {@code batch} examples at
     * a time (a CNN's activations for 10,000 images at once take gigabytes).
     */
    public static double accuracy(Model net, DataSet test, int batch) {
        Evaluation evaluation = new Evaluation();
        for (DataSet part : test.batchBy(batch)) {
            evaluation.eval(part.getLabels(), net instanceof ComputationGraph graph
                    ? graph.outputSingle(false, part.getFeatures())
                    : ((MultiLayerNetwork) net).output(part.getFeatures(), false));
        }
        return evaluation.accuracy();
    }

    /** Test accuracy of a {@code MultiLayerNetwork} or a {@code ComputationGraph}. */
    public static double accuracy(Model net, DataSet test) {
        Evaluation evaluation = net instanceof ComputationGraph graph
                ? graph.evaluate(new SingletonDataSetIterator(test))
                : ((MultiLayerNetwork) net).evaluate(new SingletonDataSetIterator(test));
        return evaluation.accuracy();
    }
}
