/**
 * Tuning the kept score range [lo, hi] on a validation set: {@link org.dataprune4j.tune.HalvingTuner}, a
 * successive-halving search that needs nothing beyond the core library, and {@link org.dataprune4j.tune.RangeTuner},
 * which uses Arbiter (an optional dependency: add {@code arbiter-core} to use it).
 *
 * <p>{@link org.dataprune4j.tune.HalvingTuner} tunes at the swap, as a {@code TunableRule} given to the listener:
 * candidate windows of the budget's width each continue the warmed-up model on their kept examples for a short proxy,
 * the best third going on for longer, until one is left; it can save the winner with the data's fingerprint and
 * reuse it.
 * {@link org.dataprune4j.tune.RangeTuner} scores the training set once (a warm-up run), then lets Arbiter's
 * random or grid search propose ranges from a {@link org.dataprune4j.tune.RangeSpace}; each range within the
 * budget of kept data is tried by a short proxy run that continues the warmed-up network on the kept examples
 * and is scored on the validation set. {@link org.dataprune4j.tune.RangeSearch} is the search engine on its
 * own, for any objective. The result, {@link org.dataprune4j.tune.TuningResult}, lists every trial and gives
 * the best range as a {@code ScoreRangeRule} for the real run.
 */
package org.dataprune4j.tune;
