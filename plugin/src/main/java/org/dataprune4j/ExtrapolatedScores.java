package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import org.dataprune4j.schedule.GivenScoresSchedule;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.SelectionRule;

/**
 * What {@link SubsetScoring} computed: a score for every example (computed on the scored subset, predicted for the
 * rest), how well the prediction ranked held-out scored examples, and what the scoring run cost.
 *
 * @param kind the score
 * @param scores one score per example id
 * @param scoredIds the examples the subset run trained and scored, ascending
 * @param heldOutSpearman rank correlation of predicted and computed scores on scored examples held out of the
 *     prediction; NaN when none were held out
 * @param extrapolator which extrapolation predicted the rest
 * @param subsetExamplesTrained examples the subset run trained (subset size x epochs)
 * @param embeddedExamples examples embedded by the subset run's model (every example, once)
 * @param subsetTrainingTime wall time of the subset run's training
 * @param embeddingTime wall time of the embedding pass
 * @param extrapolationTime wall time of the prediction (the hold-out measurement included)
 */
public record ExtrapolatedScores(ScoreKind kind, double[] scores, int[] scoredIds, double heldOutSpearman,
                                 String extrapolator, long subsetExamplesTrained, long embeddedExamples,
                                 Duration subsetTrainingTime, Duration embeddingTime, Duration extrapolationTime) {

    /** Copies the arrays. */
    public ExtrapolatedScores {
        requireNonNull(kind, "kind");
        scores = scores.clone();
        scoredIds = scoredIds.clone();
        requireNonNull(extrapolator, "extrapolator");
        requireNonNull(subsetTrainingTime, "subsetTrainingTime");
        requireNonNull(embeddingTime, "embeddingTime");
        requireNonNull(extrapolationTime, "extrapolationTime");
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public int[] scoredIds() {
        return scoredIds.clone();
    }

    /** The scoring run's wall time: training, embedding and prediction. */
    public Duration totalTime() {
        return subsetTrainingTime.plus(embeddingTime).plus(extrapolationTime);
    }

    /**
     * The schedule that prunes a run with these scores from its first epoch, its ledger counting this scoring run:
     * {@code PruningListener.builder(iterator, scores.schedule(ScoreRangeRule.keepHardest(0.5))).build()}.
     */
    public GivenScoresSchedule schedule(SelectionRule rule) {
        return GivenScoresSchedule.of(scores, rule, kind.columnName() + " (extrapolated)", subsetExamplesTrained,
                embeddedExamples, totalTime());
    }

    /** One line for logs. */
    public String describe() {
        return String.format(Locale.ROOT, "%s computed on %,d of %,d examples and predicted for the rest by %s"
                + " (held-out rank correlation %.3f); the scoring run trained %,d examples and embedded %,d, in"
                + " %.1f s (training %.1f s, embedding %.1f s, prediction %.1f s)", kind.columnName(), scoredIds.length,
                scores.length, extrapolator, heldOutSpearman, subsetExamplesTrained, embeddedExamples,
                totalTime().toNanos() / 1e9, subsetTrainingTime.toNanos() / 1e9, embeddingTime.toNanos() / 1e9,
                extrapolationTime.toNanos() / 1e9);
    }
}
