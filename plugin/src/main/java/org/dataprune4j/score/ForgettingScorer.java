package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Forgetting events (Toneva et al. 2019, "An Empirical Study of Example Forgetting"): per example, how many
 * times it went from classified correctly to incorrectly between successive training presentations.
 *
 * <p>An example never classified correctly ranks as most forgotten: its score is its number of
 * presentations, which exceeds any possible count of forgetting events. Over only a few warm-up epochs
 * most examples tie at zero (the rules break ties in a seeded random order) and the ranking carries little signal;
 * it becomes meaningful over many epochs.
 */
public final class ForgettingScorer implements ExampleScorer {
    private static final byte UNSEEN = 0;
    private static final byte WAS_CORRECT = 1;
    private static final byte WAS_WRONG = 2;

    private final byte[] last;
    private final boolean[] everLearned;
    private final int[] events;
    private final int[] presentations;

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     */
    public ForgettingScorer(int numExamples) {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        this.last = new byte[numExamples];
        this.everLearned = new boolean[numExamples];
        this.events = new int[numExamples];
        this.presentations = new int[numExamples];
    }

    @Override
    public ScoreKind kind() {
        return ScoreKind.FORGETTING;
    }

    @Override
    public ScoreInput input() {
        return ScoreInput.TRAINING_PASSES;
    }

    @Override
    public void observe(ScoredBatch batch) {
        for (int r = 0; r < batch.size(); r++) {
            int id = batch.id(r);
            boolean correct = batch.correct(r);
            if (!correct && last[id] == WAS_CORRECT) {
                events[id]++;
            }
            everLearned[id] |= correct;
            last[id] = correct ? WAS_CORRECT : WAS_WRONG;
            presentations[id]++;
        }
    }

    @Override
    public double[] snapshot() {
        int n = events.length;
        double[] s = new double[4 * n];
        for (int i = 0; i < n; i++) {
            s[i] = last[i];
            s[n + i] = everLearned[i] ? 1 : 0;
            s[2 * n + i] = events[i];
            s[3 * n + i] = presentations[i];
        }
        return s;
    }

    @Override
    public void restore(double[] snapshot) {
        int n = events.length;
        checkArgument(snapshot.length == 4 * n, "a forgetting snapshot of length %s does not fit %s examples",
                snapshot.length, n);
        for (int i = 0; i < n; i++) {
            last[i] = (byte) snapshot[i];
            everLearned[i] = snapshot[n + i] != 0;
            events[i] = (int) snapshot[2 * n + i];
            presentations[i] = (int) snapshot[3 * n + i];
        }
    }

    @Override
    public double[] scores() {
        double[] scores = new double[events.length];
        for (int i = 0; i < scores.length; i++) {
            if (last[i] == UNSEEN) {
                scores[i] = Double.NaN;
            } else {
                scores[i] = everLearned[i] ? events[i] : presentations[i];
            }
        }
        return Scores.checkAllScored(kind(), scores);
    }
}
