package org.dataprune4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.select.TunableRule;

/** Checks made when a listener is built, for errors that would otherwise surface only after the warm-up. */
final class BuildChecks {
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
}
