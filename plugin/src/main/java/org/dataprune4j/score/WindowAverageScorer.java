package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A score averaged over sliding windows of an example's probability of its labelled class, one value per presentation
 * (Dynamic Uncertainty, DUAL): 4 x window + 8 bytes an example.
 */
abstract class WindowAverageScorer implements ExampleScorer {
    private final int window;
    private final ProbabilityWindow probabilities;
    private final float[] windowSums;

    WindowAverageScorer(int numExamples, DynamicsWindow window) {
        this.window = window.epochs();
        this.probabilities = new ProbabilityWindow(numExamples, this.window);
        this.windowSums = new float[numExamples];
    }

    /** Whether the window that ends at the latest presentation counts (DUAL) or only those before it (DynUnc). */
    abstract boolean countsLatestWindow();

    /** The value of one full window. */
    abstract double windowValue(ProbabilityWindow values, int id);

    @Override
    public final ScoreInput input() {
        return ScoreInput.TRAINING_PASSES;
    }

    @Override
    public final void observe(ScoredBatch batch) {
        for (int r = 0; r < batch.size(); r++) {
            int id = batch.id(r);
            if (!countsLatestWindow() && probabilities.presentations(id) >= window) {
                windowSums[id] += (float) windowValue(probabilities, id);
            }
            probabilities.push(id, batch.probability(r, batch.label(r)));
            if (countsLatestWindow() && probabilities.presentations(id) >= window) {
                windowSums[id] += (float) windowValue(probabilities, id);
            }
        }
    }

    private int windows(int id) {
        return Math.max(0, probabilities.presentations(id) - window + (countsLatestWindow() ? 1 : 0));
    }

    @Override
    public final double[] scores() {
        int n = windowSums.length;
        double[] scores = new double[n];
        int tooFew = 0;
        int first = -1;
        for (int id = 0; id < n; id++) {
            int w = windows(id);
            if (w == 0) {
                tooFew++;
                first = first < 0 ? id : first;
            }
            scores[id] = w == 0 ? Double.NaN : windowSums[id] / w;
        }
        if (tooFew > 0) {
            int needed = window + (countsLatestWindow() ? 0 : 1);
            throw new IllegalStateException(tooFew + " of " + n + " examples have too few presentations for " + kind()
                    + " (the first is id " + first + ", with " + probabilities.presentations(first) + "): a window of "
                    + window + " epochs needs " + needed + " training passes of every example. Score over more"
                    + " epochs or use a shorter window (PruningListenerBuilder.dynamicsWindow).");
        }
        return scores;
    }

    /** The window sums, then the probability rings and presentation counts. */
    @Override
    public final double[] snapshot() {
        double[] rings = probabilities.snapshot();
        double[] s = new double[windowSums.length + rings.length];
        for (int i = 0; i < windowSums.length; i++) {
            s[i] = windowSums[i];
        }
        System.arraycopy(rings, 0, s, windowSums.length, rings.length);
        return s;
    }

    @Override
    public final void restore(double[] snapshot) {
        checkArgument(snapshot.length == windowSums.length + probabilities.snapshotLength(), "a %s snapshot of %s"
                + " numbers does not fit %s examples and a window of %s", kind(), snapshot.length, windowSums.length,
                window);
        for (int i = 0; i < windowSums.length; i++) {
            windowSums[i] = (float) snapshot[i];
        }
        probabilities.restore(snapshot, windowSums.length);
    }
}
