package org.dataprune4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import org.dataprune4j.schedule.PruningSchedule;
import org.dataprune4j.score.DynamicsWindow;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.select.TunableRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks made when a listener is built, for errors that would otherwise surface only after the warm-up. */
final class BuildChecks {
    private static final Logger log = LoggerFactory.getLogger(PruningListener.class);

    private BuildChecks() {
    }

    /**
     * Applies the rule to placeholder scores, so that a rule keeping no example (of the data, or of one class
     * for a class-balanced rule) fails now rather than after the warm-up has been paid for.
     */
    static void ruleKeepsExamples(SelectionRule rule, int[] labels, BitSet masked) {
        SelectionRule checked = rule instanceof TunableRule tunable ? tunable.placeholder() : rule;
        try {
            checked.selectExcluding(new double[labels.length], labels, masked);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The rule " + rule.describe() + " cannot prune this iterator's "
                    + labels.length + " examples: " + e.getMessage() + " (checked when the listener is built,"
                    + " before any training).", e);
        }
    }

    /** Creates the scores CSV's directory and a probe file in it, so that an unwritable path fails now. */
    static void writable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("scoresCsv " + file.toAbsolutePath() + " is a directory; give the path"
                    + " of the CSV file to write, e.g. " + file.resolve("scores.csv") + " (checked when the listener"
                    + " is built, so that the scores are not lost after the warm-up).");
        }
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, "dataprune4j-probe", ".tmp"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("scoresCsv " + file.toAbsolutePath() + " cannot be written: " + e
                    + ". Choose a writable directory; this is checked when the listener is built, so that the"
                    + " scores are not lost after the warm-up.", e);
        }
    }

    /** A schedule that decides again after the swap ranks by a score the training passes keep fresh. */
    static void dynamicScheduleSettings(PruningConfig config) {
        if (!config.schedule().decidesAfterSwap()) {
            return;
        }
        ScoreKind kind = config.scoreKind();
        boolean fresh = kind == ScoreKind.LOSS || kind == ScoreKind.FORGETTING
                || (kind == ScoreKind.EL2N && config.el2nInput() == ScoreInput.TRAINING_PASSES);
        boolean extrapolated = config.extrapolation().map(e -> e.kind() == kind).orElse(false);
        if (!fresh || extrapolated) {
            throw new IllegalArgumentException("The schedule " + config.schedule() + " decides again after the swap"
                    + " from scores the training passes keep fresh; " + kind + (extrapolated ? " (extrapolated)" : "")
                    + (kind == ScoreKind.EL2N ? " from " + config.el2nInput() : "") + " is computed once. Rank by"
                    + " LOSS, EL2N from TRAINING_PASSES or FORGETTING.");
        }
    }

    /**
     * The training-dynamics scores computed need a window TDDS can use and enough scoring epochs before the swap to
     * fill it (Dynamic Uncertainty one more).
     */
    static void dynamicsWindowFits(PruningConfig config) {
        DynamicsWindow window = config.dynamicsWindow();
        PruningSchedule schedule = config.schedule();
        if (!schedule.needsScores()) {
            return;
        }
        int scored = 0;
        for (int e = 0; e < 10_000; e++) {
            scored += schedule.isScoringEpoch(e) ? 1 : 0;
            if (schedule.isSwapEpoch(e)) {
                break;
            }
        }
        for (ScoreKind kind : config.computedKinds()) {
            int needed = window.presentationsNeeded(kind);
            if (needed == 1) {
                continue;
            }
            window.checkFor(kind);
            if (scored < needed) {
                int fits = kind == ScoreKind.DYNAMIC_UNCERTAINTY ? scored - 1 : scored;
                int least = kind == ScoreKind.TDDS ? 3 : 2;
                String shorter = fits >= least ? ", or shorten the window (dynamicsWindow(" + fits + "))" : "";
                throw new IllegalArgumentException(kind + " over a window of " + window.epochs() + " epochs needs "
                        + needed + " scored epochs before the swap, but the schedule scores " + scored + " ("
                        + schedule.describeSwap() + "). Raise warmupEpochs to " + needed + shorter
                        + "; these scores are meant for many epochs: to afford them on large data, score a small"
                        + " subset and extrapolate (README, \"Training-dynamics scores\").");
            }
        }
    }

    /**
     * Warns of a class-adaptive rule whose scores are clipped (RCAP's ln C, for the loss) in a listener that ranks by
     * another score: the clip and the draw's temperature are on the loss's scale.
     */
    static void classAdaptiveRanksByLoss(SelectionRule rule, ScoreKind kind) {
        if (rule instanceof ClassAdaptiveRule adaptive && Double.isFinite(adaptive.clip()) && kind != ScoreKind.LOSS) {
            log.warn("{} clips scores at {} (RCAP's ln C is for the loss), but the listener ranks by {}, whose"
                    + " values are on another scale, so the clip and the draw's temperature do not mean what they do"
                    + " for the loss. Build the listener with score(ScoreKind.LOSS), as RCAP and DataPrune4J's"
                    + " measurements do.", adaptive.describe(), String.format(Locale.ROOT, "%.4f",
                    adaptive.clip()), kind);
        }
    }

    /**
     * Refuses to start a new run over the checkpoints of an earlier one: most often a restart that forgot
     * {@code resumeFrom}, which would redo the warm-up on all data and overwrite the checkpoints. Warns of a resume
     * that writes no checkpoints of its own.
     */
    static void noEarlierRun(Path checkpointDir, Path resumeDir) {
        if (checkpointDir == null && resumeDir != null) {
            log.warn("Resuming from {} without checkpoints(dir): this run writes no checkpoints, so a second crash would"
                    + " lose every epoch since the resume. Add checkpoints({}) to the listener to go on writing them.",
                    resumeDir, resumeDir);
        }
        if (checkpointDir == null || resumeDir != null) {
            return;
        }
        PruningCheckpoint.latest(checkpointDir).ifPresent(latest -> {
            throw new IllegalStateException("The checkpoint directory " + checkpointDir.toAbsolutePath() + " holds a"
                    + " checkpoint of an earlier run (" + latest.getFileName() + "). To continue that run, add"
                    + " resumeFrom(dir) and train the model from PruningCheckpoint.restoreNetwork(dir) (or"
                    + " restoreGraph); to start a new run, give checkpoints() an empty directory or delete this one.");
        });
    }

    /**
     * Refuses settings that cannot take effect in the epochs fit runs, where they are known ({@code epochs(n)} or a
     * schedule planned for a number of epochs): a swap with no pruned epoch after it, a schedule planned for other
     * epochs.
     */
    static void takeEffect(PruningSchedule schedule, int epochs) {
        int planned = schedule.plannedEpochs();
        if (planned > 0 && epochs > 0 && planned != epochs) {
            throw new IllegalArgumentException("The schedule " + schedule + " is planned for " + planned + " epochs,"
                    + " but epochs(" + epochs + ") says fit runs " + epochs + ": build the schedule for the epochs fit"
                    + " runs.");
        }
        int n = epochs > 0 ? epochs : planned;
        if (n == 0 || !schedule.needsScores()) {
            return;
        }
        for (int e = 0; e < n - 1; e++) {
            if (schedule.isSwapEpoch(e)) {
                return;
            }
        }
        throw new IllegalArgumentException("With " + n + " epochs no pruned epoch is trained: " + schedule
                .describeSwap() + ", and fit ends there. Lower the warm-up or train more epochs.");
    }
}
