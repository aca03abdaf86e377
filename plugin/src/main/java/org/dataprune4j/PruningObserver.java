package org.dataprune4j;

/**
 * Told at the end of every epoch what the {@link PruningListener} did in it: how many examples it trained, the
 * decision it made (if any) and the cost so far. For dashboards and logs: DL4J's training UI page of
 * {@code dataprune4j-ui} is one. Register with {@link PruningListener#addObserver}.
 *
 * <p>Called on the training thread after the listener's own work for the epoch (and its checkpoint); an observer
 * that throws is logged and skipped for that epoch, never stopping the training.
 */
@FunctionalInterface
public interface PruningObserver {

    /** The epoch {@code summary.epoch()} has ended and the listener has made its decision for the next one. */
    void epochEnded(EpochSummary summary);
}
