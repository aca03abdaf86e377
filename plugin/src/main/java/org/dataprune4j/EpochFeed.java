package org.dataprune4j;

import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.dataprune4j.internal.Seeds;
import org.dataprune4j.internal.Shuffle;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * A {@link PruningIterator}'s training epochs: each pass serves the subset's active ids (shuffled with the seed and
 * the pass number where the source allows), read from the source, pre-processed and augmented, prefetched on a thread
 * of its own or read on the training thread.
 */
final class EpochFeed {
    /** Batches read ahead of training by the prefetch thread. */
    private static final int PREFETCH_DEPTH = 2;

    private final ExampleSource source;
    private final EpochSubset subset;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean asyncPrefetch;
    /** The iterator's pre-processor, applied before the augmentation (it can be replaced between epochs). */
    private final UnaryOperator<DataSet> preProcessed;
    /** Applied after the pre-processor to training batches only, never to scoring passes or outside reads. */
    private final DataSetPreProcessor augmentation;
    private BatchFeed feed;
    private int pass;

    EpochFeed(ExampleSource source, EpochSubset subset, int batchSize, long seed, boolean shuffle,
            boolean asyncPrefetch, UnaryOperator<DataSet> preProcessed, DataSetPreProcessor augmentation) {
        this.source = source;
        this.subset = subset;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        this.asyncPrefetch = asyncPrefetch;
        this.preProcessed = preProcessed;
        this.augmentation = augmentation;
    }

    /**
     * Whether another batch comes this pass (opened at the first call after a new pass).
     *
     * @throws IllegalStateException if the source or the pre-processor failed, naming the cause
     */
    boolean hasNext() {
        return open().hasNext();
    }

    /**
     * The next batch of this pass.
     *
     * @throws NoSuchElementException if the pass is over
     */
    BatchFeed.Batch next() {
        BatchFeed f = open();
        if (!f.hasNext()) {
            throw new NoSuchElementException("No more batches this epoch; call reset() to start the next one");
        }
        return f.next();
    }

    /** Whether a pass has started and has batches left: a streamed source is being read for training. */
    boolean inProgress() {
        return feed != null && feed.hasNext();
    }

    /** Ends this pass; the next one is shuffled as pass number + 1. */
    void nextPass() {
        close();
        pass++;
    }

    /** Ends this pass; the next is shuffled as pass {@code number} (a run resumed after that many epochs). */
    void restartAt(int number) {
        close();
        pass = number;
    }

    /** The augmentation of training batches, or null: its random state goes into checkpoints. */
    DataSetPreProcessor augmentation() {
        return augmentation;
    }

    private void close() {
        if (feed != null) {
            feed.close();
            feed = null;
        }
    }

    private BatchFeed open() {
        if (feed == null) {
            int[] order = subset.active();
            if (shuffle) {
                order = order.clone();
                Shuffle.inPlace(order, new SplittableRandom(Seeds.stream(seed, pass)));
            }
            ExampleSource.Cursor cursor;
            try {
                cursor = source.open(order, batchSize);
            } catch (RuntimeException e) {
                throw BatchFeed.readFailure(e);
            }
            feed = asyncPrefetch ? BatchFeed.prefetching(cursor, this::augmented, PREFETCH_DEPTH)
                    : BatchFeed.direct(cursor, this::augmented);
        }
        return feed;
    }

    /** A training batch: pre-processed, then augmented. */
    private DataSet augmented(DataSet batch) {
        preProcessed.apply(batch);
        if (augmentation != null) {
            augmentation.preProcess(batch);
        }
        return batch;
    }
}
