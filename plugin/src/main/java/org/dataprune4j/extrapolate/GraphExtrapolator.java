package org.dataprune4j.extrapolate;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dataprune4j.internal.OffHeap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts a score for every example with a graph convolutional network (GCN, Kipf and Welling 2017) over the
 * k-nearest-neighbour graph of the embeddings, trained to regress the scored examples' scores: the seed paper's
 * graph extrapolation ("Effective Data Pruning through Score Extrapolation", 2025; its code,
 * github prasangadhungel/Data-Pruning-with-Extrapolated-Scores, {@code src/extrapolate/gnn_extrapolate.py}).
 *
 * <p>As there: node features are the one-hot label joined to the embedding; edges join each example to its k nearest
 * (k = 10) weighted {@code exp(-d / 2)}; three graph convolutions with ReLU and dropout 0.5 between them; mean squared
 * error on the scored examples; Adam at 0.01; 10% of the scored examples held out to pick the epoch whose predictions
 * rank them best. Differences, for a CPU and DL4J's sizes: hidden widths 64 and 32 (the paper's 512 and 256 were
 * trained on a GPU), full-batch training for a fixed number of epochs (the paper samples neighbourhoods), the graph
 * made symmetric, embedding columns and scores standardised (a ranking is unchanged by it). Built on ND4J products and
 * a sparse propagation in Java; deterministic for a seed.
 */
public final class GraphExtrapolator implements Extrapolator {
    private static final Logger log = LoggerFactory.getLogger(GraphExtrapolator.class);

    private final int k;
    private final int hidden1;
    private final int hidden2;
    private final int epochs;
    private final double learningRate;
    private final double dropout;
    private final long seed;

