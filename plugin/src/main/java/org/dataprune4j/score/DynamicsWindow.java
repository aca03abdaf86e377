package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * The sliding window of the training-dynamics scores ({@link ScoreKind#DYNAMIC_UNCERTAINTY}, {@link ScoreKind#TDDS},
 * {@link ScoreKind#DUAL}): how many consecutive presentations of an example (one a scoring epoch) each window spans,
 * and the weight TDDS's moving average gives its newest window. Immutable.
 *
 * <p>The papers' defaults are a window of 10 epochs and a decay of 0.9; their scoring runs are tens of epochs long.
 * A window needs as many scoring epochs as {@link #presentationsNeeded(ScoreKind)} says; the listener's builder
 * checks that against its schedule.
 *
 * @param epochs presentations per window, at least 2 (TDDS: at least 3, since its window holds epochs - 1 changes
 *     and the spread of one change is 0)
 * @param tddsDecay the weight of the newest window in TDDS's exponential moving average, in (0, 1]
 */
public record DynamicsWindow(int epochs, double tddsDecay) {
    /** The papers' window: 10 epochs. */
    public static final int DEFAULT_EPOCHS = 10;
    /** TDDS's decay in its public code ({@code importance_evaluation.py}, {@code --decay 0.9}). */
    public static final double DEFAULT_TDDS_DECAY = 0.9;

    /** Validates both fields. */
    public DynamicsWindow {
        checkArgument(epochs >= 2, "a training-dynamics window spans at least 2 epochs, got %s", epochs);
        checkArgument(tddsDecay > 0 && tddsDecay <= 1, "tddsDecay must be in (0, 1], got %s", (Object) tddsDecay);
    }

    /** The papers' window (10 epochs, decay 0.9). */
    public static DynamicsWindow defaults() {
        return new DynamicsWindow(DEFAULT_EPOCHS, DEFAULT_TDDS_DECAY);
    }

    /** A window of {@code epochs} presentations and TDDS's default decay. */
    public static DynamicsWindow of(int epochs) {
        return new DynamicsWindow(epochs, DEFAULT_TDDS_DECAY);
    }

    /** A copy with another TDDS decay. */
    public DynamicsWindow withTddsDecay(double decay) {
        return new DynamicsWindow(epochs, decay);
    }

    /**
     * The presentations of every example a score needs before it has a value: Dynamic Uncertainty epochs + 1 (its
     * public code averages the windows that end before the last epoch), TDDS and DUAL one window, other scores 1.
     */
    public int presentationsNeeded(ScoreKind kind) {
        return switch (kind) {
            case DYNAMIC_UNCERTAINTY -> epochs + 1;
            case TDDS, DUAL -> epochs;
            default -> 1;
        };
    }

    /**
     * Checks that this window can compute {@code kind}.
     *
     * @throws IllegalArgumentException for TDDS with a window of 2 (one change per window: its spread is always 0)
     */
    public void checkFor(ScoreKind kind) {
        checkArgument(kind != ScoreKind.TDDS || epochs >= 3, "TDDS measures the spread of the %s change(s) of the"
                + " outputs inside a window of %s epochs, which is always 0; use a window of at least 3 epochs",
                epochs - 1, epochs);
    }

    /** For logs: e.g. {@code window 10 epochs, TDDS decay 0.9}. */
    public String describe() {
        return String.format(Locale.ROOT, "window %d epochs, TDDS decay %s", epochs, tddsDecay);
    }
}
