package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Forgetting events (Toneva et al. 2019, "An Empirical Study of Example Forgetting"): per example, how many
 * times it went from classified correctly to incorrectly between successive training presentations.
 *
 * <p>An example never classified correctly ranks as most forgotten: its score is its number of
 * presentations, which exceeds any possible count of forgetting events. Over only a few warm-up epochs
 * most examples tie at zero (the rules break ties in a pseudo-random order fixed per id) and the ranking carries little signal;
 * it becomes meaningful over many epochs.
 *
 * <p>Each example's state is packed into one int (4 bytes an example): its last outcome, whether it was ever
 * learned, up to 16,383 forgetting events and up to 32,767 presentations; counts stop at those caps, far beyond
 * any training run's epochs.
 */
public final class ForgettingScorer implements ExampleScorer {
    private static final int UNSEEN = 0;
    private static final int WAS_CORRECT = 1;
    private static final int WAS_WRONG = 2;
    private static final int LAST_MASK = 0b11;
    private static final int EVER_LEARNED = 0b100;
    private static final int EVENTS_SHIFT = 3;
    private static final int MAX_EVENTS = (1 << 14) - 1;
    private static final int PRESENTATIONS_SHIFT = 17;
    private static final int MAX_PRESENTATIONS = (1 << 15) - 1;

    /** Per example: bits 0-1 last outcome, bit 2 ever learned, bits 3-16 events, bits 17-31 presentations. */
    private final int[] state;

    /**
     * @param numExamples number of example ids, 0 to numExamples - 1
     */
    public ForgettingScorer(int numExamples) {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        this.state = new int[numExamples];
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
            int s = state[id];
            boolean correct = batch.correct(r);
            int events = events(s) + (!correct && last(s) == WAS_CORRECT ? 1 : 0);
            boolean everLearned = everLearned(s) || correct;
            state[id] = pack(correct ? WAS_CORRECT : WAS_WRONG, everLearned, events, presentations(s) + 1);
        }
    }

    private static int pack(int last, boolean everLearned, int events, int presentations) {
        return last | (everLearned ? EVER_LEARNED : 0) | Math.min(events, MAX_EVENTS) << EVENTS_SHIFT
                | Math.min(presentations, MAX_PRESENTATIONS) << PRESENTATIONS_SHIFT;
    }

    private static int last(int s) {
        return s & LAST_MASK;
    }

    private static boolean everLearned(int s) {
        return (s & EVER_LEARNED) != 0;
    }

    private static int events(int s) {
        return (s >>> EVENTS_SHIFT) & MAX_EVENTS;
    }

    private static int presentations(int s) {
        return s >>> PRESENTATIONS_SHIFT;
    }

    /** Four blocks of n values: last outcome, ever learned (0/1), events, presentations. */
    @Override
    public double[] snapshot() {
        int n = state.length;
        double[] s = new double[4 * n];
        for (int i = 0; i < n; i++) {
            s[i] = last(state[i]);
            s[n + i] = everLearned(state[i]) ? 1 : 0;
            s[2 * n + i] = events(state[i]);
            s[3 * n + i] = presentations(state[i]);
        }
        return s;
    }

    @Override
    public void restore(double[] snapshot) {
        int n = state.length;
        checkArgument(snapshot.length == 4 * n, "a forgetting snapshot of length %s does not fit %s examples",
                snapshot.length, n);
        for (int i = 0; i < n; i++) {
            state[i] = pack((int) snapshot[i], snapshot[n + i] != 0, (int) snapshot[2 * n + i],
                    (int) snapshot[3 * n + i]);
        }
    }

    @Override
    public double[] scores() {
        double[] scores = new double[state.length];
        for (int i = 0; i < scores.length; i++) {
            int s = state[i];
            if (last(s) == UNSEEN) {
                scores[i] = Double.NaN;
            } else {
                scores[i] = everLearned(s) ? events(s) : presentations(s);
            }
        }
        return Scores.checkAllScored(kind(), scores);
    }
}
