package org.dataprune4j.benchmarks.noise;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One run of the noise study.
 *
 * @param dataset data set name
 * @param noise the noise setting's key
 * @param seed network, shuffle and noise seed
 * @param run which run
 * @param curve test accuracy after each epoch (index 0 is epoch 1)
 * @param flips the dropped set against the planted flips (the last selection of the run)
 * @param keptRange the kept score range, as the run's rule names it ("" for full data)
 * @param trainSeconds wall time of {@code fit} without the per-epoch test evaluation (scoring and tuning included)
 * @param examplesTrained examples passed through training, from the listener's ledger (all of them for full data)
 * @param fullExamples examples a full-data run of the same length trains
 */
public record NoiseRunResult(String dataset, String noise, long seed, NoisyRun run, List<Double> curve,
                             DroppedFlips flips, String keptRange, double trainSeconds, long examplesTrained,
                             long fullExamples) {
    /** The CSV header of {@link #csvRow()}. */
    public static final String CSV_HEADER = "dataset,noise,seed,run,epochs,final_accuracy,best_accuracy,best_epoch,"
            + "dropped,flipped_dropped,flipped,precision,recall,train_seconds,examples_trained,full_examples,kept_range";

    /** Test accuracy after the last epoch. */
    public double finalAccuracy() {
        return curve.get(curve.size() - 1);
    }

    /** The highest test accuracy of any epoch. */
    public double bestAccuracy() {
        return curve.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** The first epoch (from 1) with the highest test accuracy. */
    public int bestEpoch() {
        return curve.indexOf(bestAccuracy()) + 1;
    }

    /** Test accuracy after {@code epoch} (from 1). */
    public double accuracyAt(int epoch) {
        return curve.get(epoch - 1);
    }

    /** One line of the runs file. */
    public String csvRow() {
        return String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%s,%s,%d,%d,%d,%d,%s,%s,%s,%d,%d,\"%s\"", dataset, noise,
                seed, run.name(), curve.size(), finalAccuracy(), bestAccuracy(), bestEpoch(), flips.dropped(),
                flips.flippedDropped(), flips.flipped(), flips.precision(), flips.recall(), trainSeconds,
                examplesTrained, fullExamples, keptRange);
    }

    /** The curve as lines {@code dataset,noise,seed,run,epoch,accuracy}. */
    public String curveRows() {
        return java.util.stream.IntStream.range(0, curve.size()).mapToObj(i -> String.format(Locale.ROOT,
                "%s,%s,%d,%s,%d,%s", dataset, noise, seed, run.name(), i + 1, curve.get(i)))
                .collect(Collectors.joining("\n"));
    }
}
