package org.dataprune4j.tune;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
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

    /**
     * A copy of the model's configuration, parameters, updater state and iteration and epoch counts, with no
     * listeners. Not {@code ComputationGraph.clone()}: in 1.0.0-M2.1 it shares the original's listener list, so
     * clearing the copy's listeners clears the original's while it is training (a ConcurrentModificationException in
     * {@code fit}). A graph configuration's {@code clone()} leaves the counts at 0, so they are copied here: a
     * learning-rate schedule and Adam's bias correction read the iteration.
     */
    static Model copyOf(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            MultiLayerNetwork copy = net.clone();
            copy.setListeners(List.of());
            return copy;
        }
        if (model instanceof ComputationGraph graph) {
            ComputationGraph copy = new ComputationGraph(graph.getConfiguration().clone());
            copy.getConfiguration().setIterationCount(graph.getIterationCount());
            copy.getConfiguration().setEpochCount(graph.getEpochCount());
            copy.init(graph.params().dup(), false);
            INDArray state = graph.getUpdater().getStateViewArray();
            if (state != null) {
                copy.getUpdater().setStateViewArray(state.dup());
            }
            for (Layer layer : graph.getLayers()) {
                if (layer instanceof FrozenLayer) {
                    copy.getVertex(layer.conf().getLayer().getLayerName()).setLayerAsFrozen();
                }
            }
            return copy;
        }
        throw new IllegalArgumentException("Successive halving tunes a MultiLayerNetwork or a ComputationGraph;"
                + " got " + model.getClass().getName());
    }
}
