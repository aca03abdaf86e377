package org.dataprune4j.benchmarks.noise;

import java.util.Arrays;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningListenerBuilder;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.tune.HalvingTuner;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The runs the noise study compares on the same noisy labels. Every pruned run keeps {@code 1 - k/n} of the data,
 * k the number of flipped labels; the top-k runs drop the k highest scores.
 */
public enum NoisyRun {
    /** All data on the noisy labels. */
    FULL("full"),
    /** Drops the top k by EL2N once, after the warm-up. */
    EL2N("el2n top k"),
    /** Drops the top k by class-aligned prototype distance once, after the warm-up. */
    PROTOTYPE_CLASS("prototype_class top k"),
    /** Drops the top k by forgetting events counted over the whole run, re-selected every epoch after the warm-up. */
    FORGETTING_RESELECT("forgetting top k, every epoch"),
    /** Drops the top k by EL2N, re-selected every epoch after the warm-up (late-learned flips can be dropped later). */
    EL2N_RESELECT("el2n top k, every epoch"),
    /** The window of the same width tuned at the swap by successive halving on the validation set. */
    TUNED("tuned range");

    private final String label;

    NoisyRun(String label) {
        this.label = label;
    }

    /** Its name in tables and charts. */
    public String label() {
        return label;
    }

    /** Parses a comma-separated list of enum names, case-insensitive ({@code full,el2n,tuned}). */
    public static java.util.List<NoisyRun> parseAll(String names) {
        return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            try {
                return valueOf(s.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown run '" + s + "'; use some of "
                        + Arrays.toString(values()).toLowerCase(java.util.Locale.ROOT), e);
            }
        }).toList();
    }

    /**
     * The listener of this run (not for {@link #FULL}).
     *
     * @param iterator the run's iterator
     * @param keep the kept fraction, {@code 1 - k/n}
     * @param warmup warm-up epochs
     * @param validation the tuner's validation set
     * @param seed the tuner's seed
     */
    PruningListenerBuilder listener(PruningIterator iterator, double keep, int warmup, DataSet validation, long seed) {
        ScoreRangeRule dropTop = ScoreRangeRule.quantiles(0, keep);
        return switch (this) {
            case FULL -> throw new IllegalStateException("a full-data run has no listener");
            case EL2N -> PruningListener.builder(iterator, dropTop).score(ScoreKind.EL2N).warmupEpochs(warmup)
                    .outliers(0);
            case PROTOTYPE_CLASS -> PruningListener.builder(iterator, dropTop).score(ScoreKind.PROTOTYPE_CLASS)
                    .warmupEpochs(warmup).outliers(0);
            case FORGETTING_RESELECT -> PruningListener.builder(iterator, dropTop).score(ScoreKind.FORGETTING)
                    .schedule(ReselectSchedule.every(1, warmup)).outliers(0);
            case EL2N_RESELECT -> PruningListener.builder(iterator, dropTop).score(ScoreKind.EL2N)
                    .schedule(ReselectSchedule.every(1, warmup)).outliers(0);
            case TUNED -> PruningListener.builder(iterator, HalvingTuner.builder(validation, keep).seed(seed).build())
                    .score(ScoreKind.EL2N).warmupEpochs(warmup).outliers(0);
        };
    }
}
