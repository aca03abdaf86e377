package org.dataprune4j.tune;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.internal.OneHot;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
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
 * <p>Guidance from the papers behind this project: with abundant data the best range moves toward hard
 * examples, with scarce data toward easy ones, and with label noise the top (mislabelled) slice is dropped.
 */
public final class RangeTuner {
    private static final Logger log = LoggerFactory.getLogger(RangeTuner.class);

    private final Builder config;
    private final List<DataSet> validationBatches;
    private final Map<Integer, Warmed> warmed = new HashMap<>();

    /** The shared state after a warm-up: the network, the (sub-sampled) training set, its scores by kind. */
    private record Warmed(MultiLayerNetwork net, DataSet train, Map<ScoreKind, double[]> scores, int[] labels) {
    }

    private RangeTuner(Builder config) {
        this.config = config;
        this.validationBatches = config.validation.batchBy(1000);
    }

    /**
     * Starts a builder.
     *
     * @param conf the network configuration to tune for (ending in softmax + MCXENT)
     * @param train training examples, one-hot labels
     * @param validation validation examples, disjoint from {@code train}, at least two classes
     */
    public static Builder builder(MultiLayerConfiguration conf, DataSet train, DataSet validation) {
        ArbiterCheck.requireArbiter();
        return new Builder(requireNonNull(conf, "conf"), requireNonNull(train, "train"),
                requireNonNull(validation, "validation"));
    }

