package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * TDDS, Temporal Dual-Depth Scoring (Zhang et al., CVPR 2024, "Spanning Training Progress: Temporal Dual-Depth Scoring
 * (TDDS) for Enhanced Dataset Pruning"). First depth: each presentation's contribution, the change of the example's
 * predicted distribution since its previous presentation, {@code sum_c |p_c (ln(p_c + 1e-8) - ln(q_c + 1e-8))|}
 * (q the previous distribution). Second depth: over each window of {@code window} presentations, the spread of its
 * {@code window - 1} contributions, {@code ||d - mean(d)||_2}; the windows are accumulated by an exponential moving
 * average whose newest window weighs {@code decay}. High = its contributions vary: kept.
 *
 * <p>As the authors' code computes it (github zhangxin-xd/Dataset-Pruning-TDDS, {@code importance_evaluation.py}):
 * the sum over windows k of {@code norm_k * decay * (1 - decay)^(T - window - k)} is exactly that moving average
 * started at 0, so it is kept online. The distributions are the softmax of the training-pass outputs, as that code
 * records them ({@code train.py}, train mode).
 *
 * <p>Memory: 4 x (classes + window) + 4 bytes an example: the previous distribution, the last {@code window - 1}
 * contributions, the average and a presentation count (84 bytes for 10 classes at the default window of 10).
 */
public final class TddsScorer implements ExampleScorer {
    private static final double EPS = 1e-8;

    private final int numClasses;
    private final int changes;
    private final double decay;
    private final float[] previous;
    private final float[] contributions;
    private final float[] average;
    private final int[] presentations;

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     * @param numClasses the classes of the output
     * @param window the window, at least 3 epochs
     */
    public TddsScorer(int numExamples, int numClasses, DynamicsWindow window) {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        checkArgument(numClasses >= 2, "TDDS needs at least 2 classes, got %s", numClasses);
        window.checkFor(ScoreKind.TDDS);
        this.numClasses = numClasses;
        this.changes = window.epochs() - 1;
        this.decay = window.tddsDecay();
        this.previous = new float[Math.multiplyExact(numExamples, numClasses)];
        this.contributions = new float[Math.multiplyExact(numExamples, changes)];
        this.average = new float[numExamples];
        this.presentations = new int[numExamples];
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.TDDS;
    }

    @Override
    public ScoreInput input() {
        return ScoreInput.TRAINING_PASSES;
    }

    @Override
    public void observe(ScoredBatch batch) {
        checkArgument(batch.size() == 0 || batch.numClasses() == numClasses, "TDDS was set up for %s classes; the"
                + " batch has %s", numClasses, batch.numClasses());
        for (int r = 0; r < batch.size(); r++) {
            int id = batch.id(r);
            int seen = presentations[id];
            if (seen > 0) {
                double d = 0;
                for (int c = 0; c < numClasses; c++) {
                    double p = batch.probability(r, c);
                    d += Math.abs(p * (Math.log(p + EPS) - Math.log(previous[id * numClasses + c] + EPS)));
                }
                contributions[id * changes + (seen - 1) % changes] = (float) d;
                if (seen >= changes) {
                    average[id] = (float) (decay * spread(id) + (1 - decay) * average[id]);
                }
            }
            for (int c = 0; c < numClasses; c++) {
                previous[id * numClasses + c] = (float) batch.probability(r, c);
            }
            presentations[id] = seen + 1;
        }
    }

    /** ||d - mean(d)||_2 over the window's contributions. */
    private double spread(int id) {
        double mean = 0;
        for (int i = 0; i < changes; i++) {
            mean += contributions[id * changes + i];
        }
        mean /= changes;
        double ss = 0;
        for (int i = 0; i < changes; i++) {
            double d = contributions[id * changes + i] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss);
    }

    @Override
    public double[] scores() {
        int n = average.length;
        double[] scores = new double[n];
        int tooFew = 0;
        int first = -1;
        for (int id = 0; id < n; id++) {
            if (presentations[id] < changes + 1) {
                tooFew++;
                first = first < 0 ? id : first;
            }
            scores[id] = average[id];
        }
        if (tooFew > 0) {
            throw new IllegalStateException(tooFew + " of " + n + " examples have too few presentations for TDDS (the"
                    + " first is id " + first + ", with " + presentations[first] + "): a window of " + (changes + 1)
                    + " epochs needs " + (changes + 1) + " training passes of every example. Score over more epochs"
                    + " or use a shorter window (PruningListenerBuilder.dynamicsWindow).");
        }
        return scores;
    }

    /** The averages, the presentation counts, the previous distributions, then the contributions. */
    @Override
    public double[] snapshot() {
        int n = average.length;
        double[] s = new double[2 * n + previous.length + contributions.length];
        for (int i = 0; i < n; i++) {
            s[i] = average[i];
            s[n + i] = presentations[i];
        }
        for (int i = 0; i < previous.length; i++) {
            s[2 * n + i] = previous[i];
        }
        for (int i = 0; i < contributions.length; i++) {
            s[2 * n + previous.length + i] = contributions[i];
        }
        return s;
    }

    @Override
    public void restore(double[] s) {
        int n = average.length;
        checkArgument(s.length == 2 * n + previous.length + contributions.length, "a TDDS snapshot of %s numbers does"
                + " not fit %s examples, %s classes and a window of %s", s.length, n, numClasses, changes + 1);
        for (int i = 0; i < n; i++) {
            average[i] = (float) s[i];
            presentations[i] = (int) s[n + i];
        }
        for (int i = 0; i < previous.length; i++) {
            previous[i] = (float) s[2 * n + i];
        }
        for (int i = 0; i < contributions.length; i++) {
            contributions[i] = (float) s[2 * n + previous.length + i];
        }
    }
}
