package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.extrapolate.Extrapolator;
import org.dataprune4j.extrapolate.KnnExtrapolator;
import org.dataprune4j.extrapolate.Spearman;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.internal.Shuffle;
import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.score.DynamicsWindow;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Score extrapolation as the seed paper does it ("Effective Data Pruning through Score Extrapolation", 2025): train a
 * fresh model on a small random subset for the scoring epochs with a score that needs training dynamics (Dynamic
 * Uncertainty, TDDS, DUAL, or any score from the training passes), embed every example with that model, predict the
 * score of every other example from the embeddings ({@link KnnExtrapolator} or
 * {@link org.dataprune4j.extrapolate.GraphExtrapolator}), then prune the real run from its first epoch:
 *
 * <pre>{@code
 * ExtrapolatedScores tdds = SubsetScoring.builder(ScoreKind.TDDS).scoredFraction(0.1).epochs(10)
 *         .window(DynamicsWindow.of(5)).build().score(iterator, freshCopyOfTheNetwork);
 * net.setListeners(PruningListener.builder(iterator, tdds.schedule(ScoreRangeRule.keepHardest(0.5))).build());
 * net.fit(iterator, epochs);   // its ledger counts the subset run's examples and time
 * }</pre>
 *
 * <p>Immutable. The subset run trains the model it is given (never the user's model in training: give it a fresh
 * network of the same configuration), with the iterator's pre-processor but not its augmentation, and replaces that
 * model's listeners.
 */
public final class SubsetScoring {
    private static final Logger log = LoggerFactory.getLogger(SubsetScoring.class);

    private final ScoreKind kind;
    private final double scoredFraction;
    private final int epochs;
    private final DynamicsWindow window;
    private final int batchSize;
    private final Extrapolator extrapolator;
    private final double holdoutFraction;
    private final long seed;
    private final EmbeddingSpec embedding;
    private final List<ScoreKind> alsoScore;

    private SubsetScoring(Builder b) {
        this.kind = b.kind;
        this.scoredFraction = b.scoredFraction;
        this.epochs = b.epochs;
        this.window = b.window;
        this.batchSize = b.batchSize;
        this.extrapolator = b.extrapolator;
        this.holdoutFraction = b.holdoutFraction;
        this.seed = b.seed;
        this.embedding = b.embedding;
        this.alsoScore = List.copyOf(b.alsoScore);
    }

    /** Starts a subset scoring of {@code kind}, a score the training passes compute. */
    public static Builder builder(ScoreKind kind) {
        return new Builder(kind);
    }

    /**
     * Runs the subset training, the embedding and the prediction.
     *
     * @param data the training data the real run will prune (read outside training, in id order)
     * @param freshModel an initialised network of the real run's configuration, trained here on the subset
     * @return every example's score and the run's cost
     * @throws IllegalArgumentException if the subset is too small for the extrapolation, or the model is neither a
     *     MultiLayerNetwork nor a ComputationGraph
     */
    public ExtrapolatedScores score(PruningIterator data, Model freshModel) {
        return scoreEach(data, freshModel).get(kind);
    }

