package org.dataprune4j.benchmarks.crossover;

import java.util.Locale;

/**
 * One training run of the sweep.
 *
 * @param dataset data set name
 * @param size training-set size
 * @param seed seed of the subset, the network and the shuffling
 * @param epochs epochs of the run, warm-up included
 * @param warmupEpochs warm-up epochs on the whole training set
 * @param rule {@code full}, {@code random}, {@code hardest} or {@code easiest}
 * @param score the score ranked ({@code el2n}, {@code prototype}), empty for full and random
 * @param fraction kept fraction (1 for full)
 * @param kept examples kept after the warm-up
 * @param testAccuracy test accuracy after the last epoch
 * @param trainAccuracy accuracy on the run's training examples after the last epoch
 * @param seconds wall time of the epochs after the warm-up
 */
public record SweepRow(String dataset, int size, long seed, int epochs, int warmupEpochs, String rule, String score,
                       double fraction, int kept, double testAccuracy, double trainAccuracy, double seconds) {

    /** The CSV header matching {@link #csv()}. */
    public static final String CSV_HEADER = "dataset,size,seed,epochs,warmup,rule,score,fraction,kept,test_accuracy,"
            + "train_accuracy,seconds";

    /** One CSV line, no newline. */
    public String csv() {
        return String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%s,%s,%.2f,%d,%.4f,%.4f,%.2f", dataset, size, seed, epochs,
                warmupEpochs, rule, score, fraction, kept, testAccuracy, trainAccuracy, seconds);
    }

    /** Parses a line written by {@link #csv()}. */
    public static SweepRow parse(String line) {
        String[] p = line.split(",", -1);
        return new SweepRow(p[0], Integer.parseInt(p[1]), Long.parseLong(p[2]), Integer.parseInt(p[3]),
                Integer.parseInt(p[4]), p[5], p[6], Double.parseDouble(p[7]), Integer.parseInt(p[8]),
                Double.parseDouble(p[9]), Double.parseDouble(p[10]), Double.parseDouble(p[11]));
    }
}
