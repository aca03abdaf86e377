package org.dataprune4j;

import java.util.Collection;
import java.util.Map;
import org.dataprune4j.schedule.PruningSchedule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ways of training that cannot work with a listener and an iterator, found as early as they show, each with the
 * error that names it and the fix. Internal to the listener and the iterator.
 */
final class UsageChecks {
    private static final Logger log = LoggerFactory.getLogger(PruningListener.class);
    private static final String PARALLEL_WRAPPER = "org.deeplearning4j.parallelism.";

    private UsageChecks() {
    }

    /**
     * Refuses a listener that the model holds more than once ({@code addListeners(l, l)}, or {@code setListeners}
     * then {@code addListeners} with the same one): DL4J would call it twice for every batch.
     */
    static void addedOnce(Model model, TrainingListener listener) {
        Collection<TrainingListener> all = model instanceof MultiLayerNetwork n ? n.getListeners()
                : model instanceof ComputationGraph g ? g.getListeners() : null;
        int copies = 0;
        if (all != null) {
            for (TrainingListener l : all) {
                copies += l == listener ? 1 : 0;
            }
        }
        if (copies > 1) {
            throw new IllegalStateException("This PruningListener was added to the model " + copies + " times (for"
                    + " example addListeners(listener, listener), or setListeners and addListeners with the same"
                    + " listener); DL4J calls it once per copy for every batch. Add it once.");
        }
    }

    /**
     * The error for a training pass outside an epoch: {@code fit(DataSet)} (or {@code fit(features, labels)}) in a
     * loop over the iterator, which trains without telling listeners where an epoch starts or ends, so warm-up never
     * ends and nothing would be pruned.
     */
    static IllegalStateException trainedOutsideEpoch() {
        return new IllegalStateException("The model trained a batch outside an epoch: DL4J tells listeners where an"
                + " epoch starts and ends only in fit(DataSetIterator) (and EarlyStoppingTrainer), not in fit(DataSet)"
                + " or fit(features, labels), so a loop of those would never finish the warm-up and would prune"
                + " nothing. Train with net.fit(pruningIterator, epochs), or call net.fit(pruningIterator) once per"
                + " epoch.");
    }

    /**
     * Refuses DL4J's iterator wrappers that change what an epoch is, found as the nearest caller outside DataPrune4J
     * of the iterator's {@code reset()}: {@code MultipleEpochsIterator} resets it inside one of fit's epochs, and
     * {@code EarlyTerminationDataSetIterator} ends its passes early, so the listener's epochs (fit's signals) and the
     * iterator's passes part ways, and examples go unscored.
     *
     * @throws IllegalStateException naming the wrapper and what to do instead
     */
    static void notInAnEpochChangingWrapper() {
        String caller = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(name -> !name.startsWith("org.dataprune4j.")).findFirst().orElse(""));
        String what = switch (caller) {
            case "org.deeplearning4j.datasets.iterator.MultipleEpochsIterator" -> "MultipleEpochsIterator, which"
                    + " resets it inside one of fit's epochs";
            case "org.deeplearning4j.datasets.iterator.EarlyTerminationDataSetIterator" ->
                    "EarlyTerminationDataSetIterator, which ends each pass after a few batches, so most examples are"
                    + " never trained or scored in an epoch";
            default -> null;
        };
        if (what != null) {
            throw new IllegalStateException("The PruningIterator is wrapped in DL4J's " + what + ": the listener"
                    + " counts epochs from fit's signals, which then no longer match the iterator's passes over the"
                    + " data. Give the PruningIterator to fit itself: net.fit(pruningIterator, epochs). To train on"
                    + " fewer examples, that is what pruning does (a TrainingBudget, say), or build the iterator on a"
                    + " smaller data set.");
        }
    }

    /**
     * Whether a thread of DL4J's {@code ParallelWrapper} is running: it trains copies of the model on its own
     * threads, whose listeners are not the ones added to the model, so the listener never sees the batches.
     */
    static boolean parallelWrapperRunning() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            for (StackTraceElement frame : e.getValue()) {
                if (frame.getClassName().startsWith(PARALLEL_WRAPPER)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What to say when ParallelWrapper consumes a PruningIterator. */
    static String parallelWrapperFix() {
        return "DL4J's ParallelWrapper is training on this iterator. It is not supported: it trains copies of the"
                + " model on worker threads, which call their own copies of the listeners (or none), so no"
                + " PruningListener sees which examples each worker trained and the scores would be lost. Train with"
                + " net.fit(pruningIterator, epochs) (ND4J already spreads one model's maths over the cores), or on"
                + " Spark with dataprune4j-spark's SparkPruningTrainer.";
    }

    /**
     * What a run that stopped here would have missed, or null: the last epochs of a schedule planned for more (soft
     * pruning's annealing), the epochs of the run's known length ({@code runEpochs}: {@code epochs(n)} or the budget's;
     * a FittedSchedule's decay then stops short), or any pruned epoch after the swap. Said when the report is asked for, the first moment a
     * listener may know that fit has ended (DL4J does not tell it).
     */
    static String unfinished(PruningSchedule schedule, int runEpochs, boolean fittedRate, int epochsSeen) {
        int planned = schedule.plannedEpochs();
        if (planned > epochsSeen) {
            return "the schedule is planned for " + planned + " epochs and this listener has seen " + epochsSeen
                    + "; if fit has ended, its last epochs (soft pruning's annealing on all data) never came: build"
                    + " the schedule for the epochs fit runs";
        }
        if (runEpochs > epochsSeen) {
            return "this listener was told the run has " + runEpochs + " epochs (epochs(n) or the budget) and has"
                    + " seen " + epochsSeen + "; if fit has ended early (an EarlyStoppingTrainer's termination, say),"
                    + (fittedRate ? " the learning rate fitted to " + runEpochs + " epochs (FittedSchedule) stopped"
                    + " before the end of its decay, and" : "") + " the ledger counts the " + epochsSeen + " epochs"
                    + " trained, not the budget's plan. To stop early on purpose, plan the run for the epochs it will"
                    + " train" + (fittedRate ? ", or use a rate that does not depend on the run's length" : "");
        }
        if (schedule.needsScores() && schedule.isSwapEpoch(epochsSeen - 1)) {
            return "the swap came at the end of epoch " + epochsSeen + ", the last this listener has seen, so no"
                    + " pruned epoch has been trained yet; if fit has ended, train more epochs than the warm-up";
        }
        return null;
    }

    /**
     * Whether the calling thread is inside a DL4J {@code fit} (a network's, a graph's or an EarlyStoppingTrainer's; a
     * listener's callback, say), not after it.
     */
    static boolean insideFit() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getMethodName().startsWith("fit")
                && (f.getClassName().equals(MultiLayerNetwork.class.getName())
                || f.getClassName().equals(ComputationGraph.class.getName())
                || f.getClassName().startsWith("org.deeplearning4j.earlystopping.trainer."))));
    }

    /**
     * Warns, once per message and only outside a {@code fit}, of what a run that stopped here missed (see
     * {@link #unfinished}); returns the last message warned.
     */
    static String warnIfUnfinished(PruningSchedule schedule, int runEpochs, boolean fittedRate, int epochsSeen,
            String lastWarned) {
        String missed = unfinished(schedule, runEpochs, fittedRate, epochsSeen);
        if (missed == null || missed.equals(lastWarned) || insideFit()) {
            return lastWarned;
        }
        log.warn("DataPrune4J: {}", missed);
        return missed;
    }
}
