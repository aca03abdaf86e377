package org.dataprune4j.select;

/**
 * The ranks a rule keeps among examples ranked ascending, {@code [lowerEndpoint, upperEndpoint)}: lower inclusive,
 * upper exclusive, as a distributed selection needs them to find its boundaries. A plain value, so that the
 * library's API carries no Guava type.
 *
 * @param lowerEndpoint the first kept rank, inclusive
 * @param upperEndpoint the rank after the last kept one, exclusive
 */
public record RankRange(int lowerEndpoint, int upperEndpoint) {
    /**
     * @throws IllegalArgumentException if the range is empty or starts below 0
     */
    public RankRange {
        if (lowerEndpoint < 0 || upperEndpoint <= lowerEndpoint) {
            throw new IllegalArgumentException("A rank range needs 0 <= lowerEndpoint < upperEndpoint, got ["
                    + lowerEndpoint + ", " + upperEndpoint + ")");
        }
    }
}
