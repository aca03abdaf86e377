package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;

import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Builds a {@link PruningIterator}; every option has a documented default. Start one with
 * {@code PruningIterator.builder(data, batchSize)} or {@code PruningIterator.builder(sourceIterator)}.
 */
public final class PruningIteratorBuilder {
    private final ExampleSource source;
    private int batchSize;
    private long seed = PruningIterator.DEFAULT_SEED;
    private boolean shuffle = true;
    private boolean asyncPrefetch = true;
    private boolean unpruned;
    private DataSetPreProcessor preProcessor;

    PruningIteratorBuilder(ExampleSource source, int batchSize) {
        this.source = source;
        this.batchSize = batchSize;
    }

    /**
     * Examples per batch (default: the given size; for a streamed source, the number of examples in its first
     * batch, which is what the source serves, whatever its {@code batch()} says).
     */
    public PruningIteratorBuilder batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /** The shuffle seed (default {@link PruningIterator#DEFAULT_SEED}). */
    public PruningIteratorBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Whether to reshuffle an in-memory source every epoch (default true; streams are never shuffled). */
    public PruningIteratorBuilder shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /**
     * Whether to read batches ahead of training on a background thread (default true; a streamed source whose
     * {@code asyncSupported()} is false is always read on the training thread). Errors reach the training thread
     * either way.
     */
    public PruningIteratorBuilder asyncPrefetch(boolean asyncPrefetch) {
        this.asyncPrefetch = asyncPrefetch;
        return this;
    }

    /**
     * Makes an iterator that never prunes: every example, every epoch, with no listener (adding one throws).
     * It serves exactly the batches a pruned run serves before its swap (same seed, same shuffle), so it is
     * the full-data baseline to compare a pruned run with.
     */
    public PruningIteratorBuilder unpruned() {
        this.unpruned = true;
        return this;
    }

    /** A pre-processor applied to every served batch (default none). */
    public PruningIteratorBuilder preProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
        return this;
    }

    /**
     * Builds the iterator.
     *
     * @throws IllegalArgumentException if the batch size is below 1
     */
    public PruningIterator build() {
        checkArgument(batchSize > 0, "batchSize must be at least 1, got %s", batchSize);
        return new PruningIterator(source, batchSize, seed, shuffle, asyncPrefetch, unpruned, preProcessor);
    }
}
