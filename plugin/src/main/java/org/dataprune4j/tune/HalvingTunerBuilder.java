package org.dataprune4j.tune;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dataprune4j.internal.Defaults;
import org.dataprune4j.internal.OneHot;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Builds a {@link HalvingTuner}; every option has a documented default. Start one with
 * {@code HalvingTuner.builder(validation, budget)}.
 */
public final class HalvingTunerBuilder {
    final DataSet validation;
    final double budget;
    List<QuantileRange> candidates;
    int windows = 9;
    int eta = 3;
    double finalProxyEpochs = 0.75;
    int batchSize = 128;
    long seed = Defaults.SEED;
    Objective objective = Objective.ACCURACY;
    Path savedTo;

    HalvingTunerBuilder(DataSet validation, double budget) {
        checkArgument(budget > 0 && budget < 1, "the budget must be a kept fraction in (0, 1), got %s", budget);
        this.validation = validation;
        this.budget = budget;
    }

    /** Number of windows the default candidates slide through, from hardest to easiest (default 9). */
    public HalvingTunerBuilder windows(int count) {
        checkArgument(count >= 2, "at least 2 windows, got %s", count);
        this.windows = count;
        this.candidates = null;
        return this;
    }

    /** Explicit candidate ranges instead of the windows; each must keep the budget (within one example). */
    public HalvingTunerBuilder candidates(List<QuantileRange> ranges) {
        checkArgument(!ranges.isEmpty(), "give at least one candidate range");
        for (QuantileRange r : ranges) {
            checkArgument(Math.abs(r.keptFraction() - budget) < 1e-6, "candidate %s keeps %s, not the budget %s:"
                    + " successive halving compares ranges of one size (proxy runs favour small subsets)", r,
                    r.keptFraction(), budget);
        }
        this.candidates = List.copyOf(ranges);
        return this;
    }

    /** The halving factor: the best 1/eta of each rung go on (default 3). */
    public HalvingTunerBuilder eta(int eta) {
        checkArgument(eta >= 2, "eta must be at least 2, got %s", eta);
        this.eta = eta;
        return this;
    }

    /**
     * Subset-epochs the last rung's candidates have trained in all (default 0.75); earlier rungs, over eta each.
     * About 1/10 of the epochs after the swap keeps the search near 0.2x a full run at a budget of 0.5.
     */
    public HalvingTunerBuilder finalProxyEpochs(double epochs) {
        checkArgument(epochs > 0 && epochs <= 1000, "finalProxyEpochs must be in (0, 1000], got %s", epochs);
        this.finalProxyEpochs = epochs;
        return this;
    }

    /** Batch size of the proxy training (default 128). */
    public HalvingTunerBuilder batchSize(int batchSize) {
        checkArgument(batchSize >= 1, "batchSize must be at least 1, got %s", batchSize);
        this.batchSize = batchSize;
        return this;
    }

    /** Seed of the proxy runs' example order (default 42). */
    public HalvingTunerBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** What to optimise on the validation set (default {@link Objective#ACCURACY}). */
    public HalvingTunerBuilder objective(Objective objective) {
        this.objective = requireNonNull(objective, "objective");
        return this;
    }

    /**
     * Saves the tuned range to this JSON file with the data's fingerprint, and reuses it, without tuning, when
     * the file already holds a range tuned on the same data, score and budget (default: neither).
     */
    public HalvingTunerBuilder savedTo(Path file) {
        this.savedTo = requireNonNull(file, "file");
        return this;
    }

    /**
     * Builds the tuner.
     *
     * @throws IllegalArgumentException if the validation set is empty, unlabelled or single-class
     */
    public HalvingTuner build() {
        checkArgument(validation.numExamples() > 0 && validation.getLabels() != null,
                "the validation set is empty or has no labels; give held-out labelled examples");
        checkArgument(validation.getLabels().rank() == 2, "the validation labels have shape %s; successive"
                + " halving compares per-example class predictions, so give one-hot labels [examples, classes]",
                Arrays.toString(validation.getLabels().shape()));
        long classes = Arrays.stream(OneHot.classIndices(validation.getLabels(), r -> r)).distinct().count();
        checkArgument(classes >= 2, "the validation set has examples of %s class; the objective needs at least"
                + " two", classes);
        return new HalvingTuner(this);
    }
}
