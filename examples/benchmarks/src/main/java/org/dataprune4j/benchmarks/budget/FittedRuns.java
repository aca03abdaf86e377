package org.dataprune4j.benchmarks.budget;

import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.lr.FittedSchedule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The runs of {@link BinaryThresholds} and {@link ImbalanceLogitAdjustment}: a workload's network (an MLP), Adam with a
 * cosine from {@link #LR} fitted to the run, batch {@link #BATCH}, seeded like the budget benchmark's runs.
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
}
