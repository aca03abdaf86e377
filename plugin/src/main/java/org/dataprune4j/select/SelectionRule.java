package org.dataprune4j.select;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Decides which examples to keep from one score per example.
 *
 * <p>Implementations are immutable and deterministic: the same scores and labels give the same selection.
 * Higher scores mean harder examples.
 */
public interface SelectionRule {

    /**
     * Decides for every example.
     *
     * @param scores one finite score per example, indexed by id
     * @param labels the class index of each example, indexed by id
     * @return a decision for every example
     * @throws IllegalArgumentException if the arrays differ in length, a score is not finite, or the rule
     *     would keep no example
     */
    Selection select(double[] scores, int[] labels);

    /**
     * Decides for every example but the excluded ones, which the rule does not see (it ranks and counts the
     * others only) and which are {@link Decision#PRUNED_MASKED}: how a listener treats examples whose labels mask
     * is 0.
     *
     * @param excluded ids left out of the ranking; none when empty
     * @throws IllegalArgumentException as {@link #select}, or if every example is excluded
     */
    default Selection selectExcluding(double[] scores, int[] labels, BitSet excluded) {
        if (excluded.isEmpty()) {
            return select(scores, labels);
        }
        int n = scores.length;
        int m = n - excluded.cardinality();
        if (m <= 0) {
            throw new IllegalArgumentException("Every one of the " + n + " examples has a zero labels mask; there is"
                    + " nothing to rank.");
        }
        int[] ids = new int[m];
        double[] subScores = new double[m];
        int[] subLabels = new int[m];
        int k = 0;
        for (int id = 0; id < n; id++) {
            if (!excluded.get(id)) {
                ids[k] = id;
                subScores[k] = scores[id];
                subLabels[k++] = labels[id];
            }
        }
        // ranked with the examples' own ids, so that ties rank as they would with no example masked
        Selection sub = Ranking.selectWithIds(this, subScores, subLabels, ids);
        Decision[] decisions = new Decision[n];
        Arrays.fill(decisions, Decision.PRUNED_MASKED);
        for (int j = 0; j < m; j++) {
            decisions[ids[j]] = sub.decision(j);
        }
        return new Selection(decisions, sub.rule() + ", " + (n - m) + " masked examples not ranked");
    }

    /**
     * This rule for its {@code draw}-th application in one run (0: the first; a re-selecting schedule applies its
     * rule again every few epochs). A rule that draws at random returns a copy seeded from its seed and
     * {@code draw}, so that each application draws afresh while a rerun or a resumed run draws the same; a
     * deterministic rule returns itself, as does every rule for draw 0.
     *
     * @param draw the number of earlier applications in the run, at least 0
     */
    default SelectionRule forDraw(int draw) {
        if (draw < 0) {
            throw new IllegalArgumentException("draw must be at least 0, got " + draw);
        }
        return this;
    }

    /** A short description, for logs and reports, e.g. {@code score range [0.48, 0.98]}. */
    String describe();
}
