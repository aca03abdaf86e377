package org.dataprune4j.tune;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A snapshot of what training changes in a network or graph: parameters, updater state (Adam's moments) and the
 * iteration and epoch counts (Adam's bias correction reads the iteration). Restoring it into a model of the same
 * configuration continues training exactly where the snapshot was taken, so one working copy serves every
 * candidate of a search.
 */
final class ModelState {
    private final INDArray params;
    private final INDArray updater;
    private final int iterations;
    private final int epochs;

    private ModelState(INDArray params, INDArray updater, int iterations, int epochs) {
        this.params = params;
        this.updater = updater;
        this.iterations = iterations;
        this.epochs = epochs;
    }

    /** Copies the model's state. */
    static ModelState of(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            INDArray u = net.getUpdater().getStateViewArray();
            return new ModelState(net.params().dup(), u == null ? null : u.dup(), net.getIterationCount(),
                    net.getEpochCount());
        }
        ComputationGraph graph = (ComputationGraph) model;
        INDArray u = graph.getUpdater().getStateViewArray();
        return new ModelState(graph.params().dup(), u == null ? null : u.dup(), graph.getIterationCount(),
                graph.getEpochCount());
    }

    /** Writes this state into {@code model}, which has the configuration the snapshot was taken from. */
    void restoreInto(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            net.params().assign(params);
            if (updater != null) {
                net.getUpdater().getStateViewArray().assign(updater);
            }
            net.setIterationCount(iterations);
            net.setEpochCount(epochs);
        } else {
            ComputationGraph graph = (ComputationGraph) model;
            graph.params().assign(params);
            if (updater != null) {
                graph.getUpdater().getStateViewArray().assign(updater);
            }
            graph.getConfiguration().setIterationCount(iterations);
            graph.getConfiguration().setEpochCount(epochs);
        }
    }
}
