package org.dataprune4j.extrapolate;

import java.util.Locale;
import org.dataprune4j.score.ScoreKind;

/**
 * How one score extrapolation went: its quality on the held-out part of the scored subset and what it cost
 * against scoring every example.
 *
 * @param kind the extrapolated score
 * @param examples number of examples
 * @param scored number actually scored
 * @param heldOut number of scored examples held out to measure the rank correlation
 * @param neighbours scored neighbours per prediction
 * @param holdoutSpearman Spearman rank correlation of predicted against computed scores on the hold-out
 *     (NaN when no hold-out)
 * @param scoringSeconds time spent scoring the subset (0 for scores free from the training passes)
 * @param fullScoringSecondsEstimate time scoring every example would have taken, scaled from the subset
 *     (0 for scores free from the training passes)
 * @param embeddingSeconds time of the embedding pass
 * @param searchSeconds time of the neighbour searches (hold-out and fill)
 * @param scoredByExtraPasses whether the score needs extra passes, so that scoring a subset saves time
 */
public record ExtrapolationSummary(ScoreKind kind, int examples, int scored, int heldOut, int neighbours,
                                   double holdoutSpearman, double scoringSeconds, double fullScoringSecondsEstimate,
                                   double embeddingSeconds, double searchSeconds, boolean scoredByExtraPasses) {

    /** Time saved against scoring everything: the estimate minus subset scoring, embedding and search. */
    public double secondsSaved() {
        return fullScoringSecondsEstimate - scoringSeconds - embeddingSeconds - searchSeconds;
    }

    /** One readable line, as in the swap log. */
    public String describe() {
        String quality = Double.isNaN(holdoutSpearman) ? "no hold-out"
                : String.format(Locale.ROOT, "Spearman %.3f on %d held out", holdoutSpearman, heldOut);
        String cost = scoredByExtraPasses
                ? String.format(Locale.ROOT, "cost %.2f s (scoring %.2f, embedding %.2f, search %.2f) against about"
                        + " %.2f s to score all: %.2f s saved", scoringSeconds + embeddingSeconds + searchSeconds,
                scoringSeconds, embeddingSeconds, searchSeconds, fullScoringSecondsEstimate, secondsSaved())
                : String.format(Locale.ROOT, "%s is free from the training passes, so nothing is saved (embedding"
                        + " %.2f s, search %.2f s)", kind.columnName(), embeddingSeconds, searchSeconds);
        return String.format(Locale.ROOT, "%s extrapolated from %d of %d examples (%d neighbours): %s; %s",
                kind.columnName(), scored, examples, neighbours, quality, cost);
    }
}
