package org.dataprune4j.tune;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningListenerBuilder;
import org.dataprune4j.PruningReport;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes the kept score range [lo, hi] on a validation set, under a budget of kept data.
 *
 * <p>Cost is shared: one warm-up run of the network's configuration on the training set scores every example
 * once; each candidate range then continues a copy of the warmed-up network (weights and updater state) on the
 * examples the range keeps, for a few proxy epochs, and is scored on the validation set. This is the in-loop
 * protocol of {@code PruningListener} in small. Candidates come from Arbiter's random or grid search over a
 * {@link RangeSpace}; ranges over the budget are not trained. Set a floor too ({@code minKeptFraction}): the
 * proxy favours small subsets (a short run on a few examples leaves the warmed-up network, and its validation
 * accuracy, almost as it was), so a search under a ceiling alone can pick a range of a few dozen examples. With a
 * floor, candidates are drawn only from ranges that keep between the floor and the budget.
 *
 * <pre>{@code
 * TuningResult tuned = RangeTuner.builder(conf, train, validation).maxKeptFraction(0.5).minKeptFraction(0.4)
 *         .randomSearch(20, 7).build().tune();
 * PruningListener listener = PruningListener.builder(iterator, tuned.bestRule()).build();
 * }</pre>
 *
 * <p>The tuner is immutable: {@link Builder#build()} copies and checks its settings. {@link #tune()} is
 * {@code warmUp().search()}; keep the {@link WarmedUp} to compare other rules by the same proxy run
 * ({@link WarmedUp#evaluate}). The warm-up trains with a {@code PruningListener} that keeps everything, so the
 * scores come from the same scoring code as a real run.
 *
 * <p>Guidance from the papers behind this project: with abundant data the best range moves toward hard
 * examples, with scarce data toward easy ones, and with label noise the top (mislabelled) slice is dropped.
 */
public final class RangeTuner {
    private static final Logger log = LoggerFactory.getLogger(RangeTuner.class);

    private final TunerSettings settings;

    private RangeTuner(TunerSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts a builder.
     *
     * @param conf the network configuration to tune for (ending in softmax + MCXENT)
     * @param train training examples, one-hot labels
     * @param validation validation examples, disjoint from {@code train}, at least two classes
     * @throws IllegalStateException if Arbiter, an optional dependency, is not on the classpath
     */
    public static Builder builder(MultiLayerConfiguration conf, DataSet train, DataSet validation) {
        ArbiterCheck.requireArbiter();
        return new Builder(requireNonNull(conf, "conf"), requireNonNull(train, "train"),
                requireNonNull(validation, "validation"));
    }

    /**
     * Runs the warm-up, then the search: {@code warmUp().search()}.
     *
     * @return every trial, the best range and the cost
     * @throws IllegalStateException if no candidate completed
     */
    public TuningResult tune() {
        return warmUp().search();
    }

    /**
     * Runs the warm-ups (one per configured warm-up length) and scores every training example; the result searches
     * ranges and evaluates other rules by the same proxy run. Each call trains anew.
     */
    public WarmedUp warmUp() {
        DataSet train = subsample(settings.train(), settings.trainingSubsample(), settings.seed());
        long start = System.nanoTime();
        Map<Integer, WarmedUp.Warmed> warmed = new HashMap<>();
        for (int epochs : settings.warmups()) {
            warmed.put(epochs, warmUp(train, epochs));
        }
        double scoringSeconds = (System.nanoTime() - start) / 1e9;
        log.info("Range tuning: {} examples scored by {} after {} warm-up epochs in {} s", train.numExamples(),
                settings.kinds(), settings.warmups(), String.format("%.1f", scoringSeconds));
        return new WarmedUp(settings, warmed, scoringSeconds);
    }

    private WarmedUp.Warmed warmUp(DataSet train, int epochs) {
        MultiLayerNetwork warm = new MultiLayerNetwork(settings.conf().clone());
        warm.init();
        PruningIterator iterator = PruningIterator.builder(train, settings.batchSize()).seed(settings.seed()).build();
        PruningListenerBuilder builder = PruningListener.builder(iterator, ScoreRangeRule.quantiles(0, 1))
                .warmupEpochs(epochs).score(settings.kinds().get(0))
                .alsoCompute(settings.kinds().toArray(ScoreKind[]::new)).outliers(0);
        if (settings.extrapolation().isPresent()) {
            builder.extrapolate(settings.extrapolation().orElseThrow());
        }
        if (settings.prototypeClusters() > 0) {
            builder.prototypeClusters(settings.prototypeClusters());
        }
        PruningListener listener = builder.build();
        warm.setListeners(listener);
        warm.fit(iterator, epochs);
        warm.setListeners(List.of());
        PruningReport report = listener.report();
        Map<ScoreKind, double[]> scores = new EnumMap<>(ScoreKind.class);
        for (ScoreKind kind : settings.kinds()) {
            scores.put(kind, report.scores().scores(kind));
        }
        return new WarmedUp.Warmed(warm, train, scores, report.scores().labels());
    }

    private static DataSet subsample(DataSet data, double fraction, long seed) {
        if (fraction >= 1.0) {
            return data;
        }
        int n = data.numExamples();
        int[] chosen = RandomRule.keep(fraction, seed).select(new double[n], new int[n]).keptIds();
        return new DataSet(Nd4j.pullRows(data.getFeatures(), 1, chosen, 'c'),
                Nd4j.pullRows(data.getLabels(), 1, chosen, 'c'));
    }

    /** Builds a {@link RangeTuner}; every option has a documented default. */
    public static final class Builder {
        private final MultiLayerConfiguration conf;
        private final DataSet train;
        private final DataSet validation;
        private int warmupEpochs = 2;
        private int proxyEpochs = 2;
        private double trainingSubsample = 1.0;
        private double maxKeptFraction = 1.0;
        private double minKeptFraction;
        private Duration timeBudget;
        private RangeSpace space = RangeSpace.full();
        private int candidates = 20;
        private int gridPoints;
        private Objective objective = Objective.ACCURACY;
        private ScoreKind scoreKind = ScoreKind.EL2N;
        private long seed = Defaults.SEED;
        private int batchSize = 128;
        private Path trialsCsv;
        private List<ScoreKind> searchedKinds = List.of();
        private List<Integer> searchedWarmups = List.of();
        private ScoreExtrapolation extrapolation;
        private int prototypeClusters;

        private Builder(MultiLayerConfiguration conf, DataSet train, DataSet validation) {
            this.conf = conf;
            this.train = train;
            this.validation = validation;
        }

        /** Warm-up epochs before scoring, as in the real run (default 2). */
        public Builder warmupEpochs(int epochs) {
            checkArgument(epochs >= 1, "warmupEpochs must be at least 1, got %s", epochs);
            this.warmupEpochs = epochs;
            return this;
        }

        /** Epochs each candidate trains on its kept examples (default 2). */
        public Builder proxyEpochs(int epochs) {
            checkArgument(epochs >= 1, "proxyEpochs must be at least 1, got %s", epochs);
            this.proxyEpochs = epochs;
            return this;
        }

        /** Tune on a random fraction of the training set, in (0, 1] (default 1: all of it). */
        public Builder trainingSubsample(double fraction) {
            checkArgument(fraction > 0 && fraction <= 1, "trainingSubsample must be in (0, 1], got %s", fraction);
            this.trainingSubsample = fraction;
            return this;
        }

        /** The most data a range may keep, in (0, 1] (default 1); larger ranges are not trained. */
        public Builder maxKeptFraction(double fraction) {
            this.maxKeptFraction = RangeSearch.checkBudget(fraction);
            return this;
        }

        /**
         * The least data a range may keep, in [0, 1) and not above the budget (default 0: no floor). With a floor
         * the candidates are drawn from ranges keeping between it and {@link #maxKeptFraction}, both ends still
         * tuned. Recommended: near the budget (e.g. 0.8 x), since the proxy run favours small ranges.
         */
        public Builder minKeptFraction(double fraction) {
            this.minKeptFraction = RangeSearch.checkFloor(fraction);
            return this;
        }

        RangeSpace searchSpace() {
            return minKeptFraction > 0 ? space.keptBetween(minKeptFraction, maxKeptFraction) : space;
        }

        /** Stop proposing candidates after this long (default: no limit). */
        public Builder timeBudget(Duration budget) {
            this.timeBudget = requireNonNull(budget, "budget");
            return this;
        }

        /** The candidate ranges (default {@link RangeSpace#full()}). */
        public Builder space(RangeSpace space) {
            this.space = requireNonNull(space, "space");
            return this;
        }

        /** Random search over this many candidates (default 20) with a seed. */
        public Builder randomSearch(int candidates, long seed) {
            this.candidates = RangeSearch.checkCandidates(candidates);
            this.seed = seed;
            this.gridPoints = 0;
            return this;
        }

        /** Grid search with this many points per axis. */
        public Builder gridSearch(int pointsPerAxis) {
            this.gridPoints = RangeSearch.checkGrid(pointsPerAxis);
            return this;
        }

        /** What to optimise on the validation set (default {@link Objective#ACCURACY}). */
        public Builder objective(Objective objective) {
            this.objective = requireNonNull(objective, "objective");
            return this;
        }

        /** The score the ranges are quantiles of (default EL2N). */
        public Builder score(ScoreKind kind) {
            this.scoreKind = requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Searches these score kinds too, each with its own range search (default: only {@link #score}).
         * EL2N and forgetting come from the same warm-up; GraNd adds its fresh-initialisation passes, the prototype
         * scores an embedding pass and a k-means.
         */
        public Builder searchScoreKinds(ScoreKind... kinds) {
            checkArgument(kinds.length > 0, "give at least one score kind to search");
            this.searchedKinds = List.copyOf(new java.util.LinkedHashSet<>(Arrays.asList(kinds)));
            return this;
        }

        /** Searches these numbers of warm-up epochs too, one warm-up run each (default: only {@link #warmupEpochs}). */
        public Builder searchWarmupEpochs(int... epochs) {
            checkArgument(epochs.length > 0, "give at least one number of warm-up epochs to search");
            for (int e : epochs) {
                checkArgument(e >= 1, "warm-up epochs must be at least 1, got %s", e);
            }
            this.searchedWarmups = Arrays.stream(epochs).distinct().boxed().toList();
            return this;
        }

        /**
         * Extrapolates one score from a scored subset during the warm-up, as {@code PruningListenerBuilder
         * .extrapolate} does in the real run (default: every score computed on every example).
         */
        public Builder extrapolate(ScoreExtrapolation setting) {
            this.extrapolation = requireNonNull(setting, "setting");
            return this;
        }

        /** k of the label-free prototype score (default: the number of classes). */
        public Builder prototypeClusters(int k) {
            checkArgument(k >= 1, "prototypeClusters (k) must be at least 1, got %s", k);
            this.prototypeClusters = k;
            return this;
        }

        List<ScoreKind> kinds() {
            return searchedKinds.isEmpty() ? List.of(scoreKind) : searchedKinds;
        }

        List<Integer> warmups() {
            return searchedWarmups.isEmpty() ? List.of(warmupEpochs) : searchedWarmups;
        }

        /** Seed of shuffling, subsampling and the random search (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Training batch size (default 128). */
        public Builder batchSize(int batchSize) {
            checkArgument(batchSize >= 1, "batchSize must be at least 1, got %s", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Also write the trial table to this CSV (default: not written). */
        public Builder trialsCsv(Path file) {
            this.trialsCsv = requireNonNull(file, "file");
            return this;
        }

        /**
         * Builds the tuner, checking the validation set.
         *
         * @throws IllegalArgumentException if the validation set is empty, single-class or overlaps training, or
         *     if the floor is above the budget or outside the search space
         */
        public RangeTuner build() {
            RangeSearch.checkFloorUnderBudget(minKeptFraction, maxKeptFraction);
            RangeSpace searchSpace = searchSpace();
            ValidationCheck.check(train, validation);
            return new RangeTuner(new TunerSettings(conf, train, validation, warmups(), kinds(), proxyEpochs,
                    trainingSubsample, maxKeptFraction, minKeptFraction, searchSpace, candidates, gridPoints, objective,
                    seed, batchSize, Optional.ofNullable(timeBudget), Optional.ofNullable(trialsCsv),
                    Optional.ofNullable(extrapolation), prototypeClusters));
        }
    }
}
