package org.dataprune4j.tune;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.score.ScoreKind;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;

/**
 * Searches a {@link RangeSpace} with Arbiter (random or grid search) for the range that optimises an
 * objective, under a budget of kept data (a ceiling and optionally a floor) and optionally of time. One
 * candidate runs at a time; candidates outside the kept-data bounds are recorded as skipped, not trained.
 *
 * <pre>{@code
 * TuningResult r = RangeSearch.builder(RangeSpace.full(), 60_000).maxKeptFraction(0.5).randomSearch(30, 7)
 *         .build().run(range -> validationAccuracyAfterProxyRun(range));
 * }</pre>
 */
public final class RangeSearch {
    private final RangeSpace space;
    private final int numExamples;
    private final Objective objective;
    private final double maxKeptFraction;
    private final double minKeptFraction;
    private final int candidates;
    private final int gridPoints;
    private final long seed;
    private final Duration timeBudget;
    private final ScoreKind scoreKind;
    private final int warmupEpochs;

    /** Computes the objective of one candidate range; may throw, which records the trial as failed. */
    @FunctionalInterface
    public interface Evaluator {
        /**
         * @param range the candidate range
         * @return the validation objective; NaN or infinite marks the trial as failed (diverged)
         */
        double evaluate(QuantileRange range) throws Exception;
    }

    private RangeSearch(Builder b) {
        this.space = b.space;
        this.numExamples = b.numExamples;
        this.objective = b.objective;
        this.maxKeptFraction = b.maxKeptFraction;
        this.minKeptFraction = b.minKeptFraction;
        this.candidates = b.gridPoints > 0 ? b.gridPoints * b.gridPoints : b.candidates;
        this.gridPoints = b.gridPoints;
        this.seed = b.seed;
        this.timeBudget = b.timeBudget;
        this.scoreKind = b.scoreKind;
        this.warmupEpochs = b.warmupEpochs;
    }

    /**
     * Starts a builder.
     *
     * @param space the candidate ranges
     * @param numExamples the number of examples the ranges select from, to count what each keeps
     */
    public static Builder builder(RangeSpace space, int numExamples) {
        ArbiterCheck.requireArbiter();
        return new Builder(requireNonNull(space, "space"), numExamples);
    }

    /** Number of examples a range keeps: round(hi n) - round(lo n), as {@code ScoreRangeRule} counts. */
    public static int keptCount(QuantileRange range, int numExamples) {
        return (int) Math.round(range.hi() * numExamples) - (int) Math.round(range.lo() * numExamples);
    }

    /** Whether a range is within the budget of kept data. */
    public boolean withinBudget(QuantileRange range) {
        return keptCount(range, numExamples) <= Math.round(maxKeptFraction * numExamples);
    }

    /** Whether a range keeps at least the floor, {@code hi - lo >= minKeptFraction}. */
    public boolean aboveFloor(QuantileRange range) {
        return range.keptFraction() + 1e-9 >= minKeptFraction;
    }

    /**
     * Runs the search.
     *
     * @param evaluator the objective of a candidate (a proxy training run, or anything else)
     * @return every trial and the best
     * @throws IllegalStateException if no candidate completed: all over budget or under the floor, or all failed
     *     (with the reason)
     */
    public TuningResult run(Evaluator evaluator) {
        return requireCompleted(search(evaluator), maxKeptFraction, minKeptFraction);
    }

