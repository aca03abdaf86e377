package org.dataprune4j.listener;

import java.util.List;
import org.dataprune4j.score.OffHeap;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output layer's maths, done outside the network so that the training pass needs no second forward pass:
 * from the output layer's input h, logits = h W + b with the layer's current parameters.
 *
 * <p>The output layer's own dropout, if any, is not applied: the logits are those of the layer without
 * dropout on its input.
 */
final class LastLayer {
    private LastLayer() {
    }

    /** The output layer's input, after its input pre-processor (e.g. CNN-to-dense flattening). */
    static INDArray outputLayerInput(MultiLayerNetwork net, INDArray lastHiddenActivation) {
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(net.getnLayers() - 1);
        INDArray h = lastHiddenActivation;
        if (pre != null) {
            h = pre.preProcess(h, (int) h.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        return h;
    }

    /** The output layer's logits (before softmax) for its input h. */
    static INDArray logits(MultiLayerNetwork net, INDArray h) {
        Layer output = net.getOutputLayer();
        INDArray w = output.getParam("W");
        INDArray b = output.getParam("b");
        INDArray z = h.castTo(w.dataType()).mmul(w);
        return b == null ? z : z.addiRowVector(b);
    }

    /** The output layer's input for a batch of features, in evaluation mode (no dropout). */
    static INDArray outputLayerInputForFeatures(MultiLayerNetwork net, INDArray features) {
        if (net.getnLayers() == 1) {
            return outputLayerInput(net, features);
        }
        List<INDArray> activations = net.feedForwardToLayer(net.getnLayers() - 2, features, false);
        INDArray last = activations.get(activations.size() - 1);
        // Detached copies, freed only by the JVM's collector otherwise: release all but the features and the last.
        OffHeap.release(activations.subList(1, activations.size() - 1));
        INDArray h = outputLayerInput(net, last);
        if (h != last) {
            OffHeap.release(last);
        }
        return h;
    }
}
