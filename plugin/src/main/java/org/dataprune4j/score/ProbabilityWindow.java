package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Per example, the probability of its labelled class at its last {@code window} presentations (a ring of floats) and
 * how many presentations it has had, for the window scores (Dynamic Uncertainty, DUAL). 4 x window + 4 bytes an
 * example.
 */
final class ProbabilityWindow {
    private final int window;
    private final float[] ring;
    private final int[] presentations;

    ProbabilityWindow(int numExamples, int window) {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        this.window = window;
        this.ring = new float[Math.multiplyExact(numExamples, window)];
        this.presentations = new int[numExamples];
    }

    int size() {
        return presentations.length;
    }

    int presentations(int id) {
        return presentations[id];
    }

    /** Appends one presentation's probability, overwriting the oldest once the window is full. */
    void push(int id, double probability) {
        ring[id * window + presentations[id] % window] = (float) probability;
        presentations[id]++;
    }

    /** The mean of the window's values; only when the window is full. */
    double mean(int id) {
        double sum = 0;
        for (int i = 0; i < window; i++) {
            sum += ring[id * window + i];
        }
        return sum / window;
    }

    /** The sample standard deviation (n - 1 in the denominator, as torch.std) of the window; only when it is full. */
    double std(int id) {
        double mean = mean(id);
        double ss = 0;
        for (int i = 0; i < window; i++) {
            double d = ring[id * window + i] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (window - 1));
    }

    /** The state as numbers: the rings, then the presentation counts. */
    double[] snapshot() {
        double[] s = new double[ring.length + presentations.length];
        for (int i = 0; i < ring.length; i++) {
            s[i] = ring[i];
        }
        for (int i = 0; i < presentations.length; i++) {
            s[ring.length + i] = presentations[i];
        }
        return s;
    }

    /** Restores {@link #snapshot()}'s numbers from {@code offset} on; returns the offset after them. */
    int restore(double[] s, int offset) {
        checkArgument(s.length >= offset + ring.length + presentations.length, "a snapshot of %s numbers does not fit"
                + " a window of %s epochs over %s examples", s.length, window, presentations.length);
        for (int i = 0; i < ring.length; i++) {
            ring[i] = (float) s[offset + i];
        }
        for (int i = 0; i < presentations.length; i++) {
            presentations[i] = (int) s[offset + ring.length + i];
        }
        return offset + ring.length + presentations.length;
    }

    /** Numbers in a snapshot. */
    int snapshotLength() {
        return ring.length + presentations.length;
    }

    @Override
    public String toString() {
        return "ProbabilityWindow{" + window + " epochs, " + presentations.length + " examples, first "
                + Arrays.toString(Arrays.copyOf(presentations, Math.min(3, presentations.length))) + "}";
    }
}