    /**
     * Fails, saying why, if no trial of the result completed.
     *
     * @throws IllegalStateException if every candidate was over budget, under the floor, or failed
     */
    static TuningResult requireCompleted(TuningResult result, double maxKeptFraction, double minKeptFraction) {
        if (result.best().isEmpty()) {
            String firstFailure = result.trials().stream().filter(t -> t.status() == Trial.Status.FAILED)
                    .map(Trial::message).findFirst().orElse("");
            throw new IllegalStateException("No candidate range completed out of " + result.trials().size() + ": "
                    + result.count(Trial.Status.SKIPPED_OVER_BUDGET) + " kept more than the budget of "
                    + maxKeptFraction + ", " + result.count(Trial.Status.SKIPPED_UNDER_FLOOR) + " kept less than the"
                    + " floor of " + minKeptFraction + " and " + result.count(Trial.Status.FAILED) + " failed"
                    + (firstFailure.isEmpty() ? "" : " (first failure: " + firstFailure + ")")
                    + ". Widen the search space, raise the budget, lower the floor, or fix the training that failed.");
        }
        return result;
    }

    /** Runs the search and returns every trial, even if none completed. */
    TuningResult search(Evaluator evaluator) {
        requireNonNull(evaluator, "evaluator");
        CandidateGenerator generator;
        if (gridPoints > 0) {
            generator = new GridSearchCandidateGenerator(space, gridPoints, GridSearchCandidateGenerator.Mode.Sequential,
                    null);
        } else {
            RandomSearchGenerator random = new RandomSearchGenerator(space);
            random.setRngSeed(seed);
            generator = random;
        }
        List<TerminationCondition> stop = new ArrayList<>();
        stop.add(new MaxCandidatesCondition(candidates));
        if (timeBudget != null) {
            stop.add(new MaxTimeCondition(timeBudget.toMillis(), TimeUnit.MILLISECONDS));
        }
        long start = System.nanoTime();
        List<Trial> trials = ArbiterSearch.run(generator, objective.minimize(), stop,
                candidate -> evaluate(candidate, evaluator));
        double seconds = (System.nanoTime() - start) / 1e9;
        trials.sort(Comparator.comparingInt(Trial::index));
        return new TuningResult(trials, objective, 0, seconds);
    }

