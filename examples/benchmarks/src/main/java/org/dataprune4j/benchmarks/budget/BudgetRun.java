package org.dataprune4j.benchmarks.budget;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One run of the budget benchmark: what it was, its test accuracy after every epoch, the examples it trained and the
 * training seconds of every epoch (evaluation excluded), as one CSV row.
 *
 * @param dataset the data set
 * @param seed the seed of the network and the shuffle
 * @param method the method, e.g. "RS2"
 * @param budget the budget's share of full data for the benchmark's epochs (1 for full data)
 * @param accuracies test accuracy after epoch 1, 2, ...
 * @param examples examples trained in epoch 1, 2, ...
 * @param seconds training seconds of epoch 1, 2, ... (scoring and selection included, evaluation excluded)
 * @param classAccuracies test accuracy per class after the last epoch; empty for runs recorded before issue 30
 */
public record BudgetRun(String dataset, long seed, String method, double budget, List<Double> accuracies,
                        List<Long> examples, List<Double> seconds, List<Double> classAccuracies) {
    /** Validates the method's name, which is a CSV field. */
    public BudgetRun {
        if (method.contains(",") || dataset.contains(",")) {
            throw new IllegalArgumentException("A run's method and data set name hold no comma (a CSV field): "
                    + method + ", " + dataset);
        }
    }

    /** A run recorded without per-class accuracies. */
    public BudgetRun(String dataset, long seed, String method, double budget, List<Double> accuracies,
                     List<Long> examples, List<Double> seconds) {
        this(dataset, seed, method, budget, accuracies, examples, seconds, List.of());
    }

    /** The CSV header. */
    public static final String HEADER = "dataset,seed,method,budget,accuracies,examples,seconds,classAccuracies";

    /** The lowest per-class test accuracy after the last epoch; NaN if not recorded. */
    public double worstClassAccuracy() {
        return classAccuracies.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).min()
                .orElse(Double.NaN);
    }

    /** The mean per-class test accuracy after the last epoch (balanced accuracy); NaN if not recorded. */
    public double balancedAccuracy() {
        return classAccuracies.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
    }

    /** Test accuracy after the last epoch. */
    public double finalAccuracy() {
        return accuracies.get(accuracies.size() - 1);
    }

    /** Examples trained in all epochs. */
    public long examplesTrained() {
        return examples.stream().mapToLong(Long::longValue).sum();
    }

    /** Training seconds of all epochs. */
    public double trainingSeconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The key that identifies the run in a resumed benchmark. */
    public String key() {
        return key(dataset, seed, method, budget);
    }

    /** The key of a run. */
    public static String key(String dataset, long seed, String method, double budget) {
        return String.format(Locale.ROOT, "%s|%d|%s|%.3f", dataset, seed, method, budget);
    }

    /** One CSV row (lists separated by ';'). */
    public String toCsv() {
        return String.format(Locale.ROOT, "%s,%d,%s,%.3f,%s,%s,%s,%s", dataset, seed, method, budget,
                join(accuracies, "%.5f"), join(examples, "%d"), join(seconds, "%.3f"), join(classAccuracies, "%.5f"));
    }

    private static String join(List<?> values, String format) {
        return values.stream().map(v -> String.format(Locale.ROOT, format, v)).collect(Collectors.joining(";"));
    }

    /** Reads a row written by {@link #toCsv()}, or by the 7-field format before per-class accuracies. */
    public static BudgetRun fromCsv(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 7 && f.length != 8) {
            throw new IllegalArgumentException("A budget-benchmark row has 8 fields (" + HEADER + ", the last empty"
                    + " in rows recorded before per-class accuracies, or absent), got: " + line);
        }
        return new BudgetRun(f[0], Long.parseLong(f[1]), f[2], Double.parseDouble(f[3]),
                Arrays.stream(f[4].split(";")).map(Double::valueOf).toList(),
                Arrays.stream(f[5].split(";")).map(Long::valueOf).toList(),
                Arrays.stream(f[6].split(";")).map(Double::valueOf).toList(),
                f.length == 7 || f[7].isEmpty() ? List.of()
                        : Arrays.stream(f[7].split(";")).map(Double::valueOf).toList());
    }
}
