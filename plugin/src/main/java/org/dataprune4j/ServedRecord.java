package org.dataprune4j;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The iterator's record of the batches it served, in serving order, which its one listener takes batch by batch
 * as the model trains them; and the errors when batches were served that no listener took. An unpruned iterator
 * keeps no record and takes no listener. Internal to the iterator.
 */
final class ServedRecord {
    private final boolean unpruned;
    private final ConcurrentLinkedQueue<ServedBatch> served = new ConcurrentLinkedQueue<>();
    private volatile boolean listenerRegistered;
    private volatile boolean listenerActive;

    ServedRecord(boolean unpruned) {
        this.unpruned = unpruned;
    }

    /**
     * Registers the listener that takes the record. At most one.
     *
     * @throws IllegalStateException for an unpruned iterator, or if another listener is registered already
     */
    void registerListener() {
        if (unpruned) {
            throw new IllegalStateException("This PruningIterator was built with unpruned(): it serves every example"
                    + " every epoch and takes no PruningListener. Build it without unpruned() to prune.");
        }
        if (listenerRegistered) {
            throw new IllegalStateException("This PruningIterator already has a PruningListener; build one listener"
                    + " per iterator (and one iterator per training run).");
        }
        listenerRegistered = true;
    }

    /** Called when a model first calls the listener: training consumes the record from now on. */
    void markListenerActive() {
        listenerActive = true;
    }

    /**
     * Records a batch about to be served, after checking that the listener took every earlier one.
     *
     * @param ids the batch's example ids
     * @param labels the class index of every example, by id
     * @throws IllegalStateException if a batch served earlier was not taken
     */
    void record(int[] ids, int[] labels) {
        if (unpruned) {
            return;
        }
        if (!served.isEmpty()) {
            throw notTrainedWithListener(served.size());
        }
        int[] batchLabels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            batchLabels[i] = labels[ids[i]];
        }
        served.add(new ServedBatch(ids, batchLabels));
    }

    /** The oldest served batch not yet taken, or null if none waits. */
    ServedBatch poll() {
        return served.poll();
    }

    /**
     * Ends an epoch's record.
     *
     * @throws IllegalStateException if a served batch was not taken (the record is cleared either way)
     */
    void endEpoch() {
        int unseen = served.size();
        served.clear();
        if (!unpruned && unseen > 0) {
            throw notTrainedWithListener(unseen);
        }
    }

    /** Forgets what was served (a resumed run starts a fresh epoch). */
    void clear() {
        served.clear();
    }

    /**
     * The error for batches served that no listener saw: the model trained without this iterator's listener (none
     * was built or added, it was removed, or a second model trains on this iterator), or someone read batches
     * outside fit.
     */
    private IllegalStateException notTrainedWithListener(int unseen) {
        String fix = UsageChecks.parallelWrapperRunning() ? UsageChecks.parallelWrapperFix()
                : !listenerRegistered
                ? "build a PruningListener for this iterator and add it to the model before fit (net.addListeners)."
                : !listenerActive
                ? "add the listener to the model you train (net.addListeners(listener)) before fit."
                : "its listener was removed from the model (setListeners replaced it?) or another model is training"
                + " on this iterator. Keep the PruningListener on the model for the whole run (net.addListeners), and"
                + " give any other model (a full-data baseline, say) its own iterator, e.g."
                + " PruningIterator.builder(data, batchSize).unpruned().build(): after the swap this one serves the"
                + " kept subset only.";
        return new IllegalStateException("The PruningIterator served " + unseen + " batch(es) that no PruningListener"
                + " saw, so they were trained (or read) without being scored or counted: " + fix
                + " Do not read from a PruningIterator outside fit.");
    }
}
