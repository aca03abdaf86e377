package org.dataprune4j.internal;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.factory.Nd4j;
import org.dataprune4j.loss.WeightedLoss;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The output layer, for both model types: the check that it can be scored and its logits. Scored: an
 * OutputLayer, frozen or not, with softmax and MCXENT, or, for two classes, one output with sigmoid and binary
 * cross-entropy (XENT), which is scored as the equivalent two-class softmax with logits (0, z). Class weights
 * are allowed: the scores are computed unweighted, as each example's difficulty, and the weights act on training
 * only.
 */
final class OutputLayers {
    private static final String WHAT_TO_USE = "an OutputLayer with Activation.SOFTMAX and LossFunction.MCXENT (or"
            + " NEGATIVELOGLIKELIHOOD) and one-hot labels, or, for two classes, an OutputLayer with nOut(1),"
            + " Activation.SIGMOID and LossFunction.XENT and labels of one column holding 0 or 1";

    private OutputLayers() {
    }

    /**
     * @param layer the output layer's configuration, possibly a frozen wrapper
     * @param numClasses the classes of the training data (2 for a binary label column)
     * @param where e.g. "The network's last layer" or "The graph's output layer \"out\""
     * @return true for a binary sigmoid output (one output, scored as two classes), false for softmax
     * @throws IllegalArgumentException naming what is unsupported and what to use instead
     */
    static boolean requireClassifier(Layer layer, int numClasses, String where) {
        Layer inner = WrappedLayers.innermost(layer);
        if (!(inner instanceof OutputLayer output) || inner.getClass() != OutputLayer.class) {
            throw new IllegalArgumentException(where + " is " + inner.getClass().getSimpleName() + "; EL2N, GraNd"
                    + " and forgetting need " + WHAT_TO_USE + ".");
        }
        IActivation activation = output.getActivationFn();
        ILossFunction loss = output.getLossFn() instanceof WeightedLoss weighted ? weighted.inner() : output.getLossFn();
        if (activation instanceof ActivationSigmoid && loss instanceof LossBinaryXENT) {
            if (output.getNOut() != 1) {
                throw new IllegalArgumentException(where + " has " + output.getNOut() + " sigmoid outputs with"
                        + " binary cross-entropy: a multi-label classifier, where an example may belong to several"
                        + " classes. DataPrune4J's scores and class rules need one class per example: use "
                        + WHAT_TO_USE + ".");
            }
            if (numClasses != 2) {
                throw new IllegalArgumentException(where + " has one sigmoid output (a binary classifier) but the"
                        + " training data has " + numClasses + " classes; a sigmoid output needs labels of one"
                        + " column holding 0 or 1.");
            }
            return true;
        }
        if (!(activation instanceof ActivationSoftmax) || !(loss instanceof LossMCXENT)) {
            throw new IllegalArgumentException(where + " has activation " + activation + " and loss " + loss
                    + "; EL2N and GraNd are defined for softmax with multi-class cross-entropy, and for one"
                    + " sigmoid output with binary cross-entropy. Use " + WHAT_TO_USE + ".");
        }
        if (output.getNOut() != numClasses) {
            throw new IllegalArgumentException(where + " has " + output.getNOut() + " outputs but the training"
                    + " data has " + numClasses + " classes; they must match.");
        }
        return false;
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

    /**
     * The logits of the two-class softmax equivalent to one sigmoid output: (0, z), whose softmax is
     * (1 - sigmoid(z), sigmoid(z)). Releases {@code z}.
     */
    static INDArray twoClassLogits(INDArray z) {
        INDArray two = Nd4j.hstack(Nd4j.zeros(z.dataType(), z.size(0), 1), z);
        OffHeap.release(z);
        return two;
    }

    /** The two-class probabilities (1 - p, p) of one sigmoid output p. Releases {@code p}. */
    static INDArray twoClassProbabilities(INDArray p) {
        INDArray two = Nd4j.hstack(p.rsub(1.0), p);
        OffHeap.release(p);
        return two;
    }
}
