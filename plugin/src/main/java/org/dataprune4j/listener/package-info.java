/**
 * {@link org.dataprune4j.listener.PruningListener}: the DL4J {@code TrainingListener} that scores every example
 * from the warm-up's own training passes and, at the end of warm-up, chooses the kept subset and hands it to
 * the {@code PruningIterator}. Configured by {@link org.dataprune4j.listener.PruningConfig}.
 */
package org.dataprune4j.listener;