    private Trial evaluate(Candidate<?> candidate, Evaluator evaluator) {
        QuantileRange range = (QuantileRange) candidate.getValue();
        int kept = keptCount(range, numExamples);
        if (!withinBudget(range)) {
            return new Trial(candidate.getIndex(), scoreKind, warmupEpochs, range, kept,
                    Trial.Status.SKIPPED_OVER_BUDGET, Double.NaN, 0,
                    "keeps " + kept + " > budget " + Math.round(maxKeptFraction * numExamples));
        }
        if (!aboveFloor(range)) {
            return new Trial(candidate.getIndex(), scoreKind, warmupEpochs, range, kept,
                    Trial.Status.SKIPPED_UNDER_FLOOR, Double.NaN, 0,
                    String.format(Locale.ROOT, "keeps %.4f < floor %.4f", range.keptFraction(),
                            minKeptFraction));
        }
        if (kept <= 0) {
            return new Trial(candidate.getIndex(), scoreKind, warmupEpochs, range, kept, Trial.Status.FAILED,
                    Double.NaN, 0,
                    "keeps no example");
        }
        long start = System.nanoTime();
        try {
            double value = evaluator.evaluate(range);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!Double.isFinite(value)) {
                return new Trial(candidate.getIndex(), scoreKind, warmupEpochs, range, kept, Trial.Status.FAILED,
                        Double.NaN, seconds,
                        "objective is " + value + " (training diverged)");
            }
            return new Trial(candidate.getIndex(), scoreKind, warmupEpochs, range, kept, Trial.Status.COMPLETED,
                    value, seconds, "");
        } catch (Exception | AssertionError e) {
            return new Trial(candidate.getIndex(), scoreKind, warmupEpochs, range, kept, Trial.Status.FAILED, Double.NaN,
                    (System.nanoTime() - start) / 1e9, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static double checkBudget(double fraction) {
        checkArgument(fraction > 0 && fraction <= 1, "the budget of kept data must be a fraction in (0, 1], got %s",
                fraction);
        return fraction;
    }

    static double checkFloor(double fraction) {
        checkArgument(fraction >= 0 && fraction < 1, "the floor of kept data must be a fraction in [0, 1), got %s",
                fraction);
        return fraction;
    }

    static void checkFloorUnderBudget(double minKeptFraction, double maxKeptFraction) {
        checkArgument(minKeptFraction <= maxKeptFraction, "the floor of kept data (minKeptFraction %s) is above the"
                + " budget (maxKeptFraction %s): no range can be tried. Lower the floor or raise the budget.",
                minKeptFraction, maxKeptFraction);
    }

    static int checkGrid(int pointsPerAxis) {
        checkArgument(pointsPerAxis >= 2, "a grid needs at least 2 points per axis, got %s", pointsPerAxis);
        return pointsPerAxis;
    }

    static int checkCandidates(int candidates) {
        checkArgument(candidates >= 1, "the search needs at least one candidate, got %s", candidates);
        return candidates;
    }

    /** Builds a {@link RangeSearch}. */
    public static final class Builder {
        private final RangeSpace space;
        private final int numExamples;
        private Objective objective = Objective.ACCURACY;
        private double maxKeptFraction = 1.0;
        private double minKeptFraction;
        private int candidates = 20;
        private int gridPoints;
        private long seed = Defaults.SEED;
        private Duration timeBudget;
        private ScoreKind scoreKind;
        private int warmupEpochs;

        private Builder(RangeSpace space, int numExamples) {
            this.space = space;
            this.numExamples = numExamples;
        }

        /** What to optimise (default {@link Objective#ACCURACY}). */
        public Builder objective(Objective objective) {
            this.objective = requireNonNull(objective, "objective");
            return this;
        }

        /** The most data a candidate may keep, a fraction in (0, 1] (default 1); larger ranges are not trained. */
        public Builder maxKeptFraction(double fraction) {
            this.maxKeptFraction = checkBudget(fraction);
            return this;
        }

        /**
         * The least data a candidate may keep, a fraction in [0, 1) (default 0); smaller ranges are not trained.
         * A proxy run barely changes a warmed-up network on a small subset, so without a floor a tiny range can
         * win on validation and then train a poor model; a floor near the budget compares like with like.
         */
        public Builder minKeptFraction(double fraction) {
            this.minKeptFraction = checkFloor(fraction);
            return this;
        }

        /** Random search over this many candidates, seeded (the default: 20 candidates, seed 42, {@code PruningIterator.DEFAULT_SEED}). */
        public Builder randomSearch(int candidates, long seed) {
            this.candidates = candidates;
            this.seed = seed;
            this.gridPoints = 0;
            return this;
        }

        /** Grid search: {@code pointsPerAxis} values of lo times as many of hi. */
        public Builder gridSearch(int pointsPerAxis) {
            this.gridPoints = checkGrid(pointsPerAxis);
            return this;
        }

        /** Stops proposing candidates after this long (default: no limit); the candidate running finishes. */
        public Builder timeBudget(Duration budget) {
            requireNonNull(budget, "budget");
            checkArgument(!budget.isNegative() && !budget.isZero(), "the time budget must be positive, got %s", budget);
            this.timeBudget = budget;
            return this;
        }

        /** Records which score and warm-up the ranges refer to, in every trial (default: not recorded). */
        public Builder setting(ScoreKind kind, int warmupEpochs) {
            this.scoreKind = requireNonNull(kind, "kind");
            this.warmupEpochs = warmupEpochs;
            return this;
        }

        /**
         * Builds the search.
         *
         * @throws IllegalArgumentException for zero candidates, no examples, or a floor above the budget
         */
        public RangeSearch build() {
            checkArgument(numExamples > 0, "the ranges must select from at least one example, got %s", numExamples);
            checkFloorUnderBudget(minKeptFraction, maxKeptFraction);
            if (gridPoints == 0) {
                checkCandidates(candidates);
            }
            return new RangeSearch(this);
        }
    }
}
