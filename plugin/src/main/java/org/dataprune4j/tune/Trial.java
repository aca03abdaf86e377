package org.dataprune4j.tune;

/**
 * One candidate range and what became of it.
 *
 * @param index the candidate's number, from 0
 * @param range the candidate range
 * @param keptCount examples the range keeps
 * @param status trained, skipped for the budget, or failed
 * @param objective the validation objective (NaN unless trained)
 * @param seconds time spent on the candidate
 * @param message why it was skipped or failed, empty otherwise
 */
public record Trial(int index, QuantileRange range, int keptCount, Status status, double objective, double seconds,
                    String message) {

    /** What became of a candidate. */
    public enum Status {
        /** Trained and scored on the validation set. */
        COMPLETED,
        /** Not trained: it keeps more than the budget allows. */
        SKIPPED_OVER_BUDGET,
        /** Training diverged or failed; the search went on. */
        FAILED
    }
}
