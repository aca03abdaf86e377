package org.dataprune4j.benchmarks.budget;

import java.util.Arrays;
import java.util.function.Function;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The runs of {@link BinaryThresholds}, {@link ImbalanceLogitAdjustment} and {@link ImbalanceValidatedTau}: a
 * workload's network (an MLP), Adam with a cosine from {@link #LR} fitted to the run, batch {@link #BATCH}, seeded like
 * the budget benchmark's runs; and what those programs share to set them up.
 */
final class FittedRuns {
    static final int EPOCHS = 10;
    static final int BATCH = 128;
    static final double LR = 1e-3;

    private FittedRuns() {
    }

    /** Full data for {@code epochs}, the cosine planned over them. */
    static MultiLayerNetwork unpruned(Workload w, long seed, int epochs) {
        FittedSchedule lr = FittedSchedule.cosine(LR).build();
        lr.planIterations(epochs * ((w.train().numExamples() + BATCH - 1) / BATCH));
        MultiLayerNetwork net = (MultiLayerNetwork) w.network().apply(seed, new Adam(lr));
        net.fit(PruningIterator.builder(w.train(), BATCH).seed(seed).unpruned().build(), epochs);
        return net;
    }

    /** A pruned run: the listener (built on {@code it}) fits the cosine to it. */
    static MultiLayerNetwork pruned(Workload w, long seed, PruningIterator it, PruningListener listener, int epochs) {
        MultiLayerNetwork net = (MultiLayerNetwork) w.network().apply(seed,
                new Adam(FittedSchedule.cosine(LR).build()));
        net.addListeners(listener);
        net.fit(it, epochs);
        return net;
    }

    /** The iterator of a pruned run. */
    static PruningIterator iterator(Workload w, long seed) {
        return PruningIterator.builder(w.train(), BATCH).seed(seed).build();
    }

    /** A pruned run's network and listener (for its ledger). */
    record PrunedRun(MultiLayerNetwork net, PruningListener listener) {
    }

    /** A pruned run whose listener {@code listener} builds on the run's iterator. */
    static PrunedRun pruned(Workload w, long seed, Function<PruningIterator, PruningListener> listener, int epochs) {
        PruningIterator it = iterator(w, seed);
        PruningListener pruning = listener.apply(it);
        return new PrunedRun(pruned(w, seed, it, pruning, epochs), pruning);
    }

    /**
     * Issue 30's class-adaptive run at {@code budget} of the examples of {@link #EPOCHS} epochs: the loss, RCAP's
     * quotas drawn at temperature {@code beta}, re-selected every epoch after the budget benchmark's warm-up epochs.
     */
    static PruningListener classAdaptive(PruningIterator it, double budget, double beta, int classes, long seed) {
        double kept = (budget * EPOCHS - BudgetBenchmark.WARMUP) / (EPOCHS - BudgetBenchmark.WARMUP);
        return PruningListener.builder(it, ClassAdaptiveRule.rcap(kept, classes, seed).sampledWithin(beta, seed))
                .score(ScoreKind.LOSS).schedule(ReselectSchedule.every(1, BudgetBenchmark.WARMUP)).epochs(EPOCHS)
                .build();
    }

    /** The training examples of each class (one-hot labels). */
    static int[] classCounts(DataSet train) {
        int[] counts = new int[(int) train.getLabels().size(1)];
        for (int c : train.getLabels().argMax(1).toIntVector()) {
            counts[c]++;
        }
        return counts;
    }

    /** The seeds given as {@code args[index]} ("4,5,6"), or 1, 2 and 3. */
    static long[] seeds(String[] args, int index) {
        return args.length > index ? Arrays.stream(args[index].split(",")).mapToLong(Long::parseLong).toArray()
                : new long[] {1, 2, 3};
    }
}
