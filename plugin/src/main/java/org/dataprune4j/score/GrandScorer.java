package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * GraNd, the norm of each example's loss gradient at initialisation, averaged over several fresh
 * initialisations (Paul et al. 2021).
 *
 * <p>Uses the last layer's closed form: for softmax with cross-entropy, the gradient of one example with
 * respect to the output layer's weights and bias is (p - y) outer [h, 1], whose norm is
 * ||p - y|| * sqrt(||h||^2 + 1). Measurements of this method (see the project's research notes) found its
 * ranking far from EL2N's and, in a published replication, no better than random for pruning: compare it
 * against {@code RandomRule} before relying on it. It is not the default.
 */
public final class GrandScorer implements ExampleScorer {
    private final double[] sums;
    private final int[] counts;

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     */
    public GrandScorer(int numExamples) {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        this.sums = new double[numExamples];
        this.counts = new int[numExamples];
    }

    /** The closed-form last-layer gradient norm of one example. */
    public static double lastLayerGradientNorm(double residualNorm, double penultimateSquaredNorm) {
        return residualNorm * Math.sqrt(penultimateSquaredNorm + 1.0);
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.GRAND;
    }

    @Override
    public ScoreInput input() {
        return ScoreInput.FRESH_INITIALISATIONS;
    }

    @Override
    public void observe(ScoredBatch batch) {
        for (int r = 0; r < batch.size(); r++) {
            int id = batch.id(r);
            sums[id] += lastLayerGradientNorm(batch.residualNorm(r), batch.penultimateSquaredNorm(r));
            counts[id]++;
        }
    }

    @Override
    public double[] snapshot() {
        double[] s = new double[2 * sums.length];
        for (int i = 0; i < sums.length; i++) {
            s[i] = sums[i];
            s[sums.length + i] = counts[i];
        }
        return s;
    }

    @Override
    public void restore(double[] snapshot) {
        checkArgument(snapshot.length == 2 * sums.length, "a GraNd snapshot of length %s does not fit %s examples",
                snapshot.length, sums.length);
        for (int i = 0; i < sums.length; i++) {
            sums[i] = snapshot[i];
            counts[i] = (int) snapshot[sums.length + i];
        }
    }

    @Override
    public double[] scores() {
        double[] mean = new double[sums.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
        }
        return Scores.checkAllScored(kind(), mean);
    }
}
