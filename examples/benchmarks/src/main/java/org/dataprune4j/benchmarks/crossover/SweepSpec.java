package org.dataprune4j.benchmarks.crossover;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dataprune4j.score.ScoreKind;

/**
 * What the crossover sweep trains: data sets, training-set sizes, kept fractions, scores, seeds, and how epochs
 * and warm-up scale with the size.
 *
 * <p>Epochs: every size gets about the same number of example passes, {@code ceil(passes / n)} epochs, clamped to
 * [{@code minEpochs}, {@code maxEpochs}]. With the defaults (50,000 passes, 10 to 200 epochs) the 250-image set
 * trains 200 epochs (400 updates of 128); every size up to 1,000 reaches 100% training accuracy on full data (both
 * data sets), MNIST reaches 99.98% or more at every size, Fashion-MNIST 97% at 2,000 and 91-92% at 5,000 and
 * 15,000, where the floor of 10 epochs (the in-loop setting of every other benchmark) binds. The warm-up is a share
 * of the epochs, at least one.
 *
 * @param name preset name
 * @param datasets data set names the {@link SweepData} knows
 * @param sizes training-set sizes, ascending
 * @param fractions kept fractions
 * @param scores scores ranked (EL2N, and the label-free prototype score)
 * @param seedsSmall seeds per size below {@code largeFrom}
 * @param seedsLarge seeds per size at or above {@code largeFrom}
 * @param largeFrom the smallest "large" size
 * @param passes example passes each size's full run gets (epochs = ceil(passes / n), clamped)
 * @param minEpochs least epochs of any size
 * @param maxEpochs most epochs of any size
 * @param warmupShare warm-up epochs as a share of the epochs (rounded, at least 1)
 */
public record SweepSpec(String name, List<String> datasets, List<Integer> sizes, List<Double> fractions,
                        List<ScoreKind> scores, int seedsSmall, int seedsLarge, int largeFrom, int passes,
                        int minEpochs, int maxEpochs, double warmupShare) {

    /** Checks the spec. */
    public SweepSpec {
        datasets = List.copyOf(datasets);
        sizes = List.copyOf(sizes);
        fractions = List.copyOf(fractions);
        scores = List.copyOf(scores);
        checkArgument(!sizes.isEmpty() && !fractions.isEmpty() && !scores.isEmpty() && !datasets.isEmpty(),
                "a sweep needs data sets, sizes, fractions and scores");
        for (int i = 1; i < sizes.size(); i++) {
            checkArgument(sizes.get(i) > sizes.get(i - 1), "sizes must ascend, got %s", sizes);
        }
        for (double f : fractions) {
            checkArgument(f > 0 && f < 1, "kept fractions must be in (0, 1), got %s", f);
        }
        checkArgument(seedsSmall >= 1 && seedsLarge >= 1, "at least one seed per size");
        checkArgument(minEpochs >= 2 && maxEpochs >= minEpochs, "need 2 <= minEpochs <= maxEpochs, got %s, %s",
                minEpochs, maxEpochs);
        checkArgument(warmupShare > 0 && warmupShare < 1, "warmupShare must be in (0, 1), got %s", warmupShare);
    }

    /** The full sweep of docs/BENCHMARKS.md: both data sets, 250 to 55,000 images. */
    public static SweepSpec full() {
        return new SweepSpec("full", List.of("fashion-mnist", "mnist"),
                List.of(250, 500, 1_000, 2_000, 5_000, 15_000, 55_000), List.of(0.3, 0.5, 0.7),
                List.of(ScoreKind.EL2N, ScoreKind.PROTOTYPE), 3, 2, 15_000, 50_000, 10, 200, 0.2);
    }

    /** A preset by name: {@code full}. */
    public static SweepSpec preset(String name) {
        if (name.equals("full")) {
            return full();
        }
        throw new IllegalArgumentException("Unknown preset '" + name + "'; use full");
    }

    /** Epochs of a run on {@code n} examples. */
    public int epochs(int n) {
        long e = (passes + (long) n - 1) / n;
        return (int) Math.max(minEpochs, Math.min(maxEpochs, e));
    }

    /** Warm-up epochs of a run on {@code n} examples: the share of its epochs, at least 1, less than all. */
    public int warmupEpochs(int n) {
        int e = epochs(n);
        return (int) Math.max(1, Math.min(e - 1, Math.round(warmupShare * e)));
    }

    /** Seeds at size {@code n}. */
    public int seeds(int n) {
        return n >= largeFrom ? seedsLarge : seedsSmall;
    }

    /** A copy with other data sets, sizes or warm-up share (null keeps the current value). */
    public SweepSpec with(List<String> datasets, List<Integer> sizes, Double warmupShare) {
        return new SweepSpec(name, datasets == null ? this.datasets : datasets, sizes == null ? this.sizes : sizes,
                fractions, scores, seedsSmall, seedsLarge, largeFrom, passes, minEpochs, maxEpochs,
                warmupShare == null ? this.warmupShare : warmupShare);
    }

    /** A flat view for the output. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", name);
        m.put("datasets", datasets);
        m.put("sizes", sizes);
        m.put("fractions", fractions);
        m.put("scores", scores.stream().map(ScoreKind::columnName).toList());
        m.put("seedsSmall", seedsSmall);
        m.put("seedsLarge", seedsLarge);
        m.put("largeFrom", largeFrom);
        m.put("passes", passes);
        m.put("minEpochs", minEpochs);
        m.put("maxEpochs", maxEpochs);
        m.put("warmupShare", warmupShare);
        return m;
    }
}
