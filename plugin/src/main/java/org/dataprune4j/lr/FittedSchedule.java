package org.dataprune4j.lr;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL4J learning-rate {@code ISchedule} whose length is the run's planned number of iterations, as pruning plans
 * it: it decays from {@code initialValue} to {@code finalValue} (cosine, polynomial or steps, {@link Decay}) after
 * an optional linear warm-up ramp, and reaches {@code finalValue} at the last iteration of the run.
 *
 * <pre>{@code
 * FittedSchedule lr = FittedSchedule.cosine(1e-3).finalValue(1e-5).build();
 * MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Adam(lr)) ...;
 * PruningListener pruning = PruningListener.builder(train, rule).epochs(10).build();  // fits lr to the run
 * }</pre>
 *
 * <p>A pruned run changes its number of iterations mid-run: the warm-up epochs train every example, later epochs
 * the kept ones, and a dynamic schedule changes the count from epoch to epoch. A DL4J schedule sized for full data
 * then never finishes decaying. The {@code PruningListener} finds every {@code FittedSchedule} in the model's
 * updaters and, at the start of every epoch, re-plans it: the iterations left are this epoch's (its exact count of
 * examples) plus the later epochs' as the pruning schedule expects them, and the decay goes on from where it is to
 * end at the last iteration. With {@link ScheduleType#EPOCH} the value changes once per epoch and reaches
 * {@code finalValue} in the last epoch. The plan is part of the schedule's state, so a checkpoint of the model
 * carries it.
 *
 * <p>Without a listener, {@link #planIterations(int)} fits it to a fixed number of iterations (full data for fewer
 * epochs; iterations = epochs x ceil(examples / batch size)) and {@link #planEpochs(int)} to a number of epochs.
 * Read before a plan, it throws an {@code IllegalStateException} that says what to do. Give each model its own
 * schedule: the plan lives in the instance, and one shared by a pruned run and its full-data baseline would hand the
 * baseline the pruned run's plan (asked for an iteration before the one a listener last planned from, it throws).
 */
public final class FittedSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;
    /** The ramp's value never starts below this share of the initial value. */
    private static final double MIN_RAMP = 1e-3;
    private static final Logger log = LoggerFactory.getLogger(FittedSchedule.class);

    @JsonProperty
    private ScheduleType scheduleType;
    @JsonProperty
    private Decay decay;
    @JsonProperty
    private double initialValue;
    @JsonProperty
    private double finalValue;
    @JsonProperty
    private double power;
    @JsonProperty
    private int steps;
    @JsonProperty
    private double rampShare;
    // the plan, set by planIterations / planEpochs / the listener's re-planning (mutable by design, see the class doc)
    @JsonProperty
    private int anchorIteration;
    @JsonProperty
    private double anchorProgress;
    @JsonProperty
    private int remainingIterations;
    @JsonProperty
    private int epochs;
    // whether training past the plan's end was warned about: neither configuration nor plan, so not in JSON or equals
    @JsonIgnore
    private transient boolean warnedPastEnd;

    /** For Jackson (DL4J's configuration JSON). */
    private FittedSchedule() {
    }

    private FittedSchedule(Builder b) {
        this.scheduleType = b.scheduleType;
        this.decay = b.decay;
        this.initialValue = b.initialValue;
        this.finalValue = b.finalValue;
        this.power = b.power;
        this.steps = b.steps;
        this.rampShare = b.rampShare;
    }

    /** A half-cosine decay from {@code initialValue} (to 0 unless {@link Builder#finalValue} says otherwise). */
    public static Builder cosine(double initialValue) {
        return new Builder(Decay.COSINE, initialValue);
    }

    /** A straight line from {@code initialValue} (to 0 unless {@link Builder#finalValue} says otherwise). */
    public static Builder linear(double initialValue) {
        return new Builder(Decay.POLYNOMIAL, initialValue);
    }

    /** A polynomial decay of this power from {@code initialValue} (to 0 unless {@link Builder#finalValue} says otherwise). */
    public static Builder polynomial(double initialValue, double power) {
        checkArgument(power > 0 && Double.isFinite(power), "power must be positive and finite, got %s", power);
        Builder b = new Builder(Decay.POLYNOMIAL, initialValue);
        b.power = power;
        return b;
    }

    /**
     * {@code steps} equally spaced drops from {@code initialValue} to {@code finalValue}, each by the same factor
     * (for example 1e-1 to 1e-3 in 2 steps: 1e-1, 1e-2, 1e-3).
     */
    public static Builder step(double initialValue, double finalValue, int steps) {
        checkArgument(steps >= 1, "steps must be at least 1, got %s", steps);
        checkArgument(finalValue > 0 && finalValue < initialValue, "a step schedule drops from initialValue %s to a"
                + " positive, smaller finalValue, got %s", initialValue, finalValue);
        Builder b = new Builder(Decay.STEP, initialValue);
        b.steps = steps;
        return b.finalValue(finalValue);
    }

    /**
     * Fits the schedule to a run of {@code totalIterations} iterations from the current position on: the decay
     * goes on from where it is at the next iteration and ends at the last. Called by the listener at every epoch
     * start; call it yourself for a run without a listener (iterations = epochs x ceil(examples / batch size)).
     *
     * @param fromIteration the next iteration's index (the model's iteration count)
     * @param iterationsLeft the iterations left in the run, including the next, at least 1
     */
    public void replan(int fromIteration, int iterationsLeft) {
        checkArgument(fromIteration >= 0, "fromIteration must be >= 0, got %s", fromIteration);
        checkArgument(iterationsLeft >= 1, "a run has at least 1 iteration left, got %s", iterationsLeft);
        double progress = remainingIterations > 0 ? progress(fromIteration) : 0;
        this.anchorIteration = fromIteration;
        this.anchorProgress = progress;
        this.remainingIterations = iterationsLeft;
    }

    /** Fits the schedule to a whole run of {@code totalIterations} iterations, from iteration 0. */
    public void planIterations(int totalIterations) {
        checkArgument(totalIterations >= 1, "totalIterations must be at least 1, got %s", totalIterations);
        this.anchorIteration = 0;
        this.anchorProgress = 0;
        this.remainingIterations = totalIterations;
    }

    /** Fits an {@link ScheduleType#EPOCH} schedule to a run of {@code totalEpochs} epochs. */
    public void planEpochs(int totalEpochs) {
        checkArgument(totalEpochs >= 1, "totalEpochs must be at least 1, got %s", totalEpochs);
        this.epochs = totalEpochs;
    }

    /** Whether the value follows iterations (re-planned as sizes change) or epochs. */
    public ScheduleType scheduleType() {
        return scheduleType;
    }

    /** The value at the first iteration after the ramp. */
    public double initialValue() {
        return initialValue;
    }

    /** The value at the last iteration of the run. */
    public double finalValue() {
        return finalValue;
    }

    /** Whether the schedule has been fitted to a run (by a listener or by {@code plan...}). */
    public boolean isPlanned() {
        return scheduleType == ScheduleType.EPOCH ? epochs > 0 : remainingIterations > 0;
    }

    /** The share of the run done at this iteration, in [0, 1]: 1 at the last planned iteration. */
    private double progress(int iteration) {
        if (remainingIterations <= 1) {
            return iteration >= anchorIteration ? 1 : anchorProgress;
        }
        double p = anchorProgress + (1 - anchorProgress) * (iteration - anchorIteration) / (remainingIterations - 1.0);
        return Math.max(0, Math.min(1, p));
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (!isPlanned()) {
            throw new IllegalStateException("This FittedSchedule has not been fitted to a run: build the"
                    + " PruningListener with epochs(n) (it fits the schedule in the model's updaters at every epoch"
                    + " start), or call " + (scheduleType == ScheduleType.EPOCH ? "planEpochs(totalEpochs)"
                    : "planIterations(totalIterations)") + " before fit for a run without pruning.");
        }
        double p;
        double next;
        if (scheduleType == ScheduleType.EPOCH) {
            p = epochs <= 1 ? 1 : Math.min(1, epoch / (epochs - 1.0));
            next = epochs <= 1 ? 1 : Math.min(1, (epoch + 1) / (epochs - 1.0));
        } else {
            if (iteration < anchorIteration) {
                throw new IllegalStateException("This FittedSchedule was fitted to a run from iteration "
                        + anchorIteration + " on (re-planned by a PruningListener, or replan(...)), but a model asks"
                        + " it for iteration " + iteration + ", before that: is one FittedSchedule shared by two"
                        + " models, say a pruned run and its full-data baseline? A model without a listener would"
                        + " then train on the other run's plan. Give each model its own"
                        + " (FittedSchedule.cosine(...).build() per network), and call planIterations(totalIterations)"
                        + " on the schedule of a model trained without a listener.");
            }
            p = progress(iteration);
            next = progress(iteration + 1);
        }
        warnIfPastTheEnd(iteration, epoch);
        if (p < rampShare) {
            return initialValue * Math.max(MIN_RAMP, Math.min(1, next / rampShare));
        }
        double q = rampShare >= 1 ? 1 : (p - rampShare) / (1 - rampShare);
        return decay.at(Math.min(1, q), initialValue, finalValue, power, steps);
    }

    /**
     * Warns once when a model trains well past the run the schedule was fitted to (more than one iteration or epoch
     * after its last: reading the rate just after the last is what listeners do), e.g. fine-tuning a pruned run's
     * model without its listener, which would otherwise train at the final value, often 0, without a word.
     */
    private void warnIfPastTheEnd(int iteration, int epoch) {
        boolean past = scheduleType == ScheduleType.EPOCH ? epoch > epochs : iteration > anchorIteration
                + remainingIterations;
        if (past && !warnedPastEnd) {
            warnedPastEnd = true;
            log.warn("A FittedSchedule fitted to a run of {} is asked for {} {}, past that run's end: it trains at"
                    + " its final value, {}. To train on (fine-tuning after a pruned run, say), give the model a rate"
                    + " for the new run: net.setLearningRate(1e-4), or a new schedule fitted from here,"
                    + " lr = FittedSchedule.cosine(1e-3).build(); lr.replan(net.getIterationCount(), iterations);"
                    + " net.setLearningRate(lr).",
                    scheduleType == ScheduleType.EPOCH ? epochs + " epochs" : "iterations up to "
                    + (anchorIteration + remainingIterations - 1), scheduleType == ScheduleType.EPOCH ? "epoch"
                    : "iteration", scheduleType == ScheduleType.EPOCH ? epoch : iteration, finalValue);
        }
    }

    /**
     * Equal when every setting and the plan are equal. DL4J lays out an updater's state (Adam's moments, say) in one
     * block for consecutive layers whose updater configurations are equal: the layers of a built model share one
     * schedule instance, those of a model restored from JSON hold equal copies, and both must give the same layout,
     * or the restored state is read in the wrong places.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FittedSchedule f)) {
            return false;
        }
        return scheduleType == f.scheduleType && decay == f.decay && Double.compare(initialValue, f.initialValue) == 0
                && Double.compare(finalValue, f.finalValue) == 0 && Double.compare(power, f.power) == 0
                && steps == f.steps && Double.compare(rampShare, f.rampShare) == 0
                && anchorIteration == f.anchorIteration && Double.compare(anchorProgress, f.anchorProgress) == 0
                && remainingIterations == f.remainingIterations && epochs == f.epochs;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(scheduleType, decay, initialValue, finalValue, power, steps, rampShare);
    }

    @Override
    public FittedSchedule clone() {
        FittedSchedule copy = new FittedSchedule();
        copy.scheduleType = scheduleType;
        copy.decay = decay;
        copy.initialValue = initialValue;
        copy.finalValue = finalValue;
        copy.power = power;
        copy.steps = steps;
        copy.rampShare = rampShare;
        copy.anchorIteration = anchorIteration;
        copy.anchorProgress = anchorProgress;
        copy.remainingIterations = remainingIterations;
        copy.epochs = epochs;
        return copy;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FittedSchedule{%s %s, %g -> %g%s%s}", scheduleType, decay, initialValue,
                finalValue, decay == Decay.POLYNOMIAL && power != 1 ? ", power " + power : decay == Decay.STEP
                        ? ", " + steps + " steps" : "", rampShare > 0 ? String.format(Locale.ROOT,
                        ", ramp %.3f of the run", rampShare) : "");
    }

    /** Builds a {@link FittedSchedule}; every option has a documented default. */
    public static final class Builder {
        private final Decay decay;
        private final double initialValue;
        private double finalValue;
        private double power = 1;
        private int steps = 1;
        private double rampShare;
        private ScheduleType scheduleType = ScheduleType.ITERATION;

        private Builder(Decay decay, double initialValue) {
            checkArgument(initialValue > 0 && Double.isFinite(initialValue),
                    "initialValue must be positive and finite, got %s", initialValue);
            this.decay = decay;
            this.initialValue = initialValue;
        }

        /** The value at the last iteration, in [0, initialValue] (default 0; a step schedule needs one). */
        public Builder finalValue(double value) {
            checkArgument(value >= 0 && value <= initialValue, "finalValue must be in [0, initialValue %s], got %s",
                    initialValue, value);
            this.finalValue = value;
            return this;
        }

        /**
         * A linear warm-up ramp over this share of the run, in [0, 1) (default 0: none): the value climbs from
         * about 0 to {@code initialValue}, then decays.
         */
        public Builder rampShare(double share) {
            checkArgument(share >= 0 && share < 1, "rampShare must be in [0, 1), got %s", share);
            this.rampShare = share;
            return this;
        }

        /**
         * {@link ScheduleType#ITERATION} (the default: smooth, re-planned as pruning changes the iterations per
         * epoch) or {@link ScheduleType#EPOCH} (one value per epoch).
         */
        public Builder scheduleType(ScheduleType type) {
            this.scheduleType = requireNonNull(type, "type");
            return this;
        }

        /** Builds the schedule, not yet fitted to a run. */
        public FittedSchedule build() {
            checkArgument(decay != Decay.STEP || finalValue > 0, "a step schedule needs a positive finalValue");
            return new FittedSchedule(this);
        }
    }
}
