package org.dataprune4j.select;

/**
 * A rule tuned at the swap, on the warmed-up model and the scores, before it selects: the listener calls
 * {@link #tune} once and then applies the rule it returns. The tuned range of
 * {@code org.dataprune4j.tune.HalvingTuner} is one.
 */
public interface TunableRule extends SelectionRule {
    /**
     * Tunes on copies of the warmed-up model and returns the rule to apply.
     *
     * @param context the model, the scores, the examples by id and the data's fingerprint
     * @return the tuned rule
     */
    SelectionRule tune(SwapContext context);

    /**
     * A rule keeping as many examples as the tuned one will, for the checks made when the listener is built.
     */
    SelectionRule placeholder();

    /**
     * Refused: a tunable rule selects only after {@link #tune}.
     *
     * @throws IllegalStateException always
     */
    @Override
    default Selection select(double[] scores, int[] labels) {
        throw new IllegalStateException(describe() + " is tuned at the swap: give it to PruningListener.builder,"
                + " or call tune(context) and apply the rule it returns.");
    }
}
