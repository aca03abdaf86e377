package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What one epoch of a pruned run did, as a {@link PruningObserver} sees it.
 *
 * @param epoch the epoch that ended, counted from 0
 * @param examplesTrained the examples this epoch trained (the ledger's entry for it)
 * @param nextEpochExamples the examples the next epoch will train, as decided now
 * @param phase what the epoch was: "warm-up", "pruned", "all data" (a schedule's annealing or unpruned epoch)
 * @param decision the report of the selection made at this epoch's end (the swap, or a dynamic schedule's new
 *     subset); empty when the subset did not change or the schedule keeps no scores (random, RS2)
 * @param ledger the cost ledger of the run so far
 * @param learningRateFirst the learning rate at the epoch's first iteration (of the first layer that has one);
 *     NaN if no layer has one
 * @param learningRateLast the learning rate at the epoch's last iteration; NaN if no layer has one
 */
public record EpochSummary(int epoch, int examplesTrained, int nextEpochExamples, String phase,
        Optional<PruningReport> decision, PruningLedger ledger, double learningRateFirst, double learningRateLast) {

    /** Checks the summary. */
    public EpochSummary {
        requireNonNull(phase, "phase");
        requireNonNull(decision, "decision");
        requireNonNull(ledger, "ledger");
        if (epoch < 0 || examplesTrained < 0 || nextEpochExamples < 0) {
            throw new IllegalArgumentException("epoch and counts must be non-negative: epoch " + epoch + ", trained "
                    + examplesTrained + ", next " + nextEpochExamples);
        }
    }
}
