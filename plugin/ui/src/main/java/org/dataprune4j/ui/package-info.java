/**
 * DataPrune4J in DL4J's training UI: {@link org.dataprune4j.ui.PruningStatsRecorder} records a pruning run into a
 * {@code StatsStorage}; {@link org.dataprune4j.ui.PruningUiModule} adds the "Pruning" page that shows it.
 */
package org.dataprune4j.ui;
