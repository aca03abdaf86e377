package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.dataprune4j.internal.AtomicFiles;
import org.dataprune4j.score.ClusteringSummary;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.ClassBalancedRule;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreInterval;
import org.dataprune4j.select.Selection;

/**
 * What one swap did: every example's scores and decision, counts per class, the kept range in score units,
 * the pruned examples with their reasons and the top-scoring outliers. Immutable; read it from
 * {@code PruningListener.report()} after the swap.
 */
public final class PruningReport {
    /** EL2N within this of sqrt(2) counts as saturated (a confidently wrong prediction, p(label) close to 0). */
    private static final double SATURATION_GAP = 0.01;
    /** Above this many classes the summary lists only the lowest and highest kept shares. */
    private static final int CLASSES_LISTED = 20;

    private final ScoreTable scores;
    private final ScoreKind kind;
    private final Selection selection;
    private final int swapEpoch;
    private final int outlierCount;
    private final Duration scoringTime;
    private final ScoringDetails details;
    private final ImmutableMap<String, String> configuration;
    private final Provenance provenance;
    private final PruningLedger ledger;

    /**
     * @param scores every computed score
     * @param kind the score the selection ranked by
     * @param selection the decision for every example
     * @param swapEpoch the epoch (from 0) at whose end the swap happened
     * @param outlierCount how many top-scoring examples {@link #outliers()} lists
     * @param scoringTime time spent computing scores, training-pass work and extra passes together
     */
    PruningReport(ScoreTable scores, ScoreKind kind, Selection selection, int swapEpoch, int outlierCount,
                         Duration scoringTime) {
        this(scores, kind, selection, swapEpoch, outlierCount, scoringTime, ScoringDetails.none());
    }

    /**
     * A report with the details of prototype clustering and score extrapolation.
     *
     * @param details how the clustered and extrapolated scores were computed
     * @see #PruningReport(ScoreTable, ScoreKind, Selection, int, int, Duration)
     */
    PruningReport(ScoreTable scores, ScoreKind kind, Selection selection, int swapEpoch, int outlierCount,
                         Duration scoringTime, ScoringDetails details) {
        this(scores, kind, selection, swapEpoch, outlierCount, scoringTime, details, ImmutableMap.of(),
                Provenance.current());
    }

    /**
     * A report that knows how it was made: what the listener builds.
     *
     * @param configuration the listener's and iterator's settings, every seed included
     * @param provenance the library, DL4J and Java versions and the machine
     * @see #PruningReport(ScoreTable, ScoreKind, Selection, int, int, Duration, ScoringDetails)
     */
    PruningReport(ScoreTable scores, ScoreKind kind, Selection selection, int swapEpoch, int outlierCount,
                         Duration scoringTime, ScoringDetails details, Map<String, String> configuration,
                         Provenance provenance) {
        this(scores, kind, selection, swapEpoch, outlierCount, scoringTime, details, configuration, provenance, null);
    }

    private PruningReport(ScoreTable scores, ScoreKind kind, Selection selection, int swapEpoch, int outlierCount,
                          Duration scoringTime, ScoringDetails details, Map<String, String> configuration,
                          Provenance provenance, PruningLedger ledger) {
        this.ledger = ledger;
        this.configuration = ImmutableMap.copyOf(requireNonNull(configuration, "configuration"));
        this.provenance = requireNonNull(provenance, "provenance");
        this.details = requireNonNull(details, "details");
        this.scores = requireNonNull(scores, "scores");
        this.kind = requireNonNull(kind, "kind");
        this.selection = requireNonNull(selection, "selection");
        this.scoringTime = requireNonNull(scoringTime, "scoringTime");
        Preconditions.checkArgument(scores.has(kind), "the score table has no %s scores", kind);
        Preconditions.checkArgument(selection.size() == scores.size(), "selection covers %s examples, scores %s",
                selection.size(), scores.size());
        Preconditions.checkArgument(outlierCount >= 0, "outlierCount must be >= 0, got %s", outlierCount);
        this.swapEpoch = swapEpoch;
        this.outlierCount = outlierCount;
    }

