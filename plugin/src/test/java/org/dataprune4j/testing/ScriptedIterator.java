package org.dataprune4j.testing;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** A resettable iterator whose batches for each pass (0, 1, ...) come from a script. */
public final class ScriptedIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final IntFunction<List<DataSet>> batchesOfPass;
    private int pass;
    private List<DataSet> batches;
    private int position;
    private boolean async;
    private int failingPass = -1;
    private RuntimeException failure;
    private final java.util.Set<String> readingThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param batchesOfPass the batches served in pass k; pass 0 is before the first reset (the PruningIterator
     *     resets once to index the source and once more to start its first epoch, so that epoch is pass 2) */
    public ScriptedIterator(IntFunction<List<DataSet>> batchesOfPass) {
        this.batchesOfPass = batchesOfPass;
        this.batches = batchesOfPass.apply(0);
    }

    /** The same batches every pass: {@code data} cut into batches of {@code batchSize}. */
    public static ScriptedIterator of(DataSet data, int batchSize) {
        List<DataSet> batches = data.batchBy(batchSize);
        return new ScriptedIterator(pass -> batches);
    }

    /** Makes {@code asyncSupported()} answer {@code supported} (default false). */
    public ScriptedIterator asyncSupported(boolean supported) {
        this.async = supported;
        return this;
    }

    /** Makes the first {@code next()} of pass {@code pass} throw {@code e}. */
    public ScriptedIterator failOnPass(int pass, RuntimeException e) {
        this.failingPass = pass;
        this.failure = e;
        return this;
    }

    /** The names of the threads that called {@code next()}. */
    public java.util.Set<String> readingThreads() {
        return readingThreads;
    }

    /** Number of resets so far. */
    public int passes() {
        return pass;
    }

    @Override
    public boolean hasNext() {
        return position < batches.size();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        readingThreads.add(Thread.currentThread().getName());
        if (pass == failingPass) {
            throw failure;
        }
        return batches.get(position++).copy();
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int inputColumns() {
        return (int) batches.get(0).getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) batches.get(0).getLabels().size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return async;
    }

    @Override
    public void reset() {
        pass++;
        batches = batchesOfPass.apply(pass);
        position = 0;
    }

    @Override
    public int batch() {
        return (int) batches.get(0).getFeatures().size(0);
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