    /**
     * As {@link #score}, for the builder's score and every score given to {@code alsoScore}: one subset run, one
     * embedding pass, one prediction per score (the run's time is reported in each).
     *
     * @return the scores by kind, the builder's first
     */
    public Map<ScoreKind, ExtrapolatedScores> scoreEach(PruningIterator data, Model freshModel) {
        requireNonNull(data, "data");
        requireNonNull(freshModel, "freshModel");
        checkArgument(freshModel instanceof MultiLayerNetwork || freshModel instanceof ComputationGraph, "the subset"
                + " run trains a MultiLayerNetwork or a ComputationGraph, got %s", freshModel.getClass().getName());
        int n = data.numExamples();
        int[] labels = data.labelIndices();
        int numClasses = Arrays.stream(labels).max().orElse(0) + 1;
        int[] ids = subset(n);
        checkArgument(ids.length >= 20, "scoredFraction %s of %s examples scores %s; the subset needs at least 20"
                + " (to fit and to measure the prediction): raise scoredFraction", scoredFraction, n, ids.length);

        long t0 = System.nanoTime();
        PruningIterator subset = PruningIterator.builder(gather(data, ids), batchSize).seed(seed).build();
        PruningListener listener = PruningListener.builder(subset, ScoreRangeRule.quantiles(0, 1)).score(kind)
                .alsoCompute(alsoScore.toArray(new ScoreKind[0])).warmupEpochs(epochs).dynamicsWindow(window)
                .outliers(0).build();
        freshModel.setListeners(listener);
        if (freshModel instanceof MultiLayerNetwork net) {
            net.fit(subset, epochs);
        } else {
            ((ComputationGraph) freshModel).fit(subset, epochs);
        }
        List<ScoreKind> kinds = new ArrayList<>();
        kinds.add(kind);
        alsoScore.stream().filter(k -> k != kind).forEach(kinds::add);
        List<double[]> subsetScores = kinds.stream().map(k -> listener.scoresAtSwap().scores(k)).toList();
        long trained = listener.ledger().examplesTrained();
        freshModel.setListeners();
        long t1 = System.nanoTime();
        INDArray embeddings = embedding.embed(TrainedModel.of(freshModel, numClasses), n,
                consumer -> data.passes().forEachInIdOrder(ExampleSource.allIds(n), 1024, consumer));
        long t2 = System.nanoTime();
        double[] spearman = heldOut(embeddings, labels, numClasses, ids, subsetScores);
        List<double[]> scores = extrapolator.extrapolateEach(embeddings, labels, numClasses, ids, subsetScores);
        OffHeap.release(embeddings);
        long t3 = System.nanoTime();
        Map<ScoreKind, ExtrapolatedScores> out = new LinkedHashMap<>();
        for (int i = 0; i < kinds.size(); i++) {
            ExtrapolatedScores e = new ExtrapolatedScores(kinds.get(i), scores.get(i), ids, spearman[i],
                    extrapolator.describe(), trained, n, Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                    Duration.ofNanos(t3 - t2));
            log.info("DataPrune4J: {}", e.describe());
            out.put(kinds.get(i), e);
        }
        return out;
    }

    /** round(scoredFraction x n) distinct ids drawn with the seed, ascending. */
    private int[] subset(int n) {
        int[] all = ExampleSource.allIds(n);
        Shuffle.inPlace(all, new SplittableRandom(seed));
        int[] ids = Arrays.copyOf(all, (int) Math.round(scoredFraction * n));
        Arrays.sort(ids);
        return ids;
    }

    private DataSet gather(PruningIterator data, int[] ids) {
        List<DataSet> parts = new ArrayList<>();
        data.passes().forEachInIdOrder(ids, 1024, (batchIds, batch) -> parts.add(batch.copy()));
        return DataSet.merge(parts);
    }

    /** Per score, the rank correlation of predicted and computed scores on a held-out part of the subset, or NaN. */
    private double[] heldOut(INDArray embeddings, int[] labels, int numClasses, int[] ids, List<double[]> values) {
        int m = ids.length;
        int h = (int) Math.round(holdoutFraction * m);
        double[] rank = new double[values.size()];
        Arrays.fill(rank, Double.NaN);
        if (h < 2) {
            return rank;
        }
        int[] order = ExampleSource.allIds(m);
        Shuffle.inPlace(order, new SplittableRandom(seed ^ 0x5DEECE66DL));
        int[] fitIds = new int[m - h];
        List<double[]> fitValues = new ArrayList<>();
        for (double[] v : values) {
            double[] f = new double[m - h];
            for (int i = 0; i < m - h; i++) {
                f[i] = v[order[i]];
            }
            fitValues.add(f);
        }
        for (int i = 0; i < m - h; i++) {
            fitIds[i] = ids[order[i]];
        }
        List<double[]> predicted = extrapolator.extrapolateEach(embeddings, labels, numClasses, fitIds, fitValues);
        for (int s = 0; s < values.size(); s++) {
            double[] truth = new double[h];
            double[] guess = new double[h];
            for (int i = 0; i < h; i++) {
                truth[i] = values.get(s)[order[m - h + i]];
                guess[i] = predicted.get(s)[ids[order[m - h + i]]];
            }
            rank[s] = Spearman.correlation(truth, guess);
        }
        return rank;
    }

