package org.dataprune4j.benchmarks.matrix;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * What one run of the matrix measured.
 *
 * @param cell the run
 * @param testAccuracy accuracy on the test split after the last epoch
 * @param seconds wall time of {@code fit}, scoring included
 * @param tuningSeconds time spent tuning the range before the run (0 for other rules)
 * @param examplesProcessed training examples passed through the network, all epochs
 * @param keptCount examples kept at the swap (all for full data)
 */
public record CellResult(Cell cell, double testAccuracy, double seconds, double tuningSeconds, long examplesProcessed,
                         int keptCount) {
    /** The CSV header of the results file. */
    public static final String CSV_HEADER =
            "dataset,score,rule,kept,seed,test_accuracy,seconds,tuning_seconds,examples_processed,kept_count";

    /** Validates the fields. */
    public CellResult {
        requireNonNull(cell, "cell");
    }

    /** One CSV line (no newline), exact enough to round-trip. */
    public String toCsv() {
        return String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s,%s,%s,%d,%d", cell.dataset(), cell.score().name(),
                cell.rule().name(), Double.toString(cell.kept()), cell.seed(), Double.toString(testAccuracy),
                Double.toString(seconds), Double.toString(tuningSeconds), examplesProcessed, keptCount);
    }

    /** Parses a line written by {@link #toCsv()}. */
    public static CellResult ofCsv(String line) {
        String[] p = line.split(",");
        if (p.length != 10) {
            throw new IllegalArgumentException("A results line has 10 fields, got " + p.length + ": '" + line + "'");
        }
        Cell cell = new Cell(p[0], org.dataprune4j.score.ScoreKind.valueOf(p[1]), RuleKind.valueOf(p[2]),
                Double.parseDouble(p[3]), Long.parseLong(p[4]));
        return new CellResult(cell, Double.parseDouble(p[5]), Double.parseDouble(p[6]), Double.parseDouble(p[7]),
                Long.parseLong(p[8]), Integer.parseInt(p[9]));
    }
}
