/**
 * When pruning happens: which epochs collect scores and after which one the kept subset is chosen.
 */
package org.dataprune4j.schedule;
