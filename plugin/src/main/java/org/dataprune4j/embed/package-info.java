/**
 * Embeddings: every example's activations at a chosen layer of a network, the space in which prototype
 * distance clusters examples and score extrapolation finds neighbours. {@link org.dataprune4j.embed.EmbeddingSpec}
 * says which network and layer; the listener computes the embeddings once, at the end of warm-up.
 */
package org.dataprune4j.embed;
