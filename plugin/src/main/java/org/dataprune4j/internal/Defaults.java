package org.dataprune4j.internal;

/**
 * DataPrune4J's one default seed, 42, for every random choice a user does not seed: the iterator's shuffle,
 * {@code RandomRule}, GraNd's first initialisation, k-means++ seeding, the extrapolation subset, the range search.
 * Published to users as {@code PruningIterator.DEFAULT_SEED}. Each component derives its own stream from its seed,
 * so sharing the number does not correlate them.
 */
public final class Defaults {
    /** The default seed. */
    public static final long SEED = 42L;

    private Defaults() {
    }
}
