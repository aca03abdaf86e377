package org.dataprune4j.internal;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link TrainedModel} of a {@code MultiLayerNetwork}; its layers are addressed by 0-based index. */
final class MultiLayerModel implements TrainedModel {
    private final MultiLayerNetwork net;
    /** One sigmoid output, scored as two classes. */
    private final boolean binary;

    MultiLayerModel(MultiLayerNetwork net, int numClasses) {
        this.net = net;
        int last = net.getnLayers() - 1;
        this.binary = numClasses != ANY_OUTPUT && OutputLayers.requireClassifier(
                net.getLayerWiseConfigurations().getConf(last).getLayer(), numClasses, "The network's last layer");
    }

    @Override
    public boolean binarySigmoidOutput() {
        return binary;
    }

    @Override
    public Model model() {
        return net;
    }

    @Override
    public INDArray outputLayerInput(List<INDArray> layerActivations) {
        return preProcessed(layerActivations.get(layerActivations.size() - 1));
    }

    @Override
    public INDArray outputLayerInput(Map<String, INDArray> vertexActivations) {
        throw new IllegalStateException("A MultiLayerNetwork reports its activations as a list, not by vertex name");
    }

    /** The output layer's input after its input pre-processor (e.g. CNN-to-dense flattening). */
    private INDArray preProcessed(INDArray lastHiddenActivation) {
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(net.getnLayers() - 1);
        INDArray h = lastHiddenActivation;
        if (pre != null) {
            h = pre.preProcess(h, (int) h.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        return h;
    }

    @Override
    public INDArray currentLabels() {
        return net.getLabels();
    }

    @Override
    public INDArray logits(INDArray h) {
        INDArray z = OutputLayers.logits(net.getOutputLayer(), h);
        return binary ? OutputLayers.twoClassLogits(z) : z;
    }

    @Override
    public INDArray outputLayerInputForFeatures(INDArray features, INDArray featuresMask) {
        if (net.getnLayers() == 1) {
            return preProcessed(features);
        }
        List<INDArray> activations = feedForwardToLayer(net.getnLayers() - 2, features, featuresMask);
        INDArray last = activations.get(activations.size() - 1);
        // Detached copies, freed only by the JVM's collector otherwise: release all but the features and the last.
        OffHeap.release(activations.subList(1, activations.size() - 1));
        INDArray h = preProcessed(last);
        if (h != last) {
            OffHeap.release(last);
        }
        return h;
    }

    @Override
    public INDArray output(INDArray features, INDArray featuresMask) {
        INDArray p = featuresMask == null ? net.output(features, false)
                : net.output(features, false, featuresMask, null);
        return binary ? OutputLayers.twoClassProbabilities(p) : p;
    }

    /**
     * DL4J's evaluation-mode pass to a layer, with the features mask when there is one: {@code feedForwardToLayer}
     * reads the network's mask field, so it is set for the pass and the previous one put back.
     */
    private List<INDArray> feedForwardToLayer(int layer, INDArray features, INDArray featuresMask) {
        if (featuresMask == null) {
            return net.feedForwardToLayer(layer, features, false);
        }
        INDArray previous = net.getMask();
        net.setMask(featuresMask);
        try {
            return net.feedForwardToLayer(layer, features, false);
        } finally {
            net.setMask(previous);
            net.clearLayerMaskArrays();
        }
    }

    @Override
    public TrainedModel freshInitialisation(long seed) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        for (NeuralNetConfiguration layerConf : conf.getConfs()) {
            layerConf.setSeed(seed);
        }
        MultiLayerNetwork fresh = new MultiLayerNetwork(conf);
        fresh.init();
        return new MultiLayerModel(fresh, binary);
    }

    private MultiLayerModel(MultiLayerNetwork fresh, boolean binary) {
        this.net = fresh;
        this.binary = binary;
    }

    @Override
    public void checkLayer(int layer, String what) {
        int layers = net.getnLayers();
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("Embedding layer index " + layer + " does not exist: the " + what
                    + " has " + layers + " layers, indices 0 to " + (layers - 1) + ". Pick one of them (the last"
                    + " hidden layer, " + Math.max(0, layers - 2) + ", is the usual choice).");
        }
    }

    @Override
    public void checkVertex(String vertex, String what) {
        throw new IllegalArgumentException("The " + what + " is a MultiLayerNetwork, whose layers have indices, not"
                + " vertex names (\"" + vertex + "\"); embed with a layer index instead, e.g."
                + " EmbeddingSpec.trainedModelLayer(" + Math.max(0, net.getnLayers() - 2) + ").");
    }

    @Override
    public INDArray layerActivations(INDArray features, INDArray featuresMask, int layer) {
        List<INDArray> activations = feedForwardToLayer(layer, features, featuresMask);
        // feedForwardToLayer returns copies outside any workspace, freed only when the JVM collects them; a
        // large heap then lets gigabytes of off-heap garbage pile up. Keep the last, release the others (index 0
        // is the caller's features).
        OffHeap.release(activations.subList(1, activations.size() - 1));
        return activations.get(activations.size() - 1);
    }

    @Override
    public INDArray vertexActivations(INDArray features, INDArray featuresMask, String vertex) {
        checkVertex(vertex, "network");
        throw new AssertionError("unreachable");
    }

    @Override
    public String describe() {
        return "MultiLayerNetwork with " + net.getnLayers() + " layers";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.BaseOutputLayer outputLayerConfiguration() {
        return (org.deeplearning4j.nn.conf.layers.BaseOutputLayer) WrappedLayers.innermost(
                net.getOutputLayer().conf().getLayer());
    }

    @Override
    public java.util.List<org.deeplearning4j.nn.conf.layers.Layer> layerConfigurations() {
        java.util.List<org.deeplearning4j.nn.conf.layers.Layer> confs = new java.util.ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            confs.add(layer.conf().getLayer());
        }
        return confs;
    }

    @Override
    public int iterationCount() {
        return net.getIterationCount();
    }

    @Override
    public int epochCount() {
        return net.getEpochCount();
    }

    @Override
    public void setEpochCount(int epochs) {
        net.setEpochCount(epochs);
    }
}
