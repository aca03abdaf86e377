package org.dataprune4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link TrainedModel} of a {@code ComputationGraph} with one input and one output layer; its vertices are
 * addressed by name. Any hidden structure (merge, element-wise, residual, frozen vertices) is supported: only the
 * output layer and the vertex that feeds it are read.
 */
final class GraphModel implements TrainedModel {
    private final ComputationGraph graph;
    private final String outputName;
    private final String outputInputName;
    private final InputPreProcessor outputPreProcessor;
    /** One sigmoid output, scored as two classes. */
    private final boolean binary;

    GraphModel(ComputationGraph graph, int numClasses) {
        this.graph = graph;
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<String> inputs = conf.getNetworkInputs();
        List<String> outputs = conf.getNetworkOutputs();
        if (inputs.size() != 1 || (numClasses != ANY_OUTPUT && outputs.size() != 1)) {
            throw new IllegalArgumentException("The ComputationGraph has " + inputs.size() + " input(s) " + inputs
                    + " and " + outputs.size() + " output(s) " + outputs + "; DataPrune4J "
                    + (numClasses == ANY_OUTPUT ? "embeds with graphs of one input" : "prunes graphs with one"
                    + " input and one output layer, trained with fit(DataSetIterator) on a PruningIterator") + "."
                    + " For several inputs or outputs, score a single-input, single-output copy of the graph.");
        }
        this.outputName = outputs.get(0);
        GraphVertex out = conf.getVertices().get(outputName);
        if (numClasses != ANY_OUTPUT) {
            if (!(out instanceof LayerVertex layerVertex)) {
                throw new IllegalArgumentException("The graph's output \"" + outputName + "\" is a "
                        + out.getClass().getSimpleName() + ", not a layer; end the graph in an OutputLayer with"
                        + " softmax and MCXENT.");
            }
            this.binary = OutputLayers.requireClassifier(layerVertex.getLayerConf().getLayer(), numClasses,
                    "The graph's output layer \"" + outputName + "\"");
        } else {
            this.binary = false;
        }
        this.outputInputName = conf.getVertexInputs().get(outputName).get(0);
        this.outputPreProcessor = out instanceof LayerVertex layerVertex ? layerVertex.getPreProcessor() : null;
    }

    private GraphModel(ComputationGraph fresh, GraphModel like) {
        this.graph = fresh;
        this.outputName = like.outputName;
        this.outputInputName = like.outputInputName;
        this.outputPreProcessor = like.outputPreProcessor;
        this.binary = like.binary;
    }

    @Override
    public boolean binarySigmoidOutput() {
        return binary;
    }

    @Override
    public Model model() {
        return graph;
    }

    @Override
    public INDArray outputLayerInput(List<INDArray> layerActivations) {
        throw new IllegalStateException("A ComputationGraph reports its activations by vertex name, not as a list");
    }

    @Override
    public INDArray outputLayerInput(Map<String, INDArray> vertexActivations) {
        INDArray a = vertexActivations.get(outputInputName);
        if (a == null) {
            throw new IllegalStateException("The graph's forward pass reported no activations for \""
                    + outputInputName + "\", the vertex that feeds the output layer \"" + outputName + "\" (got "
                    + vertexActivations.keySet() + ")");
        }
        return preProcessed(a);
    }

    private INDArray preProcessed(INDArray a) {
        return outputPreProcessor == null ? a
                : outputPreProcessor.preProcess(a, (int) a.size(0), LayerWorkspaceMgr.noWorkspaces());
    }

    @Override
    public INDArray currentLabels() {
        // ComputationGraph keeps its labels private; the iterator's record of the served batch supplies them.
        return null;
    }

    @Override
    public INDArray logits(INDArray h) {
        INDArray z = OutputLayers.logits(graph.getLayer(outputName), h);
        return binary ? OutputLayers.twoClassLogits(z) : z;
    }

    @Override
    public INDArray outputLayerInputForFeatures(INDArray features, INDArray featuresMask) {
        INDArray a = vertexActivations(features, featuresMask, outputInputName);
        INDArray h = preProcessed(a);
        if (h != a && a != features) {
            OffHeap.release(a);
        }
        return h;
    }

