package org.dataprune4j.benchmarks.noise;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * What the noise-curve study runs.
 *
 * @param datasets data set names
 * @param settings noise settings
 * @param seeds seeds (network, shuffle, noise)
 * @param epochs epochs of every run
 * @param warmup warm-up epochs before the swap
 * @param runs the runs compared; must include {@link NoisyRun#FULL}, the baseline of every difference
 * @param reportEpochs epochs whose accuracy the table reports besides the last and the best (e.g. 10 of 30)
 * @param cleanValidation whether the tuner's validation labels are clean (false: flipped like the training set's,
 *     as a validation split of the same noisy source would be; the tuner's noise check then sees nothing)
 * @param batchSize minibatch size
 */
public record NoiseCurveSpec(List<String> datasets, List<NoiseSetting> settings, List<Long> seeds, int epochs,
                             int warmup, List<NoisyRun> runs, List<Integer> reportEpochs, boolean cleanValidation,
                             int batchSize) {
    /** Validates the settings. */
    public NoiseCurveSpec {
        datasets = List.copyOf(datasets);
        settings = List.copyOf(settings);
        seeds = List.copyOf(seeds);
        runs = List.copyOf(runs);
        reportEpochs = List.copyOf(reportEpochs);
        checkArgument(!datasets.isEmpty() && !settings.isEmpty() && !seeds.isEmpty(),
                "datasets, noise settings and seeds must not be empty");
        checkArgument(warmup >= 1 && epochs > warmup, "need 1 <= warmup < epochs, got warmup %s, epochs %s", warmup,
                epochs);
        checkArgument(runs.contains(NoisyRun.FULL), "the runs must include full (every difference is against it),"
                + " got %s", runs);
        for (int e : reportEpochs) {
            checkArgument(e >= 1 && e <= epochs, "report epoch %s is outside 1..%s", e, epochs);
        }
        checkArgument(batchSize >= 1, "batchSize must be positive, got %s", batchSize);
    }

    /**
     * {@code full}: both data sets, symmetric 5/10/20% and the shirt case, seeds 1-2, 30 epochs (2 warm-up), every
     * run, accuracy also at epoch 10, a clean (trusted) validation set for the tuner; {@code tiny}: the generated 8x8 images, symmetric 20%, seed
     * 1, 6 epochs (2 warm-up), every run, batch 16 (seconds; for tests).
     */
    public static NoiseCurveSpec preset(String name) {
        return switch (name) {
            case "full" -> new NoiseCurveSpec(List.of("fashion-mnist", "mnist"),
                    NoiseSetting.parseAll("sym5,sym10,sym20,shirt"), List.of(1L, 2L), 30, 2,
                    List.of(NoisyRun.values()), List.of(10), true, 128);
            case "tiny" -> new NoiseCurveSpec(List.of("tiny"), NoiseSetting.parseAll("sym20"), List.of(1L), 6, 2,
                    List.of(NoisyRun.values()), List.of(3), false, 16);
            default -> throw new IllegalArgumentException("Unknown preset '" + name + "'; use full or tiny");
        };
    }
}
