package org.dataprune4j.tune;

/**
 * What the tuner optimises on the validation set.
 */
public enum Objective {
    /** Classification accuracy, maximised (the default). */
    ACCURACY(false),
    /** Average loss of the network's loss function, minimised. */
    LOSS(true);

    private final boolean minimize;

    Objective(boolean minimize) {
        this.minimize = minimize;
    }

    /** Whether lower is better. */
    public boolean minimize() {
        return minimize;
    }

    /** Whether {@code a} is better than {@code b}. */
    public boolean better(double a, double b) {
        return minimize ? a < b : a > b;
    }
}