    /**
     * Runs the warm-up, then the search.
     *
     * @return every trial, the best range and the cost
     * @throws IllegalStateException if no candidate completed
     */
    public TuningResult tune() {
        DataSet train = subsample(config.train, config.trainingSubsample, config.seed);
        int n = train.numExamples();
        long start = System.nanoTime();
        warmed.clear();
        for (int epochs : config.warmups()) {
            warmed.put(epochs, warmUp(train, epochs));
        }
        double scoringSeconds = (System.nanoTime() - start) / 1e9;
        log.info("Range tuning: {} examples scored by {} after {} warm-up epochs in {} s; searching", n,
                config.kinds(), config.warmups(), String.format("%.1f", scoringSeconds));

        long deadline = config.timeBudget == null ? Long.MAX_VALUE : System.nanoTime() + config.timeBudget.toNanos();
        List<Trial> trials = new ArrayList<>();
        double searchSeconds = 0;
        for (int epochs : config.warmups()) {
            for (ScoreKind kind : config.kinds()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.info("Time budget spent: {} with {} warm-up epochs not searched", kind, epochs);
                    continue;
                }
                RangeSearch.Builder search = RangeSearch.builder(config.searchSpace(), n).objective(config.objective)
                        .maxKeptFraction(config.maxKeptFraction).minKeptFraction(config.minKeptFraction)
                        .setting(kind, epochs);
                if (config.gridPoints > 0) {
                    search.gridSearch(config.gridPoints);
                } else {
                    search.randomSearch(config.candidates, config.seed);
                }
                if (deadline != Long.MAX_VALUE) {
                    search.timeBudget(Duration.ofNanos(left));
                }
                TuningResult part = search.build().search(range -> evaluate(range.toRule(), kind, epochs));
                for (Trial t : part.trials()) {
                    trials.add(t.withIndex(trials.size()));
                }
                searchSeconds += part.searchSeconds();
            }
        }
        TuningResult result = new TuningResult(trials, config.objective, scoringSeconds, searchSeconds);
        log.info("Range tuning trials ({}):\n{}", config.objective.name().toLowerCase(), result.table());
        if (config.trialsCsv != null) {
            result.writeCsv(config.trialsCsv);
        }
        RangeSearch.requireCompleted(result, config.maxKeptFraction, config.minKeptFraction);
        warnIfFarUnderBudget(result, n);
        return result;
    }

    /**
     * Warns when the winner keeps under half the budget and no floor was set: the proxy run changes a warmed-up
     * network little on a small subset, so a tiny range can keep the warm-up's validation accuracy and win,
     * and then train a poor model (measured: 17 of 55,000 Fashion-MNIST images at a 30% budget).
     */
    private void warnIfFarUnderBudget(TuningResult result, int n) {
        Trial best = result.best().orElseThrow();
        if (config.minKeptFraction == 0 && best.range().keptFraction() < config.maxKeptFraction / 2) {
            log.warn("The best range {} keeps {} of {} examples, under half the budget of {}: a proxy run on a small"
                    + " subset hardly moves the warmed-up network, so small ranges can win here and train poorly in"
                    + " the real run. Set minKeptFraction (e.g. 0.8 x the budget) to compare ranges of the size you"
                    + " will train on.", best.range(), best.keptCount(), n, config.maxKeptFraction);
        }
    }

    private Warmed warmUp(DataSet train, int epochs) {
        MultiLayerNetwork warm = new MultiLayerNetwork(config.conf.clone());
        warm.init();
        PruningIterator iterator = PruningIterator.builder(train, config.batchSize).seed(config.seed).build();
        PruningListener.Builder builder = PruningListener.builder(iterator, ScoreRangeRule.quantiles(0, 1))
                .warmupEpochs(epochs).score(config.kinds().get(0))
                .alsoCompute(config.kinds().toArray(ScoreKind[]::new)).outliers(0);
        if (config.extrapolation != null) {
            builder.extrapolate(config.extrapolation);
        }
        if (config.prototypeClusters > 0) {
            builder.prototypeClusters(config.prototypeClusters);
        }
        PruningListener listener = builder.build();
        warm.setListeners(listener);
        warm.fit(iterator, epochs);
        warm.setListeners(List.of());
        PruningReport report = listener.report().orElseThrow();
        Map<ScoreKind, double[]> scores = new EnumMap<>(ScoreKind.class);
        for (ScoreKind kind : config.kinds()) {
            scores.put(kind, report.scores().scores(kind));
        }
        return new Warmed(warm, train, scores, report.scores().labels());
    }

    /**
     * The validation objective of one range by the same proxy run as the candidates: to compare a baseline
     * (keep hardest, keep easiest) at the same budget with the tuned range, at no second warm-up.
     *
     * @throws IllegalStateException if {@link #tune()} has not run
     */
    public double evaluate(QuantileRange range) {
        return evaluate(requireNonNull(range, "range").toRule());
    }

    /**
     * The validation objective of any selection rule (e.g. {@code RandomRule.keep(0.5, seed)}) by the same
     * proxy run as the candidates.
     *
     * @throws IllegalStateException if {@link #tune()} has not run
     */
    public double evaluate(SelectionRule rule) {
        return evaluate(rule, config.kinds().get(0), config.warmups().get(0));
    }

    /**
     * The validation objective of a rule applied to the given score after the given warm-up, by the proxy run.
     *
     * @throws IllegalStateException if {@link #tune()} has not run or did not compute that score and warm-up
     */
    public double evaluate(SelectionRule rule, ScoreKind kind, int warmupEpochs) {
        requireNonNull(rule, "rule");
        Warmed w = warmed.get(warmupEpochs);
        if (w == null || !w.scores().containsKey(kind)) {
            throw new IllegalStateException("Call tune() first: evaluate(range) reuses its warm-up and scores"
                    + " (this tuner computes " + config.kinds() + " after " + config.warmups() + " warm-up epochs)");
        }
        int[] kept = rule.select(w.scores().get(kind), w.labels()).keptIds();
        DataSet subset = new DataSet(Nd4j.pullRows(w.train().getFeatures(), 1, kept, 'c'),
                Nd4j.pullRows(w.train().getLabels(), 1, kept, 'c'));
        subset.shuffle(config.seed);
        MultiLayerNetwork net = w.net().clone();
        net.fit(new ExistingDataSetIterator(subset.batchBy(config.batchSize)), config.proxyEpochs);
        if (!Double.isFinite(net.score())) {
            return Double.NaN;
        }
        ExistingDataSetIterator validation = new ExistingDataSetIterator(validationBatches);
        return config.objective == Objective.ACCURACY ? net.evaluate(validation).accuracy()
                : net.score(config.validation);
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

    /** Rejects a validation set that is empty, single-class, or shares examples with the training set. */
    static void checkValidation(DataSet train, DataSet validation) {
        if (validation == train) {
            throw new IllegalArgumentException("The validation set is the training set object; tune on held-out"
                    + " examples (split the training data, e.g. DataSet.splitTestAndTrain).");
        }
        if (validation.getFeatures() == null || validation.numExamples() == 0) {
            throw new IllegalArgumentException("The validation set is empty; give the tuner held-out examples.");
        }
        int[] classes = OneHot.classIndices(validation.getLabels(), r -> r);
        if (Arrays.stream(classes).distinct().count() < 2) {
            throw new IllegalArgumentException("The validation set holds a single class (" + classes[0] + "); an"
                    + " accuracy or loss on it cannot rank ranges. Use a validation set with every class.");
        }
        int d = (int) (train.getFeatures().length() / train.numExamples());
        float[] trainRows = train.getFeatures().dup('c').data().asFloat();
        Map<Integer, List<Integer>> byHash = new HashMap<>();
        for (int i = 0; i < train.numExamples(); i++) {
            byHash.computeIfAbsent(Arrays.hashCode(Arrays.copyOfRange(trainRows, i * d, (i + 1) * d)),
                    h -> new ArrayList<>()).add(i);
        }
        float[] validRows = validation.getFeatures().dup('c').data().asFloat();
        int shared = 0;
        int first = -1;
        for (int v = 0; v < validation.numExamples(); v++) {
            float[] row = Arrays.copyOfRange(validRows, v * d, (v + 1) * d);
            for (int t : byHash.getOrDefault(Arrays.hashCode(row), List.of())) {
                if (Arrays.equals(row, Arrays.copyOfRange(trainRows, t * d, (t + 1) * d))) {
                    shared++;
                    first = first < 0 ? v : first;
                    break;
                }
            }
        }
        if (shared > 0) {
            throw new IllegalArgumentException(shared + " validation examples are also in the training set (the"
                    + " first is validation row " + first + "); the tuned range would be judged on data it trained"
                    + " on. Split the data so that the two sets are disjoint.");
        }
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
        private long seed = 42;
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
         * Extrapolates one score from a scored subset during the warm-up, as {@code PruningListener.Builder
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
            searchSpace();
            checkValidation(train, validation);
            return new RangeTuner(this);
        }
    }
}
