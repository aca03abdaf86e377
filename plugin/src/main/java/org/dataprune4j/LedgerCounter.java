package org.dataprune4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dataprune4j.schedule.EpochPlan;

/**
 * The counters behind a listener's {@link PruningLedger}: examples trained per epoch and per class, epoch wall time,
 * selection time, and which epochs trained weighted or annealing, as the plans said.
 */
final class LedgerCounter {
    private final int numExamples;
    private final List<Integer> examplesPerEpoch = new ArrayList<>();
    /** Examples trained of each class over the run; null once unknown (resumed from a state that did not keep them). */
    private long[] examplesPerClass;
    private int examplesThisEpoch;
    private long selectionNanos;
    private long epochsWallNanos;
    private long epochStartNanos;
    private int weightedEpochs;
    private int annealingEpochs;
    private boolean weightedNext;
    private boolean annealingNext;
    private boolean weightedNow;
    private boolean annealingNow;

    LedgerCounter(int numExamples, int numClasses) {
        this.numExamples = numExamples;
        this.examplesPerClass = new long[numClasses];
    }

    /** An epoch starts: it trains what the last plan said. */
    void epochStarted() {
        epochStartNanos = System.nanoTime();
        examplesThisEpoch = 0;
        weightedNow = weightedNext;
        annealingNow = annealingNext;
    }

    /** Whether the epoch under way trains with loss weights. */
    boolean weightedNow() {
        return weightedNow;
    }

    /** A batch of examples of these classes was trained. */
    void trained(int[] labels) {
        examplesThisEpoch += labels.length;
        if (examplesPerClass != null) {
            for (int c : labels) {
                examplesPerClass[c]++;
            }
        }
    }

    /** The epoch's training is over (before the swap or selection work at its end). */
    void epochTrained() {
        examplesPerEpoch.add(examplesThisEpoch);
        weightedEpochs += weightedNow ? 1 : 0;
        annealingEpochs += annealingNow ? 1 : 0;
    }

    /** The epoch's end is over, its swap or selection work included. */
    void epochClosed() {
        if (epochStartNanos != 0) {
            epochsWallNanos += System.nanoTime() - epochStartNanos;
            epochStartNanos = 0;
        }
    }

    /** A plan for the next epoch was applied. */
    void planned(EpochPlan plan) {
        if (plan.kind() != EpochPlan.Kind.UNCHANGED) {
            weightedNext = plan.isWeighted();
            annealingNext = plan.kind() == EpochPlan.Kind.ALL;
        }
    }

    /** Time spent applying a rule or schedule. */
    void selected(long nanos) {
        selectionNanos += nanos;
    }

    /** The ledger so far; training time is the epochs' wall time minus scoring and selection. */
    PruningLedger ledger(long scoringNanos, long extraInferenceExamples) {
        long training = Math.max(0, epochsWallNanos - scoringNanos - selectionNanos);
        List<Long> perClass = new ArrayList<>();
        for (int c = 0; examplesPerClass != null && c < examplesPerClass.length; c++) {
            perClass.add(examplesPerClass[c]);
        }
        return new PruningLedger(numExamples, examplesPerEpoch, extraInferenceExamples, weightedEpochs,
                annealingEpochs, Duration.ofNanos(training), Duration.ofNanos(scoringNanos),
                Duration.ofNanos(selectionNanos), 0, perClass);
    }

    /** What a checkpoint keeps of these counters, with the next epoch's loss weights (null: unweighted). */
    CheckpointState.LedgerCounts counts(long extraInferenceExamples, float[] nextWeights) {
        return new CheckpointState.LedgerCounts(examplesPerEpoch.stream().mapToInt(Integer::intValue).toArray(),
                extraInferenceExamples, selectionNanos, epochsWallNanos, weightedEpochs, annealingEpochs, weightedNext,
                annealingNext, nextWeights, examplesPerClass == null ? null : examplesPerClass.clone());
    }

    /** Continues from a checkpoint's counters. */
    void restore(CheckpointState.LedgerCounts counts) {
        for (int n : counts.examplesPerEpoch()) {
            examplesPerEpoch.add(n);
        }
        selectionNanos = counts.selectionNanos();
        epochsWallNanos = counts.epochsWallNanos();
        weightedEpochs = counts.weightedEpochs();
        annealingEpochs = counts.annealingEpochs();
        weightedNext = counts.weightedNext();
        annealingNext = counts.annealingNext();
        long[] perClass = counts.examplesPerClass();
        if (perClass != null && perClass.length == examplesPerClass.length) {
            System.arraycopy(perClass, 0, examplesPerClass, 0, perClass.length);
        } else if (perClass != null || counts.examplesPerEpoch().length > 0) {
            examplesPerClass = null; // trained before the checkpoint, of classes it did not keep: not counted
        }
    }
}