    /**
     * This report with the run's cost ledger as it stands now. The listener's {@code report()} returns its report
     * with the ledger up to the last epoch seen.
     */
    public PruningReport withLedger(PruningLedger runLedger) {
        return new PruningReport(scores, kind, selection, swapEpoch, outlierCount, scoringTime, details, configuration,
                provenance, requireNonNull(runLedger, "runLedger"));
    }

    /** The run's cost ledger, where the report carries one (a listener's report always does). */
    public Optional<PruningLedger> ledger() {
        return Optional.ofNullable(ledger);
    }

    /** Every computed score of every example. */
    public ScoreTable scores() {
        return scores;
    }

    /** The score kind the selection ranked by. */
    public ScoreKind scoreKind() {
        return kind;
    }

    /** The decision for every example. */
    public Selection selection() {
        return selection;
    }

    /**
     * The epoch at whose end the swap happened, as a position counted from 0 like DL4J's epoch counter (1: the end of
     * the second epoch, which logs and the summary call "epoch 2").
     */
    public int swapEpoch() {
        return swapEpoch;
    }

    /** Time spent scoring: the listener's work in training passes plus any extra scoring passes. */
    public Duration scoringTime() {
        return scoringTime;
    }

    /** The k-means runs behind prototype scores and the score extrapolation, if any. */
    public ScoringDetails scoringDetails() {
        return details;
    }

    /** The settings the swap was made with: the listener's configuration, the iterator's seed and batch, the model. */
    public Map<String, String> configuration() {
        return configuration;
    }

    /** Where the swap was computed: library, DL4J and Java versions, machine. */
    public Provenance provenance() {
        return provenance;
    }

    /** The run record of this swap: configuration, provenance, kept ids and decision counts. */
    public PruningRecord runRecord() {
        Map<String, Integer> decisions = new LinkedHashMap<>();
        for (Decision d : Decision.values()) {
            decisions.put(d.name(), count(d));
        }
        return new PruningRecord(configuration, provenance.toMap(), kind.name(), swapEpoch, totalCount(),
                selection.keptIds(), decisions, ledger == null ? Map.of() : ledger.toMap());
    }

    /**
     * Writes {@link #runRecord()} as JSON (atomically), so that the kept set can be traced and checked later;
     * {@link PruningRecord#read} reads it back.
     *
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void writeRunRecord(Path file) {
        runRecord().write(requireNonNull(file, "file"));
    }

    /** Number of examples. */
    public int totalCount() {
        return selection.size();
    }

    /** Number of kept examples. */
    public int keptCount() {
        return selection.keptCount();
    }

    /** Number of pruned examples. */
    public int prunedCount() {
        return totalCount() - keptCount();
    }

    /** Number of examples pruned for the given reason. */
    public int count(Decision decision) {
        int n = 0;
        for (int id = 0; id < selection.size(); id++) {
            if (selection.decision(id) == decision) {
                n++;
            }
        }
        return n;
    }

    /** Number of kept examples per class index. */
    public int[] keptPerClass() {
        return perClass(true);
    }

    /** Number of examples per class index. */
    public int[] totalPerClass() {
        return perClass(false);
    }

    private int[] perClass(boolean keptOnly) {
        int[] counts = new int[scores.numClasses()];
        for (int id = 0; id < selection.size(); id++) {
            if (!keptOnly || selection.isKept(id)) {
                counts[scores.label(id)]++;
            }
        }
        return counts;
    }

