package org.dataprune4j.internal;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.dataprune4j.loss.WeightedLoss;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The output layer, for both model types: the check that it can be scored (an OutputLayer, frozen or not, with
 * softmax and MCXENT, with or without class weights: the scores are computed unweighted, as each example's
 * difficulty, and the weights act on training only) and its logits.
 */
final class OutputLayers {
    private OutputLayers() {
    }

    /**
     * @param layer the output layer's configuration, possibly a frozen wrapper
     * @param where e.g. "The network's last layer" or "The graph's output layer \"out\""
     */
    static void requireSoftmaxCrossEntropy(Layer layer, int numClasses, String where) {
        Layer inner = WrappedLayers.innermost(layer);
        if (!(inner instanceof OutputLayer output) || inner.getClass() != OutputLayer.class) {
            throw new IllegalArgumentException(where + " is " + inner.getClass().getSimpleName() + "; EL2N, GraNd"
                    + " and forgetting need an OutputLayer with Activation.SOFTMAX and LossFunction.MCXENT (or"
                    + " NEGATIVELOGLIKELIHOOD).");
        }
        IActivation activation = output.getActivationFn();
        ILossFunction loss = output.getLossFn() instanceof WeightedLoss weighted ? weighted.inner() : output.getLossFn();
        if (!(activation instanceof ActivationSoftmax) || !(loss instanceof LossMCXENT)) {
            throw new IllegalArgumentException(where + " has activation " + activation + " and loss " + loss
                    + "; EL2N and GraNd are defined for softmax with multi-class cross-entropy. Use"
                    + " .activation(Activation.SOFTMAX).lossFunction(LossFunction.MCXENT) on the OutputLayer.");
        }
        if (output.getNOut() != numClasses) {
            throw new IllegalArgumentException(where + " has " + output.getNOut() + " outputs but the training"
                    + " data has " + numClasses + " classes; they must match.");
        }
    }

    /**
     * logits = h W + b with the output layer's current parameters (a frozen wrapper delegates them); the layer's
     * own input dropout, if any, is not applied.
     */
    static INDArray logits(org.deeplearning4j.nn.api.Layer output, INDArray h) {
        INDArray w = output.getParam("W");
        INDArray b = output.getParam("b");
        INDArray z = h.castTo(w.dataType()).mmul(w);
        return b == null ? z : z.addiRowVector(b);
    }
}
