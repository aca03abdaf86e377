/**
 * k-means in embedding space, for prototype-distance scores (Sorscher et al. 2022): {@link
 * org.dataprune4j.cluster.KMeans} with k-means++ seeding and blocked ND4J distance computation.
 */
package org.dataprune4j.cluster;