    /** Builds a {@link SubsetScoring}; every option has a default. */
    public static final class Builder {
        private final ScoreKind kind;
        private double scoredFraction = 0.1;
        private int epochs;
        private DynamicsWindow window = DynamicsWindow.defaults();
        private int batchSize = 128;
        private Extrapolator extrapolator = KnnExtrapolator.of(10, 1024);
        private double holdoutFraction = 0.2;
        private long seed = Defaults.SEED;
        private EmbeddingSpec embedding = EmbeddingSpec.lastHiddenLayer();
        private final Set<ScoreKind> alsoScore = new LinkedHashSet<>();

        private Builder(ScoreKind kind) {
            this.kind = requireNonNull(kind, "kind");
            checkArgument(kind != ScoreKind.GRAND && kind != ScoreKind.PROTOTYPE && kind != ScoreKind.PROTOTYPE_CLASS,
                    "%s is not computed by training: extrapolate it inside the run with"
                            + " PruningListenerBuilder.extrapolate(ScoreExtrapolation.of(...))", kind);
        }

        /** Scores computed and predicted beside the builder's by the same subset run ({@link #scoreEach}). */
        public Builder alsoScore(ScoreKind... kinds) {
            for (ScoreKind k : kinds) {
                checkArgument(k != ScoreKind.GRAND && k != ScoreKind.PROTOTYPE && k != ScoreKind.PROTOTYPE_CLASS,
                        "%s is not computed by training", k);
                alsoScore.add(k);
            }
            return this;
        }

        /** Share of the examples the subset run trains and scores, in (0, 1) (default 0.1). */
        public Builder scoredFraction(double fraction) {
            checkArgument(fraction > 0 && fraction < 1, "scoredFraction must be in (0, 1), got %s", (Object) fraction);
            this.scoredFraction = fraction;
            return this;
        }

        /** Epochs of the subset run, all scored (default: what the window needs, e.g. 10 for TDDS's 10). */
        public Builder epochs(int n) {
            checkArgument(n >= 1, "epochs must be at least 1, got %s", n);
            this.epochs = n;
            return this;
        }

        /** The training-dynamics window (default {@link DynamicsWindow#defaults()}). */
        public Builder window(DynamicsWindow w) {
            this.window = requireNonNull(w, "window");
            return this;
        }

        /** Batch size of the subset run (default 128). */
        public Builder batchSize(int size) {
            checkArgument(size >= 1, "batchSize must be at least 1, got %s", size);
            this.batchSize = size;
            return this;
        }

        /** How the rest is predicted (default kNN, 10 neighbours). */
        public Builder extrapolator(Extrapolator e) {
            this.extrapolator = requireNonNull(e, "extrapolator");
            return this;
        }

        /** Share of the subset held out to measure the prediction's rank correlation, in [0, 1) (default 0.2). */
        public Builder holdoutFraction(double fraction) {
            checkArgument(fraction >= 0 && fraction < 1, "holdoutFraction must be in [0, 1), got %s",
                    (Object) fraction);
            this.holdoutFraction = fraction;
            return this;
        }

        /** Seed of the subset draw and the subset run's shuffling (default 42). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Which layer of the subset model embeds the examples (default its last hidden layer). */
        public Builder embedding(EmbeddingSpec spec) {
            this.embedding = requireNonNull(spec, "embedding");
            return this;
        }

        /**
         * Builds.
         *
         * @throws IllegalArgumentException if the epochs cannot fill the window the score needs
         */
        public SubsetScoring build() {
            int needed = window.presentationsNeeded(kind);
            window.checkFor(kind);
            for (ScoreKind k : alsoScore) {
                window.checkFor(k);
                needed = Math.max(needed, window.presentationsNeeded(k));
            }
            if (epochs == 0) {
                epochs = Math.max(needed, 2);
            }
            checkArgument(epochs >= needed, "%s over a window of %s epochs needs %s epochs of the subset run, got"
                    + " epochs(%s): raise epochs or shorten the window", kind, window.epochs(), needed, epochs);
            return new SubsetScoring(this);
        }
    }
}
