package org.dataprune4j.listener;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Checks that a model can be scored: a MultiLayerNetwork ending in softmax + multi-class cross-entropy. */
final class OutputLayerCheck {
    private OutputLayerCheck() {
    }

    static MultiLayerNetwork requireScorable(Model model, int numClasses) {
        if (!(model instanceof MultiLayerNetwork net)) {
            throw new IllegalArgumentException("PruningListener supports MultiLayerNetwork only; got "
                    + (model == null ? "null" : model.getClass().getSimpleName()) + ". ComputationGraph is not"
                    + " supported yet: build the model as a MultiLayerNetwork (NeuralNetConfiguration.Builder"
                    + ".list()) to prune its training data.");
        }
        int last = net.getnLayers() - 1;
        Layer layer = net.getLayerWiseConfigurations().getConf(last).getLayer();
        if (!(layer instanceof OutputLayer output) || layer.getClass() != OutputLayer.class) {
            throw new IllegalArgumentException("The network's last layer is " + layer.getClass().getSimpleName()
                    + "; EL2N, GraNd and forgetting need an OutputLayer with Activation.SOFTMAX and"
                    + " LossFunction.MCXENT (or NEGATIVELOGLIKELIHOOD).");
        }
        IActivation activation = output.getActivationFn();
        ILossFunction loss = output.getLossFn();
        if (!(activation instanceof ActivationSoftmax) || !(loss instanceof LossMCXENT mcxent)) {
            throw new IllegalArgumentException("The output layer has activation " + activation + " and loss "
                    + loss + "; EL2N and GraNd are defined for softmax with multi-class cross-entropy. Use"
                    + " .activation(Activation.SOFTMAX).lossFunction(LossFunction.MCXENT) on the OutputLayer.");
        }
        if (mcxent.getWeights() != null) {
            throw new IllegalArgumentException("The output layer's loss has class weights; the scores assume an"
                    + " unweighted multi-class cross-entropy. Remove the weights to prune with DataPrune4J.");
        }
        if (output.getNOut() != numClasses) {
            throw new IllegalArgumentException("The output layer has " + output.getNOut() + " outputs but the"
                    + " training data has " + numClasses + " classes; they must match.");
        }
        return net;
    }
}
