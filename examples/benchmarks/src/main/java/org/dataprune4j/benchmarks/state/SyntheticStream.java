package org.dataprune4j.benchmarks.state;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A resettable stream of generated examples that holds none of them: each batch is generated when asked, the same
 * every epoch (seeded by its position), so a streamed {@code PruningIterator} over it holds all the per-example
 * state of the run. Example i has a class drawn from its batch's seed and features around that class's centre
 * with noise, so some examples are easy and some hard.
 */
public final class SyntheticStream implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final int numExamples;
    private final int features;
    private final int classes;
    private final int batchSize;
    private final long seed;
    private final float[][] centres;
    private int position;

    /**
     * @param numExamples examples per epoch
     * @param features feature columns
     * @param classes number of classes
     * @param batchSize examples per batch
     * @param seed seed of the centres and of every batch
     */
    public SyntheticStream(int numExamples, int features, int classes, int batchSize, long seed) {
        if (numExamples < 1 || features < 1 || classes < 2 || batchSize < 1) {
            throw new IllegalArgumentException("need examples >= 1, features >= 1, classes >= 2, batch >= 1");
        }
        this.numExamples = numExamples;
        this.features = features;
        this.classes = classes;
        this.batchSize = batchSize;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        this.centres = new float[classes][features];
        for (float[] centre : centres) {
            for (int j = 0; j < features; j++) {
                centre[j] = (float) (2 * random.nextDouble() - 1);
            }
        }
    }

    @Override
    public DataSet next(int num) {
        int n = Math.min(num, numExamples - position);
        SplittableRandom random = new SplittableRandom(seed * 31 + position);
        float[] x = new float[n * features];
        float[] y = new float[n * classes];
        for (int r = 0; r < n; r++) {
            int c = random.nextInt(classes);
            y[r * classes + c] = 1f;
            for (int j = 0; j < features; j++) {
                x[r * features + j] = centres[c][j] + (float) (0.7 * gaussian(random));
            }
        }
        position += n;
        return new DataSet(Nd4j.create(x, new long[] {n, features}, 'c'), Nd4j.create(y, new long[] {n, classes}, 'c'));
    }

    private static double gaussian(SplittableRandom random) {
        double u = Math.max(1e-12, random.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return position < numExamples;
    }

    @Override
    public int inputColumns() {
        return features;
    }

    @Override
    public int totalOutcomes() {
        return classes;
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
    public void reset() {
        position = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("SyntheticStream takes no pre-processor");
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
