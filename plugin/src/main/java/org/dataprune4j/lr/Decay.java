package org.dataprune4j.lr;

/**
 * The shape of a {@link FittedSchedule}'s decay from its initial to its final value, over the share q in [0, 1] of
 * the run after the warm-up ramp.
 */
public enum Decay {
    /** Half a cosine: final + (initial - final) (1 + cos(pi q)) / 2 (Loshchilov and Hutter, SGDR, without restarts). */
    COSINE,
    /** A polynomial: final + (initial - final) (1 - q)^power; power 1 (the default) is a straight line. */
    POLYNOMIAL,
    /** Steps: initial * factor^k after the k-th of {@code steps} equally spaced drops; final = initial * factor^steps. */
    STEP;

    /** The value at share q of the decay. */
    double at(double q, double initial, double last, double power, int steps) {
        return switch (this) {
            case COSINE -> last + (initial - last) * (1 + Math.cos(Math.PI * q)) / 2;
            case POLYNOMIAL -> last + (initial - last) * Math.pow(1 - q, power);
            case STEP -> initial * Math.pow(last / initial, Math.min(steps, Math.floor(q * (steps + 1))) / steps);
        };
    }
}
