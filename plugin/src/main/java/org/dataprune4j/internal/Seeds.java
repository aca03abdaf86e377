package org.dataprune4j.internal;

/** The seeds of a run's numbered random streams (epoch orders, per-epoch draws), derived from one seed. */
public final class Seeds {
    /** 2^64 divided by the golden ratio: consecutive streams' seeds spread over the whole range. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** The seed of stream {@code k} of {@code seed}: {@code seed + GOLDEN * k}, so stream 0 is {@code seed} itself. */
    public static long stream(long seed, long k) {
        return seed + GOLDEN * k;
    }
}
