package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import org.dataprune4j.internal.Defaults;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code DataSetIterator} over training examples with stable ids (0 to n - 1) that serves all of them until
 * its {@code PruningListener} decides the kept subset, then only the kept ones: the swap point of DataPrune4J.
 *
 * <p>Use it where the plain training iterator was:
 * <pre>{@code
 * PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();
 * PruningListener listener = PruningListener.builder(train, ScoreRangeRule.quantiles(0.48, 0.98)).build();
 * net.addListeners(listener);
 * net.fit(train, 10);
 * }</pre>
 *
 * <p>Behaviour:
 * <ul>
 *   <li>an in-memory {@link DataSet} is reshuffled every epoch with the seed (on by default); a streamed
 *       {@link DataSetIterator} is served in its own order, which must be the same every epoch;</li>
 *   <li>a new subset takes effect at the next {@link #reset()}, i.e. at an epoch boundary, never mid-epoch;</li>
 *   <li>it works with DL4J's asynchronous prefetch (on by default in {@code fit}) and without it: a record of
 *       the ids in every served batch is handed to the listener in serving order;</li>
 *   <li>features, labels, both masks and the pre-processor are kept.</li>
 * </ul>
 * A problem found while streaming (the source changed size or order) ends the epoch early and is thrown on
 * the training thread by the listener or by the next {@link #reset()}, never inside the prefetch thread,
 * where DL4J would wait forever.
 */
public final class PruningIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(PruningIterator.class);

    /**
     * DataPrune4J's one default seed (42), used by every component that is not given a seed: the shuffle here,
     * {@code RandomRule.keep(fraction)}, GraNd's first initialisation, k-means++, score extrapolation, the range
     * search and tuner.
     */
    public static final long DEFAULT_SEED = Defaults.SEED;

    private final transient ExampleSource source;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean asyncPrefetch;
    private final boolean unpruned;
    private final int[] labels;
    private final transient ConcurrentLinkedQueue<ServedBatch> served = new ConcurrentLinkedQueue<>();

    private volatile int[] active;
    private volatile int[] pending;
    private volatile boolean listenerRegistered;
    private volatile boolean listenerActive;
    private transient ExampleSource.Cursor cursor;
    private DataSetPreProcessor preProcessor;
    private int pass;
    private int servedBatchesThisPass;

    private PruningIterator(Builder b) {
        this.source = b.source;
        this.batchSize = b.batchSize;
        this.seed = b.seed;
        this.shuffle = b.shuffle && source.randomAccess();
        this.asyncPrefetch = b.asyncPrefetch;
        this.unpruned = b.unpruned;
        this.labels = source.labels();
        int[] all = new int[source.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        this.active = all;
        this.preProcessor = b.preProcessor;
        log.debug("PruningIterator over {} examples, batch {}, shuffle {}, seed {}", all.length, batchSize,
                shuffle, seed);
    }

    /**
     * Starts a builder over examples held in memory.
     *
     * @param data the training examples: 2-d or image (4-d) features, 2-d one-hot labels
     * @param batchSize examples per batch, at least 1
     */
    public static Builder builder(DataSet data, int batchSize) {
        return new Builder(new InMemorySource(requireNonNull(data, "data")), batchSize);
    }

    /**
     * Starts a builder over a resettable iterator, streamed in its own order every epoch. The source is read
     * once here, to count and check its examples.
     *
     * @param source the training iterator; it must yield the same examples in the same order every epoch
     */
    public static Builder builder(DataSetIterator source) {
        requireNonNull(source, "source");
        return new Builder(new StreamingSource(source), source.batch());
    }

    /** Number of examples in the source (the ids are 0 to this - 1). */
    public int numExamples() {
        return labels.length;
    }

    /** Number of examples served per epoch now: all before the swap, the kept ones after. */
    public int activeCount() {
        return active.length;
    }

    /** The class index of every example, by id. */
    int[] labelIndices() {
        return labels.clone();
    }

    /**
     * Serves only the given examples from the next {@link #reset()} on. Called by the listener at the end
     * of warm-up.
     *
     * @param keptIds ids to keep, ascending, at least one
     */
    void keepFromNextEpoch(int[] keptIds) {
        requireNonNull(keptIds, "keptIds");
        checkArgument(keptIds.length > 0, "a subset must keep at least one example");
        for (int i = 0; i < keptIds.length; i++) {
            checkArgument(keptIds[i] >= 0 && keptIds[i] < labels.length, "id %s is not an example id [0, %s)",
                    keptIds[i], labels.length);
            checkArgument(i == 0 || keptIds[i] > keptIds[i - 1], "kept ids must be ascending and distinct");
        }
        this.pending = keptIds.clone();
    }

    /**
     * Registers the listener that consumes this iterator's record of served batches. At most one.
     *
     * @throws IllegalStateException if another listener is registered already
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

    /** Called by the listener when a network first calls it, so the iterator knows training consumes it. */
    void markListenerActive() {
        listenerActive = true;
    }

    /**
     * Takes the record of the oldest served batch not yet taken, in serving order.
     *
     * @return the ids and labels of the batch, or null if none is waiting
     */
    ServedBatch pollServed() {
        return served.poll();
    }

    /**
     * Throws the problem found while streaming this epoch, if any.
     *
     * @throws IllegalStateException if the source changed size or order
     */
    void checkSource() {
        if (cursor != null && cursor.failure() != null) {
            throw cursor.failure();
        }
    }

    /**
     * Runs one pass over every example (kept or not) in id order, with the pre-processor applied. Used by the
     * listener for scoring passes between epochs (after one epoch is exhausted and before the next
     * {@link #reset()}); a streamed source is read once more, and the finished training epoch stays finished.
     *
     * @param passBatchSize examples per batch
     * @param consumer receives each batch's ids and data
     */
    void forEachExampleInIdOrder(int passBatchSize, BiConsumer<int[], DataSet> consumer) {
        int[] all = new int[labels.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        forEachExampleInIdOrder(all, passBatchSize, consumer);
    }

    /**
     * Runs one pass over the given examples in id order, like {@link #forEachExampleInIdOrder(int, BiConsumer)};
     * used to score a subset only.
     *
     * @param ids the examples, ascending and distinct
     * @param passBatchSize examples per batch
     * @param consumer receives each batch's ids and data
     */
    void forEachExampleInIdOrder(int[] ids, int passBatchSize, BiConsumer<int[], DataSet> consumer) {
        checkArgument(passBatchSize > 0, "batch size must be positive, got %s", passBatchSize);
        for (int i = 0; i < ids.length; i++) {
            checkArgument(ids[i] >= 0 && ids[i] < labels.length && (i == 0 || ids[i] > ids[i - 1]),
                    "ids must be ascending, distinct and in [0, %s); got %s at position %s", labels.length, ids[i], i);
        }
        ExampleSource.Cursor pass = source.open(ids.clone(), passBatchSize);
        while (pass.hasNext()) {
            DataSet batch = pass.next();
            if (preProcessor != null) {
                preProcessor.preProcess(batch);
            }
            consumer.accept(pass.lastIds(), batch);
        }
        if (pass.failure() != null) {
            throw pass.failure();
        }
    }

    private ExampleSource.Cursor cursor() {
        if (cursor == null) {
            int[] order = active.clone();
            if (shuffle) {
                SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * pass);
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            cursor = source.open(order, batchSize);
        }
        return cursor;
    }

    @Override
    public boolean hasNext() {
        return cursor().hasNext();
    }

    @Override
    public DataSet next() {
        ExampleSource.Cursor c = cursor();
        if (!c.hasNext()) {
            throw new NoSuchElementException("No more batches this epoch; call reset() to start the next one");
        }
        DataSet batch = c.next();
        int[] ids = c.lastIds();
        int[] batchLabels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            batchLabels[i] = labels[ids[i]];
        }
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        if (!unpruned) {
            served.add(new ServedBatch(ids, batchLabels));
        }
        servedBatchesThisPass++;
        return batch;
    }

    /**
     * Starts the next epoch: applies a pending subset and reshuffles.
     *
     * @throws IllegalStateException if the source changed size or order during the epoch, or if a whole
     *     epoch was served while no listener consumed it (the listener was not added to the network)
     */
    @Override
    public void reset() {
        checkSource();
        boolean wholePassServed = cursor != null && servedBatchesThisPass > 0 && !cursor.hasNext();
        if (wholePassServed && !listenerActive && !unpruned) {
            throw new IllegalStateException("The PruningIterator served a whole epoch (" + servedBatchesThisPass
                    + " batches) but no PruningListener saw it: " + (listenerRegistered
                    ? "add the listener to the network you train (net.addListeners(listener)) before fit."
                    : "build a PruningListener for this iterator and add it to the network before fit."));
        }
        served.clear();
        int[] next = pending;
        if (next != null) {
            log.debug("Subset of {} examples takes effect", next.length);
            active = next;
            pending = null;
        }
        pass++;
        servedBatchesThisPass = 0;
        cursor = null;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("PruningIterator serves fixed-size batches; use next()");
    }

    @Override
    public int inputColumns() {
        return source.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return source.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return asyncPrefetch;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }

    /** This iterator's settings (examples, batch size, shuffle, seed, prefetch), for the run record. */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("iterator.examples", Integer.toString(labels.length));
        m.put("iterator.batchSize", Integer.toString(batchSize));
        m.put("iterator.shuffle", Boolean.toString(shuffle));
        m.put("iterator.seed", Long.toString(seed));
        m.put("iterator.asyncPrefetch", Boolean.toString(asyncPrefetch));
        m.put("iterator.source", source.getClass().getSimpleName());
        return m;
    }

    @Override
    public String toString() {
        return "PruningIterator{examples=" + labels.length + ", active=" + active.length + ", batch=" + batchSize
                + ", shuffle=" + shuffle + ", seed=" + seed + (unpruned ? ", unpruned" : "") + "}";
    }

    /** Builds a {@link PruningIterator}. */
    public static final class Builder {
        private final ExampleSource source;
        private int batchSize;
        private long seed = DEFAULT_SEED;
        private boolean shuffle = true;
        private boolean asyncPrefetch = true;
        private boolean unpruned;
        private DataSetPreProcessor preProcessor;

        private Builder(ExampleSource source, int batchSize) {
            this.source = source;
            this.batchSize = batchSize;
        }

        /** Examples per batch (default: the given size, or the source iterator's batch size). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** The shuffle seed (default {@link PruningIterator#DEFAULT_SEED}). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether to reshuffle an in-memory source every epoch (default true; streams are never shuffled). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether DL4J may prefetch batches on a background thread (default true, as DL4J's own iterators). */
        public Builder asyncPrefetch(boolean asyncPrefetch) {
            this.asyncPrefetch = asyncPrefetch;
            return this;
        }

        /**
         * Makes an iterator that never prunes: every example, every epoch, with no listener (adding one throws).
         * It serves exactly the batches a pruned run serves before its swap (same seed, same shuffle), so it is
         * the full-data baseline to compare a pruned run with.
         */
        public Builder unpruned() {
            this.unpruned = true;
            return this;
        }

        /** A pre-processor applied to every served batch (default none). */
        public Builder preProcessor(DataSetPreProcessor preProcessor) {
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
            return new PruningIterator(this);
        }
    }
}
