package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.loss.BatchWeights;
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
 *   <li>it prefetches on a thread of its own (on by default), or reads on the training thread; a record of
 *       the ids in every served batch is handed to the listener in serving order;</li>
 *   <li>features, labels, both masks and the pre-processor are kept; an augmentation ({@code augmentation(...)})
 *       is applied to training batches only.</li>
 * </ul>
 * Batches are read one or two ahead of training on a prefetch thread of this iterator's own (DL4J's own
 * wrapper is not used: it waits forever when its thread fails). Any error there (the source iterator throws, a
 * pre-processor fails, a streamed source changed size or order) is thrown on the training thread by
 * {@link #hasNext()} or {@link #next()}, as an {@code IllegalStateException} that names its cause.
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
    /** The settings' key of what augments training batches (recorded since checkpoint format 3). */
    static final String AUGMENTATION_SETTING = "iterator.augmentation";
    /** The settings' key of the pre-processor's class, compared as a resumed run starts training (not at build). */
    static final String PRE_PROCESSOR_SETTING = "iterator.preProcessor";

    private final transient ExampleSource source;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean asyncPrefetch;
    private final boolean unpruned;
    /** The class index of every example, by id: the source's array, shared (one copy). */
    private final int[] labels;
    private final transient ServedRecord served;

    /** The ids served this epoch and the ones the next epoch serves. */
    private final transient EpochSubset subset;
    private final transient IdOrderPasses passes;
    private final transient BatchWeights batchWeights = new BatchWeights();
    /** Reads that are not training (evaluation, a normalizer's fit, a peek): every example, not recorded. */
    private final transient OutsideReads outside;
    /** The training epochs' batches, shuffled, pre-processed and augmented. */
    private final transient EpochFeed epochs;
    private DataSetPreProcessor preProcessor;

    PruningIterator(ExampleSource source, int batchSize, long seed, boolean shuffle, boolean asyncPrefetch,
            boolean unpruned, DataSetPreProcessor preProcessor, DataSetPreProcessor augmentation) {
        this.source = source;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle && source.randomAccess();
        this.asyncPrefetch = asyncPrefetch && source.prefetchAllowed();
        this.unpruned = unpruned;
        this.served = new ServedRecord(unpruned);
        this.labels = source.labels();
        this.subset = new EpochSubset(labels.length);
        this.passes = new IdOrderPasses(source, labels, this::preProcessed);
        this.outside = new OutsideReads(source, batchSize, this::preProcessed);
        this.preProcessor = preProcessor;
        this.epochs = new EpochFeed(source, subset, batchSize, seed, this.shuffle, this.asyncPrefetch,
                this::preProcessed, augmentation);
        log.debug("PruningIterator over {} examples, batch {}, shuffle {}, seed {}", labels.length, batchSize,
                this.shuffle, seed);
    }

    /**
     * Starts a builder over examples held in memory.
     *
     * @param data the training examples: 2-d or image (4-d) features, 2-d one-hot labels
     * @param batchSize examples per batch, at least 1
     */
    public static PruningIteratorBuilder builder(DataSet data, int batchSize) {
        return new PruningIteratorBuilder(new InMemorySource(requireNonNull(data, "data")), batchSize);
    }

    /**
     * Starts a builder over a resettable iterator, streamed in its own order every epoch. The source is read
     * once here, to count and check its examples.
     *
     * @param source the training iterator; it must yield the same examples in the same order every epoch
     */
    public static PruningIteratorBuilder builder(DataSetIterator source) {
        requireNonNull(source, "source");
        StreamingSource streamed = new StreamingSource(source);
        int batch = streamed.firstBatchSize();
        if (batch != source.batch()) {
            log.info("Batch size {}: the examples in the source's first batch ({}.batch() says {}, which for some"
                    + " iterators counts list elements or is 0); set batchSize(...) to choose another", batch,
                    source.getClass().getSimpleName(), source.batch());
        }
        return new PruningIteratorBuilder(streamed, batch);
    }

    /** Number of examples in the source (the ids are 0 to this - 1). */
    public int numExamples() {
        return labels.length;
    }

    /**
     * The examples with these ids as the source holds them (before any pre-processor or augmentation), e.g. to look
     * at the likeliest mislabelled ones. Only for examples held in memory ({@link #builder(DataSet, int)}).
     *
     * @throws UnsupportedOperationException for a streamed source, which is read in its order only
     * @throws IllegalArgumentException for an id outside 0 to {@link #numExamples()} - 1, or no id
     */
    public DataSet examples(int... ids) {
        if (!(source instanceof InMemorySource memory)) {
            throw new UnsupportedOperationException("This iterator streams its source, which is read in its own order"
                    + " only, so examples cannot be fetched by id; keep the data in memory"
                    + " (PruningIterator.builder(DataSet, batchSize)) or look them up in your own source by position.");
        }
        if (ids.length == 0) {
            throw new IllegalArgumentException("Give at least one id");
        }
        for (int id : ids) {
            if (id < 0 || id >= labels.length) {
                throw new IllegalArgumentException("No example has id " + id + ": ids are 0 to " + (labels.length - 1));
            }
        }
        return memory.gather(ids.clone());
    }

    /** Whether {@link #examples} can fetch examples by id (the source is held in memory). */
    public boolean holdsExamples() {
        return source instanceof InMemorySource;
    }

    /** Number of examples served per epoch now: all before the swap, the kept ones after. */
    public int activeCount() {
        return subset.active().length;
    }

    /**
     * Continues a run from a checkpoint: the next epoch is shuffled as epoch {@code epochsDone} of the original run
     * was, and serves {@code keptIds} if the swap had happened (null: everything).
     */
    void restoreEpoch(int epochsDone, int[] keptIds, float[] weights) {
        epochs.restartAt(epochsDone);
        served.clear();
        if (keptIds != null) {
            subset.keepFromNextEpoch(keptIds, weights);
            subset.takePending();
        }
    }

    /** The examples the current epoch serves, or the next one if called between epochs (pending, else active). */
    int nextEpochCount() {
        return subset.nextEpochCount();
    }

    /** The loss weights of the ids the next epoch serves (pending or, if none, active), or null when unweighted. */
    float[] nextEpochWeights() {
        return subset.nextEpochWeights();
    }

    /** The examples whose labels mask is all zeros, by id. */
    BitSet masked() {
        return source.masked();
    }

    /** Every id whose labels mask is not all zeros, ascending: what an epoch on all data serves. */
    int[] unmaskedIds() {
        BitSet masked = source.masked();
        return java.util.stream.IntStream.range(0, labels.length).filter(id -> !masked.get(id)).toArray();
    }

    /** The class index of every example, by id. */
    int[] labelIndices() {
        return labels.clone();
    }

    /**
     * Serves only the given examples from the next {@link #reset()} on, each with a loss weight that
     * {@link #batchWeights()} publishes for every batch served.
     *
     * @param keptIds ids to keep, ascending, at least one
     * @param weights one weight per kept id, or null for unweighted
     */
    void keepFromNextEpoch(int[] keptIds, float[] weights) {
        subset.keepFromNextEpoch(keptIds, weights);
    }

    /** Where the loss weights of each batch are published as it is served (null weights: unweighted). */
    BatchWeights batchWeights() {
        return batchWeights;
    }

    /**
     * Registers the listener that consumes this iterator's record of served batches. At most one.
     *
     * @throws IllegalStateException if another listener is registered already
     */
    void registerListener() {
        served.registerListener();
    }

    /** Called by the listener when a network first calls it, so the iterator knows training consumes it. */
    void markListenerActive() {
        served.markListenerActive();
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
     * Passes over the examples outside the training epoch, pre-processed as training batches are: scoring passes in
     * id order (between epochs: after one is exhausted and before the next {@link #reset()}), a tuner's training
     * data, the data's fingerprint. A streamed source is read once more; the training epoch is not touched.
     */
    IdOrderPasses passes() {
        return passes;
    }

    /**
     * Whether this call reads outside training (see {@link OutsideReads}); refused on a streamed source in the
     * middle of a training epoch, which a second read would restart.
     */
    private boolean readsOutside() {
        if (unpruned || OutsideReads.trainingRead()) {
            return false;
        }
        if (!source.randomAccess() && epochs.inProgress()) {
            throw OutsideReads.midEpochOnAStream();
        }
        return true;
    }

    private DataSet preProcessed(DataSet batch) {
        DataSetPreProcessor pre = preProcessor;
        if (pre != null) {
            pre.preProcess(batch);
        }
        return batch;
    }

    /**
     * Whether another batch comes this epoch.
     *
     * @throws IllegalStateException if the source or the pre-processor failed, naming the cause (also when the
     *     failure happened on the prefetch thread: it is thrown here, on the training thread)
     */
    @Override
    public boolean hasNext() {
        return readsOutside() ? outside.hasNext() : epochs.hasNext();
    }

    /**
     * The next batch.
     *
     * @throws IllegalStateException if the source or the pre-processor failed, naming the cause
     * @throws NoSuchElementException if the epoch is over
     */
    @Override
    public DataSet next() {
        if (readsOutside()) {
            return outside.next();
        }
        BatchFeed.Batch b = epochs.next();
        int[] ids = b.ids();
        served.record(ids, labels);
        batchWeights.publish(subset.rowWeights(ids));
        return b.data();
    }

    /**
     * Starts the next epoch: applies a pending subset and reshuffles.
     *
     * @throws IllegalStateException if the source changed size or order during the epoch, or if a whole
     *     epoch was served while no listener consumed it (the listener was not added to the network)
     */
    @Override
    public void reset() {
        if (readsOutside()) {
            outside.reset();
            return;
        }
        UsageChecks.notInAnEpochChangingWrapper();
        epochs.nextPass();
        served.endEpoch();
        int taking = subset.takePending();
        if (taking >= 0) {
            log.debug("Subset of {} examples takes effect", taking);
        }
        batchWeights.publish(null);
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

    /**
     * Always false: with {@code asyncPrefetch} on (the default) this iterator prefetches on a thread of its own,
     * which, unlike DL4J's wrapper, hands every error back to the training thread.
     */
    @Override
    public boolean asyncSupported() {
        return false;
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

    /** This iterator's settings (sizes, order, seed, prefetch, augmentation, pre-processor), for the run record. */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("iterator.examples", Integer.toString(labels.length));
        m.put("iterator.batchSize", Integer.toString(batchSize));
        m.put("iterator.shuffle", Boolean.toString(shuffle));
        m.put("iterator.seed", Long.toString(seed));
        m.put("iterator.asyncPrefetch", Boolean.toString(asyncPrefetch));
        m.put("iterator.source", source.getClass().getSimpleName());
        m.put(AUGMENTATION_SETTING, AugmentationStates.describe(epochs.augmentation(), source.featuresChange()));
        m.put(PRE_PROCESSOR_SETTING, preProcessorSetting());
        return m;
    }

    /** The pre-processor as the settings record it: its class, "a lambda" or "none". */
    String preProcessorSetting() {
        return AugmentationStates.describe(preProcessor, false);
    }

    /** The random state of the augmentation and the pre-processor where they can save it, for a checkpoint. */
    Map<String, byte[]> augmentationStates() {
        return AugmentationStates.save(epochs.augmentation(), preProcessor);
    }

    /** Continues the augmentation from a checkpoint's states, before any batch of the resumed run (see there). */
    void restoreAugmentation(Map<String, byte[]> states, java.nio.file.Path checkpoint) {
        AugmentationStates.restore(states, epochs.augmentation(), preProcessor, source.featuresChange(), checkpoint);
    }

    @Override
    public String toString() {
        return "PruningIterator{examples=" + labels.length + ", active=" + subset.active().length + ", batch="
                + batchSize + ", shuffle=" + shuffle + ", seed=" + seed + (unpruned ? ", unpruned" : "") + "}";
    }
}