    private GraphExtrapolator(int k, int hidden1, int hidden2, int epochs, double learningRate, double dropout,
                              long seed) {
        checkArgument(k >= 1, "k (neighbours) must be at least 1, got %s", k);
        checkArgument(hidden1 >= 1 && hidden2 >= 1, "hidden widths must be at least 1, got %s and %s", hidden1,
                hidden2);
        checkArgument(epochs >= 1, "epochs must be at least 1, got %s", epochs);
        checkArgument(learningRate > 0, "learningRate must be positive, got %s", (Object) learningRate);
        checkArgument(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got %s", (Object) dropout);
        this.k = k;
        this.hidden1 = hidden1;
        this.hidden2 = hidden2;
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.dropout = dropout;
        this.seed = seed;
    }

    /** The defaults: k = 10, widths 64 and 32, 200 epochs, Adam 0.01, dropout 0.5. */
    public static GraphExtrapolator defaults(long seed) {
        return new GraphExtrapolator(10, 64, 32, 200, 0.01, 0.5, seed);
    }

    /** A copy with other sizes: neighbours, the two hidden widths and the training epochs. */
    public GraphExtrapolator withSizes(int neighbours, int width1, int width2, int trainingEpochs) {
        return new GraphExtrapolator(neighbours, width1, width2, trainingEpochs, learningRate, dropout, seed);
    }

    @Override
    public double[] extrapolate(INDArray embeddings, int[] labels, int numClasses, int[] scoredIds,
                                double[] scoredValues) {
        return extrapolateEach(embeddings, labels, numClasses, scoredIds, List.of(scoredValues)).get(0);
    }

    /** One neighbour graph, one network trained per score. */
    @Override
    public List<double[]> extrapolateEach(INDArray embeddings, int[] labels, int numClasses, int[] scoredIds,
                                          List<double[]> scoredValues) {
        requireNonNull(embeddings, "embeddings");
        int n = (int) embeddings.rows();
        checkArgument(labels.length == n, "%s labels for %s embeddings", labels.length, n);
        for (double[] values : scoredValues) {
            checkArgument(scoredIds.length == values.length, "%s scored ids but %s values", scoredIds.length,
                    values.length);
        }
        checkArgument(scoredIds.length >= 10, "a graph network needs at least 10 scored examples (9 to fit, 1 to"
                + " pick the epoch), got %s", scoredIds.length);
        checkArgument(k < n, "k=%s neighbours need more than %s examples", k, n);
        List<double[]> out = new ArrayList<>();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long t0 = System.nanoTime();
            INDArray x = standardised(embeddings);
            NeighbourGraph graph = NeighbourGraph.knn(x, k, 1024);
            INDArray labelColumns = oneHot(labels, numClasses);
            INDArray features = Nd4j.hstack(labelColumns, x);
            OffHeap.release(x, labelColumns);
            INDArray propagated = graph.propagate(features);
            OffHeap.release(features);
            log.info("Graph extrapolation: {} nodes, {} edges with self loops, built in {} s", n, graph.entries(),
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
            for (double[] values : scoredValues) {
                double[] predicted = train(graph, propagated, scoredIds, values);
                for (int j = 0; j < scoredIds.length; j++) {
                    predicted[scoredIds[j]] = values[j];
                }
                out.add(predicted);
            }
            OffHeap.release(propagated);
        }
        return out;
    }

    private double[] train(NeighbourGraph graph, INDArray p, int[] scoredIds, double[] scoredValues) {
        int n = graph.size();
        int m = scoredIds.length;
        double mean = Arrays.stream(scoredValues).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(scoredValues).map(v -> (v - mean) * (v - mean)).sum() / m);
        double scale = sd > 0 ? sd : 1;
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = shuffled(m, random);
        int validation = Math.max(1, m / 10);
        int[] fitRows = new int[m - validation];
        float[] fitTargets = new float[m - validation];
        for (int i = 0; i < m - validation; i++) {
            fitRows[i] = scoredIds[order[i]];
            fitTargets[i] = (float) ((scoredValues[order[i]] - mean) / scale);
        }
        double[] valTruth = new double[validation];
        int[] valRows = new int[validation];
        for (int i = 0; i < validation; i++) {
            valRows[i] = scoredIds[order[m - validation + i]];
            valTruth[i] = scoredValues[order[m - validation + i]];
        }
        GcnWeights w = new GcnWeights((int) p.columns(), hidden1, hidden2, random);
        double[] best = null;
        double bestRank = Double.NEGATIVE_INFINITY;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            w.step(graph, p, fitRows, fitTargets, dropout, random, learningRate);
            if (epoch % 10 == 0 || epoch == epochs) {
                float[] predicted = w.predict(graph, p);
                double[] guess = new double[validation];
                for (int i = 0; i < validation; i++) {
                    guess[i] = predicted[valRows[i]];
                }
                double rank = validation >= 2 ? Spearman.correlation(valTruth, guess) : 0;
                rank = Double.isNaN(rank) ? -1 : rank;
                if (rank > bestRank) {
                    bestRank = rank;
                    best = new double[n];
                    for (int i = 0; i < n; i++) {
                        best[i] = predicted[i] * scale + mean;
                    }
                }
            }
        }
        log.info("Graph extrapolation: best held-out rank correlation {} over {} epochs",
                String.format(Locale.ROOT, "%.3f", bestRank), epochs);
        w.release();
        return best;
    }

    private static int[] shuffled(int m, SplittableRandom random) {
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Each column to mean 0 and standard deviation 1 (a constant column to 0), as floats. */
    private static INDArray standardised(INDArray embeddings) {
        INDArray x = embeddings.castTo(DataType.FLOAT).dup('c');
        INDArray mean = x.mean(0);
        INDArray sd = x.std(false, 0).addi(1e-6f);
        x.subiRowVector(mean).diviRowVector(sd);
        OffHeap.release(mean, sd);
        return x;
    }

    private static INDArray oneHot(int[] labels, int numClasses) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1f);
        }
        return y;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "graph network (GCN, k=%d, widths %d and %d, %d epochs)", k, hidden1,
                hidden2, epochs);
    }
}
