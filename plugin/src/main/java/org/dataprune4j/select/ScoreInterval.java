package org.dataprune4j.select;

/**
 * A closed interval of scores, {@code [lowerEndpoint, upperEndpoint]}: for example the lowest and highest score
 * among the kept examples. A plain value, so that the library's API carries no Guava type (Guava is relocated inside
 * the jar; see the README's "Spark on a cluster").
 *
 * @param lowerEndpoint the lowest score, inclusive
 * @param upperEndpoint the highest score, inclusive
 */
public record ScoreInterval(double lowerEndpoint, double upperEndpoint) {
    /**
     * @throws IllegalArgumentException if an endpoint is NaN or the lower is above the upper
     */
    public ScoreInterval {
        if (Double.isNaN(lowerEndpoint) || Double.isNaN(upperEndpoint) || lowerEndpoint > upperEndpoint) {
            throw new IllegalArgumentException("A score interval needs lowerEndpoint <= upperEndpoint, got ["
                    + lowerEndpoint + ", " + upperEndpoint + "]");
        }
    }
}
