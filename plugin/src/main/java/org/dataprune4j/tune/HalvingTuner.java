package org.dataprune4j.tune;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.dataprune4j.internal.Shuffle;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.select.SwapContext;
import org.dataprune4j.select.TunableRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tunes the kept score range at the swap by successive halving, on the warm-up the real run has already paid for.
 *
 * <p>Every candidate range keeps the same budget of examples. Each continues the warmed-up model (weights, updater
 * state and iteration count, restored into one working copy, so the search holds one model and a snapshot per
 * candidate) on its kept examples for a short proxy, a fraction of an epoch; the best third
 * ({@code 1/eta}) go on to a proxy {@code eta} times longer, continuing where they stopped, until one is left. The
 * default candidates slide a window of the budget's width from the hardest examples to the easiest: the 1-D search
 * of the window's position that Paul et al. tune, which excludes a top slice of the highest (often mislabelled)
 * scores or moves to easy examples when data is scarce. One window is the reference: it runs to the last rung, and
 * another window wins only if it beats it there significantly (a paired test on the validation examples, z of at
 * least {@link NoiseCheck#Z}): short proxies favour windows that drop the hardest examples, which on clean data
 * lose in the full run. The reference is the hard-end window (keep-hardest) unless a {@link NoiseCheck} finds the
 * training labels noisier than the validation labels; then it is the hardest window that drops at least the
 * estimated share of wrong labels from the top, because a proxy of under an epoch cannot see a run memorise
 * them. The last rung trains {@link HalvingTunerBuilder#finalProxyEpochs} of the kept subset (default
 * 0.75); with 9 windows and eta 3 the search trains at most {@link #plannedSubsetEpochs()} = 9 x 0.25 + 4 x 0.5 =
 * 4.25 subset-epochs, 0.21x the examples of a 10-epoch run at a budget of 0.5 (docs/BENCHMARKS.md measures the
 * time).
 *
 * <pre>{@code
 * HalvingTuner tuned = HalvingTuner.builder(validation, 0.5).savedTo(Path.of("tuning.json")).build();
 * PruningListener listener = PruningListener.builder(iterator, tuned).warmupEpochs(2).build();
 * }</pre>
 *
 * <p>With {@link HalvingTunerBuilder#savedTo} the winner is saved as JSON with the data's fingerprint; a later run on the same
 * data, score and budget reuses it without tuning, and a run on other data refuses it. Works with a
 * {@code MultiLayerNetwork} or a {@code ComputationGraph} (one input, one output). Needs no Arbiter: Arbiter's
 * runner trains every candidate from a fresh configuration to the end, with no promotion and no shared warm-up.
 */
public final class HalvingTuner implements TunableRule {
    private static final Logger log = LoggerFactory.getLogger(HalvingTuner.class);

    private final DataSet validation;
    private final double budget;
    private final List<QuantileRange> candidates;
    private final int eta;
    private final double finalProxyEpochs;
    private final int batchSize;
    private final long seed;
    private final Objective objective;
    private final Path savedTo;
    private final ValidationMeasure measure;

    HalvingTuner(HalvingTunerBuilder b) {
        this.validation = b.validation;
        this.budget = b.budget;
        this.candidates = b.candidates == null ? windows(b.budget, b.windows) : List.copyOf(b.candidates);
        this.eta = b.eta;
        this.finalProxyEpochs = b.finalProxyEpochs;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.objective = b.objective;
        this.savedTo = b.savedTo;
        this.measure = new ValidationMeasure(validation, objective);
    }

    /**
     * Starts a builder.
     *
     * @param validation validation examples, disjoint from training, one-hot labels, at least two classes
     * @param budget the fraction of examples every candidate keeps, in (0, 1)
     */
    public static HalvingTunerBuilder builder(DataSet validation, double budget) {
        return new HalvingTunerBuilder(requireNonNull(validation, "validation"), budget);
    }

    /**
     * The default candidates: windows of width {@code budget} whose top is {@code 1 - t} for {@code count} values of
     * {@code t} from 0 (keep the hardest) to {@code 1 - budget} (keep the easiest), denser near the top, where the
     * mislabelled examples are.
     */
    public static List<QuantileRange> windows(double budget, int count) {
        checkArgument(budget > 0 && budget < 1, "the budget must be a kept fraction in (0, 1), got %s", budget);
        checkArgument(count >= 2, "at least 2 windows, got %s", count);
        double span = 1 - budget;
        List<QuantileRange> w = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double u = (double) i / (count - 1);
            double t = span * u * u;
            double lo = Math.max(0, 1 - t - budget);
            w.add(new QuantileRange(round(lo), round(Math.min(1, lo + budget))));
        }
        return List.copyOf(new java.util.LinkedHashSet<>(w));
    }

    private static double round(double q) {
        return Math.round(q * 10_000) / 10_000.0;
    }

    /** The candidate ranges, in order. */
    public List<QuantileRange> candidates() {
        return candidates;
    }

    /** Successive-halving rungs: {@code ceil(log_eta(candidates))}, at least 1. */
    public int rungs() {
        int r = 1;
        long alive = candidates.size();
        while (alive > eta) {
            alive = (alive + eta - 1) / eta;
            r++;
        }
        return r;
    }

    /** The most candidates trained at rung {@code k} (from 0): the promoted, and the hard-end reference if it was not. */
    public int candidatesAtRung(int k) {
        int alive = candidates.size();
        for (int i = 0; i < k; i++) {
            alive = (alive + eta - 1) / eta;
        }
        return k == 0 ? alive : Math.min(candidates.size(), alive + 1);
    }

    /** Cumulative subset-epochs a candidate has trained after rung {@code k}: the last rung's, over eta per rung. */
    public double epochsAfterRung(int k) {
        return finalProxyEpochs / Math.pow(eta, rungs() - 1 - k);
    }

    /** The most subset-epochs of training the search costs: every rung's candidates, each for its rung's increment. */
    public double plannedSubsetEpochs() {
        double total = 0;
        for (int k = 0; k < rungs(); k++) {
            total += candidatesAtRung(k) * (epochsAfterRung(k) - (k == 0 ? 0 : epochsAfterRung(k - 1)));
        }
        return total;
    }

    @Override
    public SelectionRule placeholder() {
        return ScoreRangeRule.keepHardest(budget);
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "range tuned at the swap by successive halving (%d candidates keeping"
                + " %.0f%%, eta %d, %d rungs)", candidates.size(), 100 * budget, eta, rungs());
    }

    @Override
    public String toString() {
        return "HalvingTuner{" + describe() + "}";
    }

    /**
     * Reuses the saved range when {@link HalvingTunerBuilder#savedTo} names a file of the same setting; otherwise runs the
     * search and saves its winner there.
     *
     * @throws IllegalStateException if the saved file was tuned for other data, score or budget
     */
    @Override
    public SelectionRule tune(SwapContext context) {
        if (savedTo != null && Files.exists(savedTo)) {
            SavedTuning saved = SavedTuning.read(savedTo);
            saved.requireSameSetting(savedTo, context.dataFingerprint(), context.scores().length,
                    context.scoreName(), budget);
            log.info("DataPrune4J: reusing the range {} tuned earlier on this data ({}), not tuning again",
                    saved.range(), savedTo.toAbsolutePath());
            return saved.range().toRule();
        }
        Outcome outcome = search(context);
        if (savedTo != null) {
            outcome.saved().write(savedTo);
            log.info("DataPrune4J: saved the tuned range to {}", savedTo.toAbsolutePath());
        }
        return outcome.saved().range().toRule();
    }

    /** What a search found: every trial, the winner as it would be saved, and the label-noise check. */
    public record Outcome(TuningResult result, SavedTuning saved, NoiseCheck noise) {
    }

    /**
     * Runs the search on copies of the context's model; never saves or reuses.
     *
     * @throws IllegalStateException if every candidate failed (training diverged), naming the first failure
     */
    public Outcome search(SwapContext context) {
        long start = System.nanoTime();
        double[] scores = context.scores();
        int[] labels = context.labels();
        int rungs = rungs();
        Model work = ModelState.copyOf(context.model());
        ModelState warm = ModelState.of(work);
        NoiseCheck noise = measure.noiseCheck(work, context, seed, batchSize);
        log.info("DataPrune4J: before tuning, {}", noise.describe());
        List<Candidate> alive = new ArrayList<>();
        for (QuantileRange range : candidates) {
            int[] kept = range.toRule().select(scores, labels).keptIds();
            int[] order = kept.clone();
            Shuffle.inPlace(order, new SplittableRandom(seed));
            alive.add(new Candidate(alive.size(), range, order, warm));
        }
        Candidate reference = reference(alive, noise);
        String referenceNote = noise.detected() ? String.format(Locale.ROOT, "; the reference: the hardest window that"
                + " drops the estimated %.1f%% of wrong labels from the top, kept to the last rung",
                100 * noise.estimatedShare()) : "; the hard-end reference, kept to the last rung";
        List<Trial> trials = new ArrayList<>();
        long trained = 0;
        long validated = 0;
        for (int rung = 0; rung < rungs && !alive.isEmpty(); rung++) {
            for (Candidate c : alive) {
                long t0 = System.nanoTime();
                int target = (int) Math.round(epochsAfterRung(rung) * c.order.length);
                try {
                    c.state.restoreInto(work);
                    trained += c.trainTo(work, target, context);
                    c.state = ModelState.of(work);
                    c.values = measure.perExample(work);
                    c.objective = Arrays.stream(c.values).average().orElse(Double.NaN);
                    validated += validation.numExamples();
                    c.failure = Double.isFinite(c.objective) ? null : "objective is " + c.objective
                            + " (training diverged)";
                } catch (RuntimeException e) {
                    c.objective = Double.NaN;
                    c.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                c.seconds += (System.nanoTime() - t0) / 1e9;
            }
            List<Candidate> ranked = new ArrayList<>(alive.stream().filter(c -> c.failure == null).toList());
            Comparator<Candidate> best = Comparator.comparingDouble(c -> objective.minimize() ? c.objective
                    : -c.objective);
            ranked.sort(best.thenComparingInt(c -> c.index));
            boolean last = rung == rungs - 1;
            int promote = last ? 0 : (alive.size() + eta - 1) / eta;
            List<Candidate> next = new ArrayList<>(ranked.subList(0, Math.min(promote, ranked.size())));
            if (!last && reference.failure == null && !next.contains(reference)) {
                next.add(reference);
            }
            Candidate chosen = last ? choose(ranked, reference) : null;
            for (Candidate c : alive) {
                Trial.Status status = c.failure != null ? Trial.Status.FAILED
                        : last ? (c == chosen ? Trial.Status.COMPLETED : Trial.Status.STOPPED)
                        : next.contains(c) ? Trial.Status.PROMOTED : Trial.Status.STOPPED;
                String note = c.failure != null ? "; " + c.failure
                        : c == reference && chosen == reference && ranked.get(0) != reference
                        ? String.format(Locale.ROOT, "; chosen: the best, %.4f, is not significantly better than"
                        + " this reference (paired z %.2f < %.1f)", ranked.get(0).objective,
                        pairedZ(ranked.get(0).values, reference.values), NoiseCheck.Z)
                        : c == reference ? referenceNote : "";
                trials.add(new Trial(trials.size(), null, 0, c.range, c.order.length, status, c.objective,
                        c.seconds, String.format(Locale.ROOT, "rung %d: %.3f epochs of the subset%s", rung,
                        epochsAfterRung(rung), note)));
            }
            alive.stream().filter(c -> !next.contains(c)).forEach(c -> {
                c.state = null;
                c.values = null;
            });
            alive = new ArrayList<>(next);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        TuningResult result = new TuningResult(trials, objective, 0, seconds);
        log.info("DataPrune4J: successive halving over {} ranges ({} rungs, eta {}), {} examples trained, {}"
                + " validated:\n{}", candidates.size(), rungs, eta, trained, validated, result.table());
        Trial winner = result.best().orElseThrow(() -> new IllegalStateException("Every candidate range failed"
                + " in successive halving (first failure: " + trials.stream()
                .filter(t -> t.status() == Trial.Status.FAILED).map(Trial::message).findFirst().orElse("?")
                + "). Check the learning rate and the data; the warmed-up model trained, so a copy diverging on a"
                + " subset points to a subset of extreme examples."));
        SavedTuning saved = new SavedTuning(SavedTuning.FORMAT, context.dataFingerprint(), scores.length,
                context.scoreName(), budget, winner.range().lo(), winner.range().hi(),
                objective.name().toLowerCase(Locale.ROOT), winner.objective(), candidates.size(), trained, validated,
                seconds);
        return new Outcome(result, saved, noise);
    }

    /**
     * The last rung's winner: the best, unless it is not significantly better than the reference (paired z below
     * {@link NoiseCheck#Z} over the validation examples), which then wins: a window other than the reference must
     * beat it by more than the validation set can resolve.
     */
    private Candidate choose(List<Candidate> ranked, Candidate reference) {
        if (ranked.isEmpty()) {
            return null;
        }
        Candidate top = ranked.get(0);
        if (top != reference && ranked.contains(reference) && pairedZ(top.values, reference.values) < NoiseCheck.Z) {
            return reference;
        }
        return top;
    }

    /**
     * The reference window: the hard end, or with label noise detected the hardest window whose top is at or below
     * {@code 1 - estimated share} (the easiest window if none drops that much).
     */
    static <C> C reference(List<C> alive, java.util.function.Function<C, QuantileRange> range, NoiseCheck noise) {
        Comparator<C> harder = Comparator.comparingDouble((C c) -> range.apply(c).hi())
                .thenComparingDouble(c -> range.apply(c).lo());
        if (!noise.detected()) {
            return alive.stream().max(harder).orElseThrow();
        }
        double top = 1 - noise.estimatedShare();
        return alive.stream().filter(c -> range.apply(c).hi() <= top + 1e-9).max(harder)
                .orElseGet(() -> alive.stream().min(harder).orElseThrow());
    }

    private Candidate reference(List<Candidate> alive, NoiseCheck noise) {
        return reference(alive, c -> c.range, noise);
    }

    /** How far {@code a} is ahead of {@code b} on the validation examples, in standard errors (see ValidationMeasure). */
    double pairedZ(double[] a, double[] b) {
        return measure.pairedZ(a, b);
    }

    /** One candidate's state across rungs: its model state and where it is in its shuffled subset. */
    private final class Candidate {
        final int index;
        final QuantileRange range;
        final int[] order;
        ModelState state;
        long position;
        double objective = Double.NaN;
        double[] values;
        double seconds;
        String failure;

        Candidate(int index, QuantileRange range, int[] order, ModelState state) {
            this.index = index;
            this.range = range;
            this.order = order;
            this.state = state;
        }

        /** Trains on the next examples of the shuffled subset (wrapping around) up to {@code target}; returns how many. */
        long trainTo(Model model, long target, SwapContext context) {
            long count = Math.max(0, target - position);
            long done = 0;
            while (done < count) {
                int from = (int) (position % order.length);
                if (from == 0 && position > 0) {
                    Shuffle.inPlace(order, new SplittableRandom(seed + position));
                }
                int take = (int) Math.min(count - done, order.length - from);
                context.examples().forEachBatch(Arrays.copyOfRange(order, from, from + take), batchSize, batch -> {
                    if (model instanceof ComputationGraph g) {
                        g.fit(batch);
                    } else {
                        ((MultiLayerNetwork) model).fit(batch);
                    }
                });
                position += take;
                done += take;
            }
            return count;
        }
    }

    /** The saved-file path, if any. */
    public Optional<Path> savedTo() {
        return Optional.ofNullable(savedTo);
    }
}
