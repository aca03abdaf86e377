package org.dataprune4j;

import java.util.Arrays;
import java.util.function.Supplier;
import org.dataprune4j.internal.OneHot;
import org.dataprune4j.internal.TrainedModel;
import org.dataprune4j.score.ScoredBatch;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores one training pass from the activations DL4J hands the listener: the logits of the output layer for the
 * batch the iterator served, checked against that batch, handed to the scoring engine. Internal to the listener.
 */
final class TrainingPassObserver {
    /** Reused per batch for the training-pass maths when DL4J calls the listener outside its workspaces. */
    private static final WorkspaceConfiguration SCORING_WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.2).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyMirroring(MirroringPolicy.FULL)
            .policySpill(SpillPolicy.EXTERNAL).build();
    private static final String SCORING_WORKSPACE_ID = "DATAPRUNE4J_TRAINING_PASS_SCORES";

    private TrainingPassObserver() {
    }

    /**
     * The batch DL4J is training, as the iterator served it.
     *
     * @throws IllegalStateException if the iterator served nothing for it (another iterator, or fit(DataSet))
     */
    static ServedBatch servedFor(PruningIterator iterator) {
        ServedBatch served = iterator.pollServed();
        if (served == null) {
            throw new IllegalStateException("The model trained on a batch that this listener's PruningIterator"
                    + " did not serve. Train with the PruningIterator the listener was built with (fit(iterator)),"
                    + " not with another iterator or fit(DataSet).");
        }
        return served;
    }

    /**
     * Scores the served batch's training pass into the engine; returns the nanoseconds it took.
     *
     * @throws IllegalStateException if the batch being trained is not the one served
     */
    static long score(TrainedModel m, ServedBatch served, Supplier<INDArray> outputLayerInput, ScoringEngine engine) {
        long start = System.nanoTime();
        // Only Java arrays leave this block. A network calls its listeners inside DL4J's open activation workspace,
        // where these allocations are cheap; a graph calls them outside any workspace, so a small workspace of our
        // own is opened for them (without it the graph's scoring work measured twice the network's,
        // docs/BENCHMARKS.md "ComputationGraph").
        if (Nd4j.getMemoryManager().getCurrentWorkspace() == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(SCORING_WORKSPACE,
                    SCORING_WORKSPACE_ID)) {
                scoreBatch(m, served, outputLayerInput, engine);
            }
        } else {
            scoreBatch(m, served, outputLayerInput, engine);
        }
        return System.nanoTime() - start;
    }

    private static void scoreBatch(TrainedModel m, ServedBatch served, Supplier<INDArray> outputLayerInput,
            ScoringEngine engine) {
        INDArray h = outputLayerInput.get();
        if (h.rows() != served.ids().length) {
            throw outOfStep(served, h.rows());
        }
        ScoredBatch batch = ScoredBatch.ofLogits(served.ids(), m.logits(h), served.labels());
        INDArray labels = m.currentLabels();
        if (labels != null && (labels.rows() != served.ids().length
                || !Arrays.equals(OneHot.classIndices(labels, r -> served.ids()[(int) r]), served.labels()))) {
            throw outOfStep(served, labels.rows());
        }
        engine.observeTrainingBatch(batch);
    }

    private static IllegalStateException outOfStep(ServedBatch served, long rows) {
        return new IllegalStateException("The batch being trained (" + rows + " rows) is not the batch the"
                + " PruningIterator served next (ids " + Arrays.toString(Arrays.copyOf(served.ids(),
                Math.min(5, served.ids().length))) + "...). Add this listener to the model only once, and do"
                + " not read from the PruningIterator outside fit.");
    }
}
