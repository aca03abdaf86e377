package org.dataprune4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.internal.Updaters;
import org.dataprune4j.internal.WrappedLayers;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.schedule.PruningSchedule;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every {@link FittedSchedule} in the trained model's updaters fitted to the run as pruning plans it: at each
 * epoch start, the iterations left are this epoch's (from its exact number of examples) plus the later epochs' as
 * the pruning schedule expects them. Warns once when the user's own DL4J schedule counts iterations, which a
 * pruned run changes. Internal to the listener.
 */
final class LearningRatePlanner {
    private static final Logger log = LoggerFactory.getLogger(LearningRatePlanner.class);

    private final int plannedEpochs;
    private final List<FittedSchedule> schedules;
    private boolean warnedLonger;

    private LearningRatePlanner(int plannedEpochs, List<FittedSchedule> schedules) {
        this.plannedEpochs = plannedEpochs;
        this.schedules = schedules;
    }

    /**
     * Finds the model's fitted schedules and checks that the run's length is known if there are any.
     *
     * @param plannedEpochs the epochs the listener was told {@code fit} runs, or 0 if it was not told
     * @throws IllegalStateException if the model has a {@code FittedSchedule} not yet planned and the run's length
     *     is unknown
     */
    static LearningRatePlanner of(TrainedModel model, int plannedEpochs) {
        Set<FittedSchedule> found = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> iterationSchedules = new ArrayList<>();
        // Wrapped layers too (LastTimeStep, Bidirectional, ...): a restored model's layers hold copies of the
        // schedule, so the one inside a wrapper is not the instance the other layers hold and must be found itself.
        for (IUpdater updater : Updaters.of(model.layerConfigurations())) {
            ISchedule schedule = Updaters.learningRateSchedule(updater);
            if (schedule instanceof FittedSchedule fitted) {
                found.add(fitted);
            } else if (schedule != null && countsIterations(schedule)) {
                iterationSchedules.add(schedule.getClass().getSimpleName());
            }
        }
        if (!found.isEmpty() && plannedEpochs <= 0) {
            if (found.stream().anyMatch(f -> !f.isPlanned())) {
                throw new IllegalStateException("The model's learning rate follows a FittedSchedule, which is fitted"
                        + " to the run's length: build the PruningListener with epochs(n), n being the epochs fit"
                        + " runs.");
            }
            log.warn("The model's learning rate follows a FittedSchedule planned for a fixed length; pruning changes"
                    + " the iterations per epoch, so it will not end where it was planned. Build the PruningListener"
                    + " with epochs(n) and the listener fits it to the pruned run.");
            return new LearningRatePlanner(plannedEpochs, List.of());
        }
        if (!iterationSchedules.isEmpty()) {
            log.warn("The model's learning rate follows an ITERATION-based {}: pruning changes the iterations per"
                    + " epoch, so a step or decay placed by iteration for full data comes late or never. Use an"
                    + " EPOCH-based schedule or a FittedSchedule (org.dataprune4j.lr), which the listener fits to"
                    + " the pruned run.", iterationSchedules.get(0));
        }
        return new LearningRatePlanner(plannedEpochs, new ArrayList<>(found));
    }

    private static boolean countsIterations(ISchedule schedule) {
        try {
            return schedule.getClass().getMethod("getScheduleType").invoke(schedule) == ScheduleType.ITERATION;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * The learning rate of the model's first layer that has one, at its current iteration plus {@code offset} (-1:
     * the iteration just trained); NaN if no layer has one.
     */
    static double currentRate(TrainedModel model, int offset) {
        for (Layer layer : WrappedLayers.withWrapped(model.layerConfigurations())) {
            if (layer instanceof BaseLayer base && base.getIUpdater() != null && base.getIUpdater().hasLearningRate()) {
                return base.getIUpdater().getLearningRate(Math.max(0, model.iterationCount() + offset),
                        model.epochCount());
            }
        }
        return Double.NaN;
    }

    /** Whether the model has fitted schedules. */
    boolean hasSchedules() {
        return !schedules.isEmpty();
    }

    /**
     * Re-plans every fitted schedule at the start of {@code epoch}.
     *
     * @param thisEpochExamples the examples this epoch trains
     * @param keptEstimate the examples the schedule is expected to keep in later epochs
     */
    void epochStarts(TrainedModel model, int epoch, PruningSchedule pruning, int numExamples, int batchSize,
            int thisEpochExamples, int keptEstimate) {
        if (epoch >= plannedEpochs && plannedEpochs > 0 && !warnedLonger) {
            warnedLonger = true;
            log.warn("fit runs more epochs than the {} the PruningListener was told (epochs({})): epoch {} (counted"
                    + " from 1) trains at the schedule's final learning rate. Build the listener with the epochs fit"
                    + " runs.", plannedEpochs, plannedEpochs, epoch + 1);
        }
        if (schedules.isEmpty()) {
            return;
        }
        int left = batches(thisEpochExamples, batchSize);
        for (int e = epoch + 1; e < plannedEpochs; e++) {
            left += batches(pruning.expectedExamples(e, numExamples, keptEstimate), batchSize);
        }
        int from = model.iterationCount();
        for (FittedSchedule schedule : schedules) {
            if (schedule.scheduleType() == ScheduleType.EPOCH) {
                schedule.planEpochs(plannedEpochs);
            } else {
                schedule.replan(from, left);
            }
        }
        log.debug("Learning-rate schedules fitted at epoch {}: {} iterations left from iteration {}", epoch + 1, left,
                from);
    }

    private static int batches(int examples, int batchSize) {
        return (examples + batchSize - 1) / batchSize;
    }
}
