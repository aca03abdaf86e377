/**
 * Learning-rate schedules fitted to the run as pruning plans it.
 *
 * <p>A {@link org.dataprune4j.lr.FittedSchedule} is a DL4J {@code ISchedule} (cosine, linear or polynomial, step,
 * each with an optional linear warm-up ramp) whose length is the run's planned number of iterations: the
 * warm-up epochs at full size, then the kept size, re-planned at the start of every epoch when a dynamic schedule
 * changes the sizes. Give it to the updater ({@code new Adam(schedule)}) and add a {@code PruningListener} built
 * with {@code epochs(n)}: the listener finds the schedule in the model and keeps it fitted. Without a listener it
 * is a plain schedule over a fixed number of iterations ({@link org.dataprune4j.lr.FittedSchedule#planIterations}),
 * which is how full data for fewer epochs gets a schedule fitted to its own length.
 */
package org.dataprune4j.lr;
