package org.dataprune4j;

import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Reads of a pruned {@link PruningIterator} that are not training: {@code evaluate(trainIterator)}, an
 * {@code EvaluativeListener} on it, {@code normalizer.fit(trainIterator)}, peeking at a batch. They are told apart
 * from training reads by who calls (a DL4J {@code fit}, or something else), and served every example in id order
 * from a pass of their own, so that they neither count as training nor move the training epoch. Internal to the
 * iterator.
 */
final class OutsideReads {
    /** Set by tests that drive the iterator by hand as training would, on their thread. */
    private static final ThreadLocal<Boolean> TRAINING_BY_HAND = ThreadLocal.withInitial(() -> false);
    private final ExampleSource source;
    private final int batchSize;
    private final UnaryOperator<DataSet> preProcess;
    private ExampleSource.Cursor cursor;

    OutsideReads(ExampleSource source, int batchSize, UnaryOperator<DataSet> preProcess) {
        this.source = source;
        this.batchSize = batchSize;
        this.preProcess = preProcess;
    }

    /**
     * Whether the calling thread reads to train: the nearest caller that decides is a DL4J {@code fit} (a model's,
     * EarlyStoppingTrainer's, ParallelWrapper's), rather than an evaluation, a listener, a normalizer, a score
     * calculator, or nothing of DL4J's (the user's own code).
     */
    static boolean trainingRead() {
        if (TRAINING_BY_HAND.get()) {
            return true;
        }
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(OutsideReads::decides).filter(d -> d != 0).findFirst().orElse(-1)) > 0;
    }

    /** Makes this thread's reads training reads (true) or decided by the caller again (false); for tests. */
    static void trainingByHand(boolean byHand) {
        TRAINING_BY_HAND.set(byHand);
    }

    /** 1: a training read; -1: not training; 0: this frame does not decide. */
    private static int decides(StackWalker.StackFrame frame) {
        Class<?> c = frame.getDeclaringClass();
        String name = c.getName();
        String method = frame.getMethodName();
        if (name.startsWith("org.dataprune4j.")) {
            return 0;
        }
        if (TrainingListener.class.isAssignableFrom(c) || name.startsWith("org.nd4j.linalg.dataset.api.preprocessor")
                || name.startsWith("org.deeplearning4j.earlystopping.scorecalc")) {
            return -1;
        }
        if ((c == MultiLayerNetwork.class || c == ComputationGraph.class) && (method.startsWith("evaluate")
                || method.startsWith("doEvaluation") || method.startsWith("output") || method.startsWith("score"))) {
            return -1;
        }
        return name.startsWith("org.deeplearning4j.") && method.startsWith("fit") ? 1 : 0;
    }

    /** Starts a new pass over every example (the outside reader's {@code reset()}). */
    void reset() {
        cursor = null;
    }

    boolean hasNext() {
        return cursor().hasNext() || failed();
    }

    DataSet next() {
        ExampleSource.Cursor c = cursor();
        if (!c.hasNext()) {
            failed();
            throw new NoSuchElementException("No more batches in this read of every example; call reset() to read"
                    + " them again");
        }
        return preProcess.apply(c.next());
    }

    private boolean failed() {
        if (cursor != null && cursor.failure() != null) {
            throw BatchFeed.readFailure(cursor.failure());
        }
        return false;
    }

    private ExampleSource.Cursor cursor() {
        if (cursor == null) {
            cursor = source.open(ExampleSource.allIds(source.size()), batchSize);
        }
        return cursor;
    }

    /** The error for a read outside training while a streamed source is in the middle of a training epoch. */
    static IllegalStateException midEpochOnAStream() {
        return new IllegalStateException("This PruningIterator streams its source, which is in the middle of a"
                + " training epoch: a read that is not training (evaluate(trainIterator), an EvaluativeListener every"
                + " N iterations, normalizer.fit, peeking at a batch) would restart the source and lose the epoch."
                + " Read it between epochs (an EvaluativeListener at epoch ends, or after fit), or build a second"
                + " iterator over the same source for it: PruningIterator.builder(source).unpruned().build().");
    }
}
