package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import org.dataprune4j.internal.AtomicFiles;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreInterval;
import org.dataprune4j.select.Selection;

/**
 * What one swap did: every example's scores and decision, counts per class, the kept range in score units,
 * the pruned examples with their reasons and the top-scoring outliers. Immutable; read it from
 * {@code PruningListener.report()} after the swap.
 */
public final class PruningReport {

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
        return SwapSummary.of(this);
    }

    @Override
    public String toString() {
        return "PruningReport{" + selection + ", by " + kind.columnName() + "}";
    }
}
