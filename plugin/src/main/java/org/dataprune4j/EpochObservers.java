package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dataprune4j.internal.TrainedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listener's {@link PruningObserver}s and what it tells them: one {@link EpochSummary} per epoch. */
final class EpochObservers {
    private static final Logger log = LoggerFactory.getLogger(EpochObservers.class);

    private final List<PruningObserver> observers = new CopyOnWriteArrayList<>();
    private double learningRateFirst = Double.NaN;
    private PruningReport decided;

    void add(PruningObserver observer) {
        requireNonNull(observer, "observer");
        if (observers.contains(observer)) {
            throw new IllegalArgumentException(observer + " is already registered with this PruningListener; it is"
                    + " told every epoch once, so register it once.");
        }
        observers.add(observer);
    }

    List<PruningObserver> list() {
        return List.copyOf(observers);
    }

    void epochStarted(TrainedModel model) {
        decided = null;
        learningRateFirst = observers.isEmpty() ? Double.NaN : LearningRatePlanner.currentRate(model, 0);
    }

    /** The selection made at this epoch's end. */
    void decided(PruningReport report) {
        decided = report;
    }

    /**
     * Tells every observer about the epoch that ended.
     *
     * @param warmup whether the epoch was a warm-up epoch (scored, before the first selection)
     */
    void epochEnded(TrainedModel model, int epoch, PruningLedger ledger, int nextEpochExamples, boolean warmup) {
        if (observers.isEmpty()) {
            return;
        }
        int trained = ledger.examplesPerEpoch().get(epoch);
        String phase = warmup ? "warm-up" : trained < ledger.numExamples() ? "pruned" : "all data";
        EpochSummary summary = new EpochSummary(epoch, trained, nextEpochExamples, phase,
                Optional.ofNullable(decided).map(r -> r.withLedger(ledger)), ledger, learningRateFirst,
                LearningRatePlanner.currentRate(model, -1));
        for (PruningObserver observer : observers) {
            try {
                observer.epochEnded(summary);
            } catch (RuntimeException e) {
                log.warn("The PruningObserver {} failed at the end of epoch {} (training goes on; it missed this"
                        + " epoch): {}", observer, epoch + 1, e.toString(), e);
            }
        }
    }
}
