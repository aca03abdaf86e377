package org.dataprune4j.examples;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The baseline iterator of the full-data runs: an in-memory 2-d DataSet reshuffled every epoch with a seed,
 * rows gathered with {@code Nd4j.pullRows} exactly as the {@code PruningIterator} does, so that timings compare
 * the pruning and not the data path.
 */
public final class ShuffledDataSetIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final DataSet data;
    private final int batchSize;
    private final long seed;
    private int[] order;
    private int position;
    private int epoch;
    private DataSetPreProcessor preProcessor;

    /**
     * @param data 2-d features and labels
     * @param batchSize examples per batch
     * @param seed shuffle seed
     */
    public ShuffledDataSetIterator(DataSet data, int batchSize, long seed) {
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        shuffle();
    }

    private void shuffle() {
        int n = data.numExamples();
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        position = 0;
    }

    @Override
    public boolean hasNext() {
        return position < order.length;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch finished; call reset()");
        }
        int end = Math.min(order.length, position + batchSize);
        int[] ids = java.util.Arrays.copyOfRange(order, position, end);
        position = end;
        DataSet batch = new DataSet(Nd4j.pullRows(data.getFeatures(), 1, ids, 'c'),
                Nd4j.pullRows(data.getLabels(), 1, ids, 'c'));
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("fixed-size batches; use next()");
    }

    @Override
    public void reset() {
        epoch++;
        shuffle();
    }

    @Override
    public int inputColumns() {
        return (int) data.getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) data.getLabels().size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
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
}
