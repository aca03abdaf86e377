package org.dataprune4j.tune;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dataprune4j.select.ScoreRangeRule;

/**
 * Every trial of a range search, the best range, and what the search cost. Immutable.
 */
public final class TuningResult {
    private final ImmutableList<Trial> trials;
    private final Objective objective;
    private final double scoringSeconds;
    private final double searchSeconds;

    /**
     * @param trials every candidate, in order
     * @param objective what was optimised
     * @param scoringSeconds the shared cost of computing the scores once (0 when scores were given)
     * @param searchSeconds the time of the search itself, all candidates
     */
    public TuningResult(List<Trial> trials, Objective objective, double scoringSeconds, double searchSeconds) {
        this.trials = ImmutableList.copyOf(trials);
        this.objective = requireNonNull(objective, "objective");
        this.scoringSeconds = scoringSeconds;
        this.searchSeconds = searchSeconds;
    }

    /** Every candidate, in order. */
    public List<Trial> trials() {
        return trials;
    }

    /** What was optimised. */
    public Objective objective() {
        return objective;
    }

    /** The completed trial with the best objective (ties: the earlier one), if any completed. */
    public Optional<Trial> best() {
        Trial best = null;
        for (Trial t : trials) {
            if (t.status() == Trial.Status.COMPLETED && (best == null || objective.better(t.objective(), best.objective()))) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The best range as a rule for the real run: {@code PruningListener.builder(iterator, result.bestRule())}.
     *
     * @throws IllegalStateException if no candidate completed
     */
    public ScoreRangeRule bestRule() {
        return best().orElseThrow(() -> new IllegalStateException("No candidate completed: " + count(
                Trial.Status.SKIPPED_OVER_BUDGET) + " over budget, " + count(Trial.Status.SKIPPED_UNDER_FLOOR)
                + " under the floor, " + count(Trial.Status.FAILED) + " failed"))
                .range().toRule();
    }

    /** Number of trials with the given status. */
    public int count(Trial.Status status) {
        return (int) trials.stream().filter(t -> t.status() == status).count();
    }

    /** Seconds spent computing the shared scores. */
    public double scoringSeconds() {
        return scoringSeconds;
    }

    /** Seconds spent on the candidates. */
    public double searchSeconds() {
        return searchSeconds;
    }

    /** Total tuning cost in seconds: scores plus candidates. */
    public double totalSeconds() {
        return scoringSeconds + searchSeconds;
    }

    /** The trial table, one line per trial, as logged. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%5s  %-10s %7s  %-18s %8s  %-20s %10s %8s%n", "trial", "score",
                "warm-up", "range [lo, hi]", "kept", "status", objective.name().toLowerCase(Locale.ROOT), "seconds"));
        Optional<Trial> best = best();
        for (Trial t : trials) {
            s.append(String.format(Locale.ROOT, "%5d  %-10s %7s  %-18s %8d  %-20s %10.4f %8.1f%s%n", t.index(),
                    t.scoreKind() == null ? "-" : t.scoreKind().columnName(),
                    t.warmupEpochs() == 0 ? "-" : String.valueOf(t.warmupEpochs()), t.range(), t.keptCount(), t.status(), t.objective(), t.seconds(),
                    best.isPresent() && best.get() == t ? "  <- best" : t.message().isEmpty() ? "" : "  " + t.message()));
        }
        s.append(String.format(Locale.ROOT, "cost: %.1f s scoring once + %.1f s for %d candidates = %.1f s",
                scoringSeconds, searchSeconds, trials.size(), totalSeconds()));
        return s.toString();
    }

    /**
     * Writes the trials as CSV: {@code index,score,warmup,lo,hi,kept,status,objective,seconds,message}.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public void writeCsv(Path file) {
        StringBuilder s = new StringBuilder("index,score,warmup,lo,hi,kept,status,objective,seconds,message\n");
        for (Trial t : trials) {
            s.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%s,%d,%s,%s,%s,\"%s\"%n", t.index(),
                    t.scoreKind() == null ? "" : t.scoreKind().columnName(), t.warmupEpochs(), t.range().lo(),
                    t.range().hi(), t.keptCount(), t.status(), t.objective(), t.seconds(),
                    t.message().replace("\"", "'")));
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, s, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the trial CSV to " + file, e);
        }
    }

    @Override
    public String toString() {
        return "TuningResult{" + trials.size() + " trials, best " + best().map(t -> t.range() + " = "
                + t.objective()).orElse("none") + "}";
    }
}