    /** The lowest and highest score among kept examples, in units of {@link #scoreKind()}. */
    public ScoreInterval keptScoreRange() {
        double[] values = scores.scores(kind);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int id = 0; id < values.length; id++) {
            if (selection.isKept(id)) {
                min = Math.min(min, values[id]);
                max = Math.max(max, values[id]);
            }
        }
        return new ScoreInterval(min, max);
    }

    /**
     * The scores of {@link #scoreKind()} in {@code bins} equal-width bins, split into kept and pruned: the report's
     * chart and the UI page draw this.
     */
    public ScoreHistogram scoreHistogram(int bins) {
        double[] values = scores.scores(kind);
        boolean[] kept = new boolean[values.length];
        for (int id = 0; id < kept.length; id++) {
            kept[id] = selection.isKept(id);
        }
        return ScoreHistogram.of(values, kept, bins);
    }

    /** Every pruned example with its score and reason, by id. */
    public List<PrunedExample> prunedExamples() {
        ImmutableList.Builder<PrunedExample> out = ImmutableList.builder();
        for (int id = 0; id < selection.size(); id++) {
            Decision d = selection.decision(id);
            if (!d.isKept()) {
                out.add(new PrunedExample(id, scores.label(id), scores.score(kind, id), d));
            }
        }
        return out.build();
    }

    /** The highest-scoring examples (ties by lower id), most suspicious first; often mislabelled. */
    public List<Outlier> outliers() {
        double[] values = scores.scores(kind);
        // Highest score first, then lower id; the heap holds the k best so far with the worst of them on top.
        Comparator<Integer> rank = Comparator.<Integer>comparingDouble(id -> -values[id]).thenComparingInt(id -> id);
        PriorityQueue<Integer> best = new PriorityQueue<>(outlierCount + 1, rank.reversed());
        for (int id = 0; id < values.length && outlierCount > 0; id++) {
            if (selection.decision(id) != Decision.PRUNED_MASKED) {
                best.add(id);
                if (best.size() > outlierCount) {
                    best.poll();
                }
            }
        }
        List<Integer> ids = new ArrayList<>(best);
        ids.sort(rank);
        ImmutableList.Builder<Outlier> out = ImmutableList.builder();
        for (int id : ids) {
            out.add(new Outlier(id, scores.label(id), scores.predicted(id), values[id], selection.isKept(id)));
        }
        return out.build();
    }

    /**
     * Writes every score of every example as CSV:
     * {@code id,label,predicted,el2n,grand,forgetting,prototype,prototype_class,loss,dynamic_uncertainty,tdds,dual,
     * difficulty,extrapolated,kept,decision} (a column per {@code ScoreKind}, in its order); a score
     * that was not computed is an empty cell; {@code extrapolated} is true where the extrapolated score is a
     * prediction, false where it was computed, empty when no score was extrapolated.
     *
     * @param file the file to write (atomically: a temporary file renamed over it); parent directories are created
     * @throws UncheckedIOException if it cannot be written
     */
    public void writeScoresCsv(Path file) {
        requireNonNull(file, "file");
        AtomicFiles.write(file, "the scores CSV", w -> {
            w.write("id,label,predicted");
            for (ScoreKind k : ScoreKind.values()) {
                w.write(',');
                w.write(k.columnName());
            }
            w.write(",extrapolated,kept,decision\n");
            StringBuilder line = new StringBuilder(96);
            for (int id = 0; id < selection.size(); id++) {
                line.setLength(0);
                line.append(id).append(',').append(scores.label(id)).append(',').append(scores.predicted(id));
                for (ScoreKind k : ScoreKind.values()) {
                    line.append(',');
                    if (scores.has(k)) {
                        line.append(scores.score(k, id));
                    }
                }
                line.append(',');
                if (details.extrapolation().isPresent()) {
                    line.append(details.isPredicted(id));
                }
                Decision d = selection.decision(id);
                line.append(',').append(d.isKept()).append(',').append(d.name()).append('\n');
                w.write(line.toString());
            }
        });
    }


    /** A readable multi-line summary, as logged at the swap. */
    public String summary() {
        StringBuilder s = new StringBuilder(1024);
        int total = totalCount();
        s.append(String.format(Locale.ROOT, "DataPrune4J swap at the end of epoch %d (counted from 1): ranked by %s,"
                + " %s%n", swapEpoch + 1, kind.columnName(), selection.rule()));
        s.append(String.format(Locale.ROOT, "  kept %d of %d (%.1f%%); pruned %d: %d below the range, %d above it,"
                        + " %d not drawn%n", keptCount(), total, 100.0 * keptCount() / total, prunedCount(),
                count(Decision.PRUNED_BELOW_RANGE), count(Decision.PRUNED_ABOVE_RANGE),
                count(Decision.PRUNED_NOT_DRAWN)));
        int soft = count(Decision.PRUNED_SOFT);
        if (soft > 0) {
            s.append(String.format(Locale.ROOT, "  %d examples below the soft-pruning threshold left out of the next"
                    + " epoch%n", soft));
        }
        int masked = count(Decision.PRUNED_MASKED);
        if (masked > 0) {
            s.append(String.format(Locale.ROOT, "  %d examples with a zero labels mask were not ranked (they add no"
                    + " loss) and are pruned%n", masked));
        }
        ScoreInterval range = keptScoreRange();
        s.append(String.format(Locale.ROOT, "  kept %s range: [%.4f, %.4f]%n", kind.columnName(),
                range.lowerEndpoint(), range.upperEndpoint()));
        int[] kept = keptPerClass();
        int[] all = totalPerClass();
        if (kept.length <= CLASSES_LISTED) {
            s.append("  kept/total per class:");
            for (int c = 0; c < kept.length; c++) {
                s.append(String.format(Locale.ROOT, " %d:%d/%d", c, kept[c], all[c]));
            }
        } else {
            // Many classes: the lowest and highest kept shares; keptPerClass() and totalPerClass() have them all.
            Integer[] byShare = new Integer[kept.length];
            for (int c = 0; c < kept.length; c++) {
                byShare[c] = c;
            }
            Arrays.sort(byShare, Comparator.<Integer>comparingDouble(c -> all[c] == 0 ? 1 : (double) kept[c] / all[c])
                    .thenComparingInt(c -> c));
            s.append(String.format(Locale.ROOT, "  kept/total per class (%d classes; lowest and highest shares,"
                    + " all in keptPerClass()):", kept.length));
            for (int i = 0; i < kept.length; i++) {
                if (i < CLASSES_LISTED / 2 || i >= kept.length - CLASSES_LISTED / 2) {
                    int c = byShare[i];
                    s.append(String.format(Locale.ROOT, " %d:%d/%d", c, kept[c], all[c]));
                } else if (i == CLASSES_LISTED / 2) {
                    s.append(" ...");
                }
            }
        }
        s.append(System.lineSeparator());
        if (!selection.rule().startsWith(ClassBalancedRule.DESCRIPTION_PREFIX)) {
            s.append("  (the rule ranks all classes together, so classes the model finds easy keep fewer examples;"
                    + " ClassBalancedRule.of(rule) keeps the same share of every class)").append(System.lineSeparator());
        }
        List<Outlier> top = outliers();
        if (!top.isEmpty()) {
            s.append(String.format(Locale.ROOT, "  top %d by %s (likely mislabelled or ambiguous):%n", top.size(),
                    kind.columnName()));
            for (Outlier o : top) {
                s.append(String.format(Locale.ROOT, "    id %6d  label %d  predicted %s  %s %.4f  %s%n", o.id(),
                        o.label(), o.predicted() < 0 ? "?" : String.valueOf(o.predicted()), kind.columnName(),
                        o.score(), o.kept() ? "kept" : "pruned"));
            }
            if (kind == ScoreKind.EL2N && top.size() > 1
                    && top.get(top.size() - 1).score() > Math.sqrt(2) - SATURATION_GAP) {
                s.append(String.format(Locale.ROOT, "  (these EL2N scores saturate near sqrt(2) = 1.4142: the model"
                        + " puts almost all its probability on another class, so their order among themselves means"
                        + " little)%n"));
            }
        }
        for (ClusteringSummary c : details.clusterings()) {
            s.append(String.format(Locale.ROOT, "  %s: k-means with %d centroids in %d dimensions, inertia %.4g after"
                    + " %d iterations, %.2f s%n", c.kind().columnName(), c.clusters(), c.dimensions(), c.inertia(),
                    c.iterations(), c.seconds()));
        }
        details.extrapolation().ifPresent(e -> s.append("  ").append(e.describe()).append(System.lineSeparator()));
        s.append(String.format(Locale.ROOT, "  scoring time: %.2f s", scoringTime.toNanos() / 1e9));
        if (ledger != null) {
            s.append(System.lineSeparator()).append("  ").append(ledger.describe());
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "PruningReport{" + selection + ", by " + kind.columnName() + "}";
    }
}
