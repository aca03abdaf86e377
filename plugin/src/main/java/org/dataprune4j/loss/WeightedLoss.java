package org.dataprune4j.loss;

import static java.util.Objects.requireNonNull;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * An output layer's own loss with each example's score and gradient multiplied by a per-example weight: the
 * loss-weighting that soft pruning needs (InfoBatch rescales the kept low-score examples by 1 / (1 - r) so that the
 * expected gradient of an epoch is unchanged). DL4J has no per-example loss weight, and the labels mask is not
 * one: the output layer multiplies its pre-activations by the mask as well as the loss.
 *
 * <p>Exact: an example weighted w adds w times its loss to the batch's summed loss and w times its gradient with
 * respect to the pre-activations, so w times its contribution to every parameter gradient. The batch score is
 * averaged over the number of examples (as DL4J averages), not over the weights' sum. A user's 0/1 labels mask is
 * applied by the inner loss first, so a masked example stays at 0 whatever its weight. Without weights published,
 * or when the batch has another number of rows than the weights (a score asked outside training), this loss is
 * exactly the inner loss.
 *
 * <p>With an adaptive optimiser (Adam, RMSProp, AdaGrad) a weight changes an example's share of each batch
 * gradient, but not the step size in proportion: Adam divides by a running root mean square of the gradients, so
 * a uniform scale of every weight cancels out, and only the weights' relative sizes within and across batches
 * matter. With SGD or momentum the weight scales the step directly.
 *
 * <p>The {@code PruningListener} installs it on the output layer for the epochs that train with weights and puts
 * the layer's own loss back at the end of each, so a model saved after training carries its original loss. A model
 * saved mid-epoch (a checkpoint every n iterations) carries this class in its configuration; it then loads as its
 * inner loss with no weights, and needs DataPrune4J on the classpath.
 */
public final class WeightedLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("inner")
    private ILossFunction inner;
    @JsonIgnore
    private transient BatchWeights weights;

    /** For deserialisation: a wrapper without weights, the inner loss set by Jackson. */
    public WeightedLoss() {
    }

    /**
     * @param inner the output layer's own loss
     * @param weights where the weights of the batch being trained are published
     */
    public WeightedLoss(ILossFunction inner, BatchWeights weights) {
        this.inner = requireNonNull(inner, "inner");
        this.weights = requireNonNull(weights, "weights");
    }

    /** The wrapped loss. */
    public ILossFunction inner() {
        return inner;
    }

    /** The current batch's weights as a column vector of the pre-activations' type, or null for none. */
    private INDArray column(INDArray preOutput) {
        float[] w = weights == null ? null : weights.current();
        if (w == null || w.length != preOutput.size(0)) {
            return null;
        }
        return Nd4j.create(w, new long[] {w.length, 1}, 'c').castTo(preOutput.dataType());
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray w = column(preOutput);
        if (w == null) {
            return inner.computeScore(labels, preOutput, activationFn, mask, average);
        }
        double score = inner.computeScoreArray(labels, preOutput, activationFn, mask).muli(w).sumNumber()
                .doubleValue();
        return average ? score / preOutput.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray scores = inner.computeScoreArray(labels, preOutput, activationFn, mask);
        INDArray w = column(preOutput);
        return w == null ? scores : scores.muli(w);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray gradient = inner.computeGradient(labels, preOutput, activationFn, mask);
        INDArray w = column(preOutput);
        return w == null ? gradient : gradient.muliColumnVector(w);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "Weighted(" + inner.name() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedLoss other && inner.equals(other.inner);
    }

    @Override
    public int hashCode() {
        return 31 * inner.hashCode() + 7;
    }

    @Override
    public String toString() {
        return name();
    }
}
