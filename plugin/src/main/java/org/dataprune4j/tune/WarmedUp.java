package org.dataprune4j.tune;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared state of a range tuning after its warm-up: for each warm-up length, the warmed-up network (weights and
 * updater state) and every training example's scores. {@link #search()} runs the range search on it;
 * {@link #evaluate} scores any other rule by the same proxy run, so baselines (keep hardest, keep easiest, random)
 * are compared with the tuned range at no second warm-up. Made by {@link RangeTuner#warmUp()}.
 */
public final class WarmedUp {
    private static final Logger log = LoggerFactory.getLogger(WarmedUp.class);

    private final TunerSettings settings;
    private final ImmutableMap<Integer, Warmed> warmed;
    private final List<DataSet> validationBatches;
    private final double scoringSeconds;

    /** The state after one warm-up: the network, the (sub-sampled) training set, its scores by kind. */
    record Warmed(MultiLayerNetwork net, DataSet train, Map<ScoreKind, double[]> scores, int[] labels) {
    }

    WarmedUp(TunerSettings settings, Map<Integer, Warmed> warmed, double scoringSeconds) {
        this.settings = settings;
        this.warmed = ImmutableMap.copyOf(warmed);
        this.validationBatches = settings.validation().batchBy(1000);
        this.scoringSeconds = scoringSeconds;
    }

    /** Seconds the warm-ups and their scoring took. */
    public double scoringSeconds() {
        return scoringSeconds;
    }

    /**
     * Searches the range space for every configured score and warm-up length.
     *
     * @return every trial, the best range and the cost
     * @throws IllegalStateException if no candidate completed
     */
    public TuningResult search() {
        int n = warmed.values().iterator().next().labels().length;
        long deadline = settings.timeBudget().map(b -> System.nanoTime() + b.toNanos()).orElse(Long.MAX_VALUE);
        List<Trial> trials = new ArrayList<>();
        double searchSeconds = 0;
        for (int epochs : settings.warmups()) {
            for (ScoreKind kind : settings.kinds()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.info("Time budget spent: {} with {} warm-up epochs not searched", kind, epochs);
                    continue;
                }
                RangeSearch.Builder search = RangeSearch.builder(settings.searchSpace(), n)
                        .objective(settings.objective()).maxKeptFraction(settings.maxKeptFraction())
                        .minKeptFraction(settings.minKeptFraction()).setting(kind, epochs);
                if (settings.gridPoints() > 0) {
                    search.gridSearch(settings.gridPoints());
                } else {
                    search.randomSearch(settings.candidates(), settings.seed());
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
        TuningResult result = new TuningResult(trials, settings.objective(), scoringSeconds, searchSeconds);
        log.info("Range tuning trials ({}):\n{}", settings.objective().name().toLowerCase(), result.table());
        settings.trialsCsv().ifPresent(result::writeCsv);
        RangeSearch.requireCompleted(result, settings.maxKeptFraction(), settings.minKeptFraction());
        warnIfFarUnderBudget(result, n);
        return result;
    }

    /**
     * Warns when the winner keeps under half the budget and no floor was set: the proxy run changes a warmed-up
     * network little on a small subset, so a tiny range can keep the warm-up's validation accuracy and win,
     * and then train a poor model (docs/BENCHMARKS.md, "Benchmark matrix (issue 6), full preset").
     */
    private void warnIfFarUnderBudget(TuningResult result, int n) {
        Trial best = result.best().orElseThrow();
        if (settings.minKeptFraction() == 0 && best.range().keptFraction() < settings.maxKeptFraction() / 2) {
            log.warn("The best range {} keeps {} of {} examples, under half the budget of {}: a proxy run on a small"
                    + " subset hardly moves the warmed-up network, so small ranges can win here and train poorly in"
                    + " the real run. Set minKeptFraction (e.g. 0.8 x the budget) to compare ranges of the size you"
                    + " will train on.", best.range(), best.keptCount(), n, settings.maxKeptFraction());
        }
    }

    /** The validation objective of one range by the same proxy run as the candidates. */
    public double evaluate(QuantileRange range) {
        return evaluate(requireNonNull(range, "range").toRule());
    }

    /**
     * The validation objective of any selection rule (e.g. {@code RandomRule.keep(0.5, seed)}) by the same proxy
     * run as the candidates, on the first configured score and warm-up length.
     */
    public double evaluate(SelectionRule rule) {
        return evaluate(rule, settings.kinds().get(0), settings.warmups().get(0));
    }

    /**
     * The validation objective of a rule applied to the given score after the given warm-up, by the proxy run.
     *
     * @throws IllegalArgumentException if this tuning did not compute that score after that warm-up
     */
    public double evaluate(SelectionRule rule, ScoreKind kind, int warmupEpochs) {
        requireNonNull(rule, "rule");
        Warmed w = warmed.get(warmupEpochs);
        if (w == null || !w.scores().containsKey(kind)) {
            throw new IllegalArgumentException("This tuning computed " + settings.kinds() + " after "
                    + settings.warmups() + " warm-up epochs, not " + kind + " after " + warmupEpochs + "; configure"
                    + " them with searchScoreKinds / searchWarmupEpochs.");
        }
        int[] kept = rule.select(w.scores().get(kind), w.labels()).keptIds();
        DataSet subset = new DataSet(Nd4j.pullRows(w.train().getFeatures(), 1, kept, 'c'),
                Nd4j.pullRows(w.train().getLabels(), 1, kept, 'c'));
        subset.shuffle(settings.seed());
        MultiLayerNetwork net = w.net().clone();
        net.fit(new ExistingDataSetIterator(subset.batchBy(settings.batchSize())), settings.proxyEpochs());
        if (!Double.isFinite(net.score())) {
            return Double.NaN;
        }
        ExistingDataSetIterator validation = new ExistingDataSetIterator(validationBatches);
        return settings.objective() == Objective.ACCURACY ? net.evaluate(validation).accuracy()
                : net.score(settings.validation());
    }
}
