package org.dataprune4j.spark;

import java.io.Serializable;
import org.dataprune4j.select.Ties;

/**
 * An example's place in the ranking: its group (its class for a class-balanced rule, else 0), its score, and its id's
 * tie key, compared in that order exactly as the single-machine rules compare ({@link Double#compare}, then the
 * unsigned tie key). Unique per example, so a boundary key splits the ranking at one rank.
 */
final class RankKey implements Comparable<RankKey>, Serializable {
    private static final long serialVersionUID = 1L;

    int group;
    double score;
    int tieKey;

    /** For serialisation frameworks (Kryo) only. */
    RankKey() {
    }

    RankKey(int group, double score, int id) {
        this.group = group;
        this.score = score;
        this.tieKey = Ties.key(id);
    }

    @Override
    public int compareTo(RankKey o) {
        int c = Integer.compare(group, o.group);
        if (c != 0) {
            return c;
        }
        c = Double.compare(score, o.score);
        return c != 0 ? c : Integer.compareUnsigned(tieKey, o.tieKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankKey k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * group + Double.hashCode(score)) + tieKey;
    }

    @Override
    public String toString() {
        return "RankKey{group " + group + ", score " + score + ", tie " + Integer.toUnsignedString(tieKey) + "}";
    }
}
