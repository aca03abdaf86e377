package org.dataprune4j.extrapolate;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.internal.OffHeap;
import org.dataprune4j.score.ScoreKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Score extrapolation ("Effective Data Pruning through Score Extrapolation", 2025): compute one score only on a
 * random subset of the examples, then predict it for every other example from its nearest scored neighbours
 * in an embedding space. Part of the scored subset is held out to measure how well the prediction ranks.
 *
 * <pre>{@code
 * PruningListener.builder(iterator, ScoreRangeRule.keepHardest(0.5)).score(ScoreKind.GRAND)
 *         .extrapolate(ScoreExtrapolation.of(ScoreKind.GRAND, 0.1))   // GraNd on 10%, predicted for 90%
 *         .build();
 * }</pre>
 *
 * <p>It pays for scores computed by extra passes (GraNd over many initialisations, EL2N from an evaluation
 * pass): those passes run over the subset only. EL2N and forgetting from the training passes are free, so
 * extrapolating them saves nothing; it is allowed, to measure extrapolation quality against the full score.
 *
 * @param kind the extrapolated score; not a prototype score (those are computed from the embeddings anyway)
 * @param scoredFraction fraction of the examples actually scored, in (0, 1]
 * @param neighbours scored neighbours per prediction, at least 1 (default 10)
 * @param holdoutFraction fraction of the scored subset held out to measure the rank correlation, in [0, 1)
 *     (default 0.2; 0 skips the measurement)
 * @param seed seed of the subset and hold-out draws (default 42, the library's one default seed)
 */
public record ScoreExtrapolation(ScoreKind kind, double scoredFraction, int neighbours, double holdoutFraction,
                                 long seed) {
    /** Neighbours per prediction when none is given. */
    public static final int DEFAULT_NEIGHBOURS = 10;
    /** Held-out share of the scored subset when none is given. */
    public static final double DEFAULT_HOLDOUT = 0.2;

    /** Validates every field. */
    public ScoreExtrapolation {
        requireNonNull(kind, "kind");
        checkArgument(kind != ScoreKind.PROTOTYPE && kind != ScoreKind.PROTOTYPE_CLASS,
                "%s is computed from the embeddings for every example at little cost; extrapolate EL2N, GraNd or"
                        + " forgetting instead", kind);
        checkArgument(scoredFraction > 0 && scoredFraction <= 1, "scoredFraction must be in (0, 1]: the scored"
                + " subset can be neither empty nor larger than the data; got %s", (Object) scoredFraction);
        checkArgument(neighbours >= 1, "neighbours must be at least 1, got %s", neighbours);
        checkArgument(holdoutFraction >= 0 && holdoutFraction < 1, "holdoutFraction must be in [0, 1), got %s",
                (Object) holdoutFraction);
    }

    /** Extrapolates {@code kind} from a scored fraction, with the default neighbours, hold-out and seed. */
    public static ScoreExtrapolation of(ScoreKind kind, double scoredFraction) {
        return new ScoreExtrapolation(kind, scoredFraction, DEFAULT_NEIGHBOURS, DEFAULT_HOLDOUT, Defaults.SEED);
    }

    /** A copy with another number of neighbours. */
    public ScoreExtrapolation withNeighbours(int k) {
        return new ScoreExtrapolation(kind, scoredFraction, k, holdoutFraction, seed);
    }

    /** A copy with another hold-out fraction. */
    public ScoreExtrapolation withHoldout(double fraction) {
        return new ScoreExtrapolation(kind, scoredFraction, neighbours, fraction, seed);
    }

    /** A copy with another seed. */
    public ScoreExtrapolation withSeed(long newSeed) {
        return new ScoreExtrapolation(kind, scoredFraction, neighbours, holdoutFraction, newSeed);
    }

    /** Number of scored examples out of {@code n}: round(scoredFraction * n). */
    public int scoredCount(int n) {
        return (int) Math.round(scoredFraction * n);
    }

    /** Number of held-out examples among {@code scored}. */
    public int holdoutCount(int scored) {
        return (int) Math.round(holdoutFraction * scored);
    }

    /**
     * Checks that this setting can run on {@code n} examples.
     *
     * @throws IllegalArgumentException if the scored subset is empty, or too small for the neighbours and the
     *     hold-out measurement
     */
    public void check(int n) {
        int m = scoredCount(n);
        checkArgument(m >= 1, "scoredFraction %s of %s examples scores none: the scored subset is empty; raise it"
                + " to at least %s", scoredFraction, n, String.format(Locale.ROOT, "%.2g", 1.0 / n));
        int h = holdoutCount(m);
        checkArgument(holdoutFraction == 0 || h >= 2, "a hold-out of %s of %s scored examples is %s; the rank"
                + " correlation needs at least 2: raise scoredFraction or holdoutFraction, or set it to 0", holdoutFraction,
                m, h);
        checkArgument(m - h >= neighbours, "%s scored examples (%s held out) are fewer than the %s neighbours a"
                + " prediction needs; raise scoredFraction or lower neighbours", m, h, neighbours);
    }

    /**
     * Draws the scored subset of {@code n} examples.
     *
     * @return {@link #scoredCount(int)} distinct ids, ascending
     */
    public int[] scoredIds(int n) {
        check(n);
        int[] ids = partialShuffle(n, scoredCount(n), seed);
        Arrays.sort(ids);
        return ids;
    }

    private static int[] partialShuffle(int n, int count, long seed) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        return Arrays.copyOf(ids, count);
    }

    /** Extrapolated scores for every example and the summary of how it went. */
    public record Outcome(double[] scores, ExtrapolationSummary summary) {
    }

    /**
     * Measures the extrapolation on the hold-out, then predicts every unscored example from all scored ones.
     *
     * @param embeddings {@code [n, d]} embeddings, row = example id
     * @param scoredIds the subset from {@link #scoredIds(int)}
     * @param scoredValues their scores, in the same order
     * @param scoringSeconds time spent computing the subset's scores (0 when free from the training passes)
     * @param embeddingSeconds time spent computing the embeddings
     * @param scoredByExtraPasses whether the score needs extra passes (so scoring everything would have cost
     *     {@code scoringSeconds * n / scored})
     */
    public Outcome extrapolate(INDArray embeddings, int[] scoredIds, double[] scoredValues, double scoringSeconds,
                               double embeddingSeconds, boolean scoredByExtraPasses) {
        requireNonNull(embeddings, "embeddings");
        int n = (int) embeddings.rows();
        checkArgument(scoredIds.length == scoredValues.length, "%s scored ids but %s values", scoredIds.length,
                scoredValues.length);
        KnnExtrapolator knn = KnnExtrapolator.of(neighbours, 1024);
        long start = System.nanoTime();
        int m = scoredIds.length;
        int h = holdoutCount(m);
        double spearman = Double.NaN;
        if (h >= 2) {
            int[] order = partialShuffle(m, m, seed ^ 0x5DEECE66DL);
            int[] local = new int[m];
            double[] refValues = new double[m - h];
            for (int i = 0; i < m - h; i++) {
                local[i] = i;
                refValues[i] = scoredValues[order[i]];
            }
            int[] pullIds = new int[m];
            for (int i = 0; i < m; i++) {
                pullIds[i] = scoredIds[order[i]];
            }
            INDArray sub = Nd4j.pullRows(embeddings, 1, pullIds, 'c');
            double[] predicted = knn.extrapolate(sub, Arrays.copyOf(local, m - h), refValues);
            OffHeap.release(sub);
            double[] truth = new double[h];
            double[] guess = new double[h];
            for (int i = 0; i < h; i++) {
                truth[i] = scoredValues[order[m - h + i]];
                guess[i] = predicted[m - h + i];
            }
            spearman = Spearman.correlation(truth, guess);
        }
        double[] scores = knn.extrapolate(embeddings, scoredIds, scoredValues);
        double searchSeconds = (System.nanoTime() - start) / 1e9;
        double fullEstimate = scoredByExtraPasses ? scoringSeconds * n / m : 0;
        ExtrapolationSummary summary = new ExtrapolationSummary(kind, n, m, h, neighbours, spearman, scoringSeconds,
                fullEstimate, embeddingSeconds, searchSeconds, scoredByExtraPasses);
        return new Outcome(scores, summary);
    }

    /** A flat, readable view, for logs and run records. */
    public Map<String, String> toMap() {
        return ImmutableMap.of("kind", kind.name(), "scoredFraction", Double.toString(scoredFraction),
                "neighbours", Integer.toString(neighbours), "holdoutFraction", Double.toString(holdoutFraction),
                "seed", Long.toString(seed));
    }
}