    @Override
    public INDArray output(INDArray features, INDArray featuresMask) {
        INDArray p = featuresMask == null ? graph.output(false, features)[0]
                : graph.output(false, new INDArray[] {features}, new INDArray[] {featuresMask})[0];
        return binary ? OutputLayers.twoClassProbabilities(p) : p;
    }

    @Override
    public TrainedModel freshInitialisation(long seed) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        if (conf.getDefaultConfiguration() != null) {
            conf.getDefaultConfiguration().setSeed(seed);
        }
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex layerVertex) {
                layerVertex.getLayerConf().setSeed(seed);
            }
        }
        ComputationGraph fresh = new ComputationGraph(conf);
        fresh.init();
        return new GraphModel(fresh, this);
    }

    @Override
    public void checkLayer(int layer, String what) {
        throw new IllegalArgumentException("The " + what + " is a ComputationGraph, whose layers are named, not"
                + " indexed (" + layer + "); embed with a vertex name instead, e.g."
                + " EmbeddingSpec.trainedModelVertex(\"" + outputInputName + "\"). Its vertices: " + vertexNames());
    }

    @Override
    public void checkVertex(String vertex, String what) {
        if (!vertexNames().contains(vertex)) {
            throw new IllegalArgumentException("Embedding vertex \"" + vertex + "\" does not exist in the " + what
                    + "; its vertices are " + vertexNames() + " (\"" + outputInputName + "\", which feeds the output"
                    + " layer, is the usual choice).");
        }
        if (vertex.equals(outputName)) {
            throw new IllegalArgumentException("Embedding vertex \"" + vertex + "\" is the output layer of the "
                    + what + "; embed with a hidden vertex, e.g. \"" + outputInputName + "\".");
        }
    }

    private List<String> vertexNames() {
        List<String> names = new ArrayList<>(graph.getConfiguration().getNetworkInputs());
        for (String name : graph.getConfiguration().getVertices().keySet()) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public INDArray layerActivations(INDArray features, INDArray featuresMask, int layer) {
        checkLayer(layer, "graph");
        throw new AssertionError("unreachable");
    }

    @Override
    public INDArray vertexActivations(INDArray features, INDArray featuresMask, String vertex) {
        graph.setInputs(features);
        if (featuresMask != null) {
            graph.setLayerMaskArrays(new INDArray[] {featuresMask}, null);
        }
        // Every vertex but the output layer, in evaluation mode, as detached copies (the input vertex's entry is the
        // caller's features array): keep the one asked for, release the rest now rather than at garbage collection.
        Map<String, INDArray> all;
        try {
            all = graph.feedForward(false, true, true);
        } finally {
            graph.setInputs((INDArray[]) null);
            if (featuresMask != null) {
                graph.clearLayerMaskArrays();
            }
        }
        INDArray wanted = all.remove(vertex);
        if (wanted == null) {
            throw new IllegalStateException("The graph's evaluation pass gave no activations for \"" + vertex + "\"");
        }
        List<INDArray> others = new ArrayList<>();
        for (INDArray a : all.values()) {
            if (a != features && a != wanted) {
                others.add(a);
            }
        }
        OffHeap.release(others);
        return wanted;
    }

    @Override
    public String describe() {
        return "ComputationGraph with " + graph.getConfiguration().getVertices().size() + " vertices, output \""
                + outputName + "\" fed by \"" + outputInputName + "\"";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.BaseOutputLayer outputLayerConfiguration() {
        return (org.deeplearning4j.nn.conf.layers.BaseOutputLayer) WrappedLayers.innermost(
                graph.getLayer(outputName).conf().getLayer());
    }

    @Override
    public java.util.List<org.deeplearning4j.nn.conf.layers.Layer> layerConfigurations() {
        java.util.List<org.deeplearning4j.nn.conf.layers.Layer> confs = new java.util.ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            confs.add(layer.conf().getLayer());
        }
        return confs;
    }

    @Override
    public int iterationCount() {
        return graph.getIterationCount();
    }

    @Override
    public int epochCount() {
        return graph.getEpochCount();
    }

    @Override
    public void setEpochCount(int epochs) {
        graph.getConfiguration().setEpochCount(epochs);
    }
}
