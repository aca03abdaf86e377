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
    private DataSetPreProcessor augmentation;
    private boolean sourceAugments;

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
     * Random augmentation (a random crop, a flip) applied to training batches only, after the pre-processor (default
     * none). Scoring passes over examples outside training and reads outside {@code fit} (evaluation) get the
     * examples as the pre-processor leaves them; scores taken from the training passes themselves see the augmented
     * batch the network trained on. A {@link ResumableAugmentation} (such as the data module's {@code RandomCropFlip})
     * has its random state saved in the listener's checkpoints, so a resumed run augments as the uninterrupted run
     * would have; with any other augmentation a resumed run draws anew (the listener warns when it resumes).
     */
    public PruningIteratorBuilder augmentation(DataSetPreProcessor augmentation) {
        this.augmentation = augmentation;
        return this;
    }

    /**
     * Says that the streamed source augments its examples randomly, as an {@code ImageRecordReader} with an
     * {@code ImageTransform} does, so that their feature values change from epoch to epoch. An example's id stays its
     * position in the stream: every epoch the source must still yield the same number of examples with the same
     * label at each position (checked, as without this option), but the features are not compared with the first
     * pass (without this option, changed features stop training, because they mean a shuffled or re-normalised
     * source). What stays the user's to guarantee: the same examples in the same order every epoch (no shuffling
     * inside the source: a DataVec {@code FileSplit} made with a {@code Random} reorders its files at every reset,
     * which the label check catches only when labels differ). Scoring passes outside training read the source
     * too, so they see augmented examples. A checkpoint does not hold the source's random state: a run resumed from
     * one augments with other draws than the interrupted run would have (the listener warns when it resumes).
     *
     * @throws IllegalStateException (at {@link #build()}) for an in-memory source, which does not augment: use
     *     {@link #augmentation(DataSetPreProcessor)}
     */
    public PruningIteratorBuilder sourceAugments() {
        this.sourceAugments = true;
        return this;
    }

    /**
     * Builds the iterator.
     *
     * @throws IllegalArgumentException if the batch size is below 1
     * @throws IllegalStateException if {@link #sourceAugments()} was said of an in-memory source
     */
    public PruningIterator build() {
        checkArgument(batchSize > 0, "batchSize must be at least 1, got %s", batchSize);
        if (sourceAugments) {
            if (!(source instanceof StreamingSource streamed)) {
                throw new IllegalStateException("sourceAugments() is for a source iterator that augments its"
                        + " examples (an ImageRecordReader with an ImageTransform); this PruningIterator holds a"
                        + " DataSet in memory, which does not change. To augment it, pass the augmentation as a"
                        + " pre-processor: augmentation(...)");
            }
            streamed.acceptChangingFeatures();
        }
        return new PruningIterator(source, batchSize, seed, shuffle, asyncPrefetch, unpruned, preProcessor,
                augmentation);
    }
}
