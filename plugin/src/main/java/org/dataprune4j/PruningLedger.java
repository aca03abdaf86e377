package org.dataprune4j;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost ledger of a run so far: what was trained and what the pruning itself cost, so that the saving is
 * counted honestly (InfoBatch's users asked for exactly this). Examples trained are counted from the batches the
 * model was actually trained on; the full-data reference is every example in every epoch.
 *
 * @param numExamples examples in the training set
 * @param examplesPerEpoch examples trained (forward and backward) in each epoch, in order
 * @param extraInferenceExamples examples passed through a network outside training: the end-of-warm-up evaluation
 *     pass, GraNd's fresh initialisations, the embedding pass (one count per example per pass)
 * @param weightedEpochs epochs trained with per-example loss weights (soft pruning)
 * @param annealingEpochs epochs after the swap that a dynamic schedule trained on all data
 * @param trainingTime wall time of the epochs minus scoring and selection
 * @param scoringTime the listener's work in training passes plus the extra passes
 * @param selectionTime applying the rule or schedule at the swap and after it
 * @param scoringRunExamples examples trained by a separate scoring run before this one (a subset trained to compute a
 *     score that was then extrapolated, {@code SubsetScoring}); counted in {@link #examplesTrained()}
 * @param examplesPerClass examples trained of each class over all epochs, by class index (a separate scoring run's
 *     not included): the class shares the model actually trained on, which a pruning rule that resamples classes
 *     changes; empty where not counted (a Spark run; a run resumed from a checkpoint written before they were kept)
 */
public record PruningLedger(int numExamples, List<Integer> examplesPerEpoch, long extraInferenceExamples,
                            int weightedEpochs, int annealingEpochs, Duration trainingTime, Duration scoringTime,
                            Duration selectionTime, long scoringRunExamples, List<Long> examplesPerClass) {

    /** A ledger whose examples per class were not counted. */
    public PruningLedger(int numExamples, List<Integer> examplesPerEpoch, long extraInferenceExamples,
                         int weightedEpochs, int annealingEpochs, Duration trainingTime, Duration scoringTime,
                         Duration selectionTime, long scoringRunExamples) {
        this(numExamples, examplesPerEpoch, extraInferenceExamples, weightedEpochs, annealingEpochs, trainingTime,
                scoringTime, selectionTime, scoringRunExamples, List.of());
    }

    /** A ledger with no separate scoring run. */
    public PruningLedger(int numExamples, List<Integer> examplesPerEpoch, long extraInferenceExamples,
                         int weightedEpochs, int annealingEpochs, Duration trainingTime, Duration scoringTime,
                         Duration selectionTime) {
        this(numExamples, examplesPerEpoch, extraInferenceExamples, weightedEpochs, annealingEpochs, trainingTime,
                scoringTime, selectionTime, 0);
    }

    /** Validates and copies. */
    public PruningLedger {
        checkArgument(numExamples > 0, "numExamples must be positive, got %s", numExamples);
        examplesPerEpoch = ImmutableList.copyOf(requireNonNull(examplesPerEpoch, "examplesPerEpoch"));
        requireNonNull(trainingTime, "trainingTime");
        requireNonNull(scoringTime, "scoringTime");
        requireNonNull(selectionTime, "selectionTime");
        checkArgument(scoringRunExamples >= 0, "scoringRunExamples must be >= 0, got %s", scoringRunExamples);
        examplesPerClass = ImmutableList.copyOf(requireNonNull(examplesPerClass, "examplesPerClass"));
    }

    /**
     * This ledger with a separate scoring run's cost added: the examples it trained, the examples it passed through a
     * network outside training (its embedding pass) and its wall time, counted as scoring.
     */
    public PruningLedger withScoringRun(long trainedExamples, long inferenceExamples, Duration time) {
        return new PruningLedger(numExamples, examplesPerEpoch, extraInferenceExamples + inferenceExamples,
                weightedEpochs, annealingEpochs, trainingTime, scoringTime.plus(time), selectionTime,
                scoringRunExamples + trainedExamples, examplesPerClass);
    }

    /** Epochs trained. */
    public int epochs() {
        return examplesPerEpoch.size();
    }

    /** Examples trained, forward and backward, over all epochs, and by a separate scoring run if there was one. */
    public long examplesTrained() {
        return examplesPerEpoch.stream().mapToLong(Integer::longValue).sum() + scoringRunExamples;
    }

    /** What full-data training of the same epochs trains: every example every epoch. */
    public long fullDataExamples() {
        return (long) numExamples * epochs();
    }

    /** 1 - examples trained / full-data examples: the share of training work saved. */
    public double effectivePruningRatio() {
        return epochs() == 0 ? 0 : 1 - (double) examplesTrained() / fullDataExamples();
    }

    /** Training, scoring and selection together. */
    public Duration wallTime() {
        return trainingTime.plus(scoringTime).plus(selectionTime);
    }

    /** A flat view for run records. */
    public Map<String, String> toMap() {
        return ImmutableMap.<String, String>builder()
                .put("epochs", Integer.toString(epochs()))
                .put("examplesPerEpoch", examplesPerEpoch.toString())
                .put("examplesTrained", Long.toString(examplesTrained()))
                .put("fullDataExamples", Long.toString(fullDataExamples()))
                .put("extraInferenceExamples", Long.toString(extraInferenceExamples))
                .put("weightedEpochs", Integer.toString(weightedEpochs))
                .put("annealingEpochs", Integer.toString(annealingEpochs))
                .put("effectivePruningRatio", String.format(Locale.ROOT, "%.4f", effectivePruningRatio()))
                .put("trainingSeconds", seconds(trainingTime))
                .put("scoringSeconds", seconds(scoringTime))
                .put("selectionSeconds", seconds(selectionTime))
                .put("scoringRunExamples", Long.toString(scoringRunExamples))
                .put("examplesPerClass", examplesPerClass.toString())
                .build();
    }

    /** One paragraph for people. */
    public String describe() {
        String run = scoringRunExamples == 0 ? "" : String.format(Locale.ROOT, " (%,d of them by a separate scoring"
                + " run)", scoringRunExamples);
        run += describePerClass();
        return String.format(Locale.ROOT, "ledger: %d epoch(s), %,d examples trained%s of %,d on full data (effective"
                        + " pruning ratio %.1f%%), %,d extra inference examples, %d weighted and %d annealing epoch(s);"
                        + " time %s s training + %s s scoring + %s s selection", epochs(), examplesTrained(),
                run, fullDataExamples(), 100 * effectivePruningRatio(), extraInferenceExamples, weightedEpochs,
                annealingEpochs, seconds(trainingTime), seconds(scoringTime), seconds(selectionTime));
    }

    /** The examples per class: every count for up to 20 classes, else the fewest and the most. */
    private String describePerClass() {
        if (examplesPerClass.isEmpty()) {
            return "";
        }
        if (examplesPerClass.size() <= 20) {
            return " (by class " + examplesPerClass + ")";
        }
        int fewest = 0;
        int most = 0;
        for (int c = 1; c < examplesPerClass.size(); c++) {
            fewest = examplesPerClass.get(c) < examplesPerClass.get(fewest) ? c : fewest;
            most = examplesPerClass.get(c) > examplesPerClass.get(most) ? c : most;
        }
        return String.format(Locale.ROOT, " (by class: from %,d of class %d to %,d of class %d)",
                examplesPerClass.get(fewest), fewest, examplesPerClass.get(most), most);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toNanos() / 1e9);
    }
}
