package org.dataprune4j.tune;

import org.dataprune4j.score.ScoreKind;

/**
 * One candidate range and what became of it.
 *
 * @param index the candidate's number, from 0
 * @param scoreKind the score the range is a quantile range of (null when the search was not told)
 * @param warmupEpochs warm-up epochs before scoring (0 when the search was not told)
 * @param range the candidate range
 * @param keptCount examples the range keeps
 * @param status trained, skipped for the budget or the floor, or failed
 * @param objective the validation objective (NaN unless trained)
 * @param seconds time spent on the candidate
 * @param message why it was skipped or failed, empty otherwise
 */
public record Trial(int index, ScoreKind scoreKind, int warmupEpochs, QuantileRange range, int keptCount, Status status, double objective, double seconds,
                    String message) {

    /** The same trial with another index, when trials of several searches are merged. */
    public Trial withIndex(int newIndex) {
        return new Trial(newIndex, scoreKind, warmupEpochs, range, keptCount, status, objective, seconds, message);
    }

    /** What became of a candidate. */
    public enum Status {
        /** Trained and scored on the validation set. */
        COMPLETED,
        /** Not trained: it keeps more than the budget allows. */
        SKIPPED_OVER_BUDGET,
        /** Not trained: it keeps less than the floor ({@code minKeptFraction}). */
        SKIPPED_UNDER_FLOOR,
        /** Training diverged or failed; the search went on. */
        FAILED,
        /** Successive halving: trained on a short proxy and promoted to the next, longer one. */
        PROMOTED,
        /** Successive halving: trained on a short proxy and stopped there, outscored by the promoted. */
        STOPPED

    }
}
