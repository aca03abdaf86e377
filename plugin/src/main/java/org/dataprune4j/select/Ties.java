package org.dataprune4j.select;

import java.util.Arrays;
import org.dataprune4j.internal.Defaults;

/**
 * How ties are broken, and how much of a ranking is ties. Every rule orders equal scores by {@link #key} of the
 * example id: a pseudo-random order fixed per id (a keyed bijective hash of the id, seeded with the library's default
 * seed, 42), so tied examples are kept or pruned at random among themselves, and the order of two ids never depends
 * on the other examples ranked: a distributed sort by (score, key) gives the single machine's order. When a large share
 * of the scores tie (forgetting after a short warm-up, for one), the kept set says little about those examples.
 */
public final class Ties {
    /** Mixed into every id before hashing: derived from the library's default seed. */
    private static final int SEED_MIX = (int) (Defaults.SEED * 0x9E3779B97F4A7C15L >>> 32);
    private static final int M1 = 0x85ebca6b;
    private static final int M2 = 0xc2b2ae35;
    private static final int M1_INVERSE = inverse(M1);
    private static final int M2_INVERSE = inverse(M2);

    private Ties() {
    }

    /**
     * The tie-break key of an example id: equal scores rank in the order of their keys compared as unsigned ints
     * ({@link Integer#compareUnsigned}). A bijection of the ids (MurmurHash3's finaliser of {@code id} xor a seed).
     */
    public static int key(int id) {
        int h = id ^ SEED_MIX;
        h ^= h >>> 16;
        h *= M1;
        h ^= h >>> 13;
        h *= M2;
        h ^= h >>> 16;
        return h;
    }

    /** The id whose {@link #key} is {@code key}. */
    static int idOfKey(int key) {
        int h = key;
        h ^= h >>> 16;
        h *= M2_INVERSE;
        h ^= h >>> 13 ^ h >>> 26;
        h *= M1_INVERSE;
        h ^= h >>> 16;
        return h ^ SEED_MIX;
    }

    /** The multiplicative inverse of an odd int modulo 2^32 (Newton's iteration doubles the correct bits). */
    private static int inverse(int odd) {
        int x = odd;
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /** The share of examples whose score equals another example's score, in [0, 1]. */
    public static double share(double[] scores) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int tied = 0;
        for (int i = 0; i < sorted.length; i++) {
            boolean sameAsPrevious = i > 0 && sorted[i] == sorted[i - 1];
            boolean sameAsNext = i + 1 < sorted.length && sorted[i] == sorted[i + 1];
            if (sameAsPrevious || sameAsNext) {
                tied++;
            }
        }
        return sorted.length == 0 ? 0 : (double) tied / sorted.length;
    }
}
