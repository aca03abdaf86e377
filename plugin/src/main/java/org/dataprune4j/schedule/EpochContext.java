package org.dataprune4j.schedule;

import static java.util.Objects.requireNonNull;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.dataprune4j.internal.Seeds;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.Selection;
import org.dataprune4j.select.SelectionRule;

/**
 * What a schedule decides from at the end of an epoch: the epoch, every example's current score (updated each time
 * the example was trained; an example not trained keeps its last score), the labels, the examples whose labels
 * mask is 0, and the listener's selection rule, if it has one.
 */
public final class EpochContext {
    private final int epoch;
    private final double[] scores;
    private final int[] labels;
    private final BitSet masked;
    private final SelectionRule rule;
    private final ScoreTable table;

    /**
     * @param epoch the epoch that just ended, counted from 0
     * @param scores the ranked score of every example, by id
     * @param labels the class index of every example, by id
     * @param masked the examples whose labels mask is 0 (not ranked)
     * @param rule the listener's rule, or null for a schedule that chooses by itself
     */
    public EpochContext(int epoch, double[] scores, int[] labels, BitSet masked, SelectionRule rule) {
        this(epoch, scores, labels, masked, rule, null);
    }

    /**
     * A context that also offers every computed score ({@link #scores(ScoreKind)}).
     *
     * @param table every score computed at this epoch's end, or null
     */
    public EpochContext(int epoch, double[] scores, int[] labels, BitSet masked, SelectionRule rule,
                        ScoreTable table) {
        this.table = table;
        this.epoch = epoch;
        this.scores = requireNonNull(scores, "scores");
        this.labels = requireNonNull(labels, "labels");
        this.masked = requireNonNull(masked, "masked");
        this.rule = rule;
    }

    /** The epoch that just ended, counted from 0. */
    public int epoch() {
        return epoch;
    }

    /** Number of examples. */
    public int numExamples() {
        return scores.length;
    }

    /** The current score of example {@code id}. */
    public double score(int id) {
        return scores[id];
    }

    /** The class index of example {@code id}. */
    public int label(int id) {
        return labels[id];
    }

    /**
     * Every example's current score of another kind than the ranked one, by id.
     *
     * @throws IllegalStateException if it was not computed (a schedule names what it reads in
     *     {@link PruningSchedule#scoresNeeded()})
     */
    public double[] scores(ScoreKind kind) {
        if (table == null || !table.has(kind)) {
            throw new IllegalStateException("No " + kind + " scores at the end of epoch " + (epoch + 1) + "; a schedule"
                    + " that reads them names them in scoresNeeded(), so that the listener computes them");
        }
        return table.scores(kind);
    }

    /** Whether example {@code id} has a zero labels mask (it adds no loss and is not ranked). */
    public boolean isMasked(int id) {
        return masked.get(id);
    }

    /**
     * The listener's rule applied to the current scores (masked examples excluded).
     *
     * @throws IllegalStateException if the listener has no rule (a schedule that chooses by itself)
     */
    public Selection ruleSelection() {
        return ruleSelection(0);
    }

    /**
     * The listener's rule for its {@code draw}-th application in the run ({@link SelectionRule#forDraw}) applied to
     * the current scores: a rule that draws at random draws afresh for each {@code draw}.
     *
     * @throws IllegalStateException if the listener has no rule (a schedule that chooses by itself)
     */
    public Selection ruleSelection(int draw) {
        if (rule == null) {
            throw new IllegalStateException("This listener was built with a schedule and no selection rule");
        }
        return select(rule.forDraw(draw));
    }

    /** Any rule applied to the current scores, masked examples excluded. */
    public Selection select(SelectionRule anyRule) {
        return requireNonNull(anyRule, "anyRule").selectExcluding(scores, labels, masked);
    }

    /** A random source for this epoch's draws: the same seed and epoch give the same draws. */
    public SplittableRandom random(long seed) {
        return new SplittableRandom(Seeds.stream(seed, epoch + 1));
    }
}
