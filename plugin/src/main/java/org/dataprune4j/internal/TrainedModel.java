package org.dataprune4j.internal;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seam over the DL4J model being pruned: everything the scoring code asks of a {@code MultiLayerNetwork} or
 * a {@code ComputationGraph}, so that no other class switches on the model type. Internal.
 *
 * <p>Supported: a model with one input and one output layer, which is an {@code OutputLayer} with softmax and
 * multi-class cross-entropy (MCXENT or NLL; class weights allowed, the scores are computed unweighted), or with
 * one sigmoid output and binary cross-entropy for two classes, possibly wrapped as a frozen layer. The output
 * layer's input is called h below; logits = h W + b with the layer's current parameters. A sigmoid output is seen
 * as the equivalent two-class softmax: its logits are (0, z) and its outputs (1 - p, p), so every scorer reads
 * two classes.
 */
public interface TrainedModel {

    /**
     * The seam for a model, after checking that it can be scored; the one place that switches on the type.
     *
     * @param model the model a listener was called with
     * @param numClasses the number of classes in the training data (2 for labels of one binary column:
     *        {@link OneHot#classCount})
     * @throws IllegalArgumentException naming what is unsupported and what to do, for any other model
     */
    static TrainedModel of(Model model, int numClasses) {
        if (model instanceof MultiLayerNetwork net) {
            return new MultiLayerModel(net, numClasses);
        }
        if (model instanceof ComputationGraph graph) {
            return new GraphModel(graph, numClasses);
        }
        throw new IllegalArgumentException("DataPrune4J prunes the training data of a MultiLayerNetwork or a"
                + " ComputationGraph; got " + (model == null ? "null" : model.getClass().getName()) + ".");
    }

    /**
     * The seam for a model used for inference only (a pretrained embedding network): one input, any output.
     *
     * @throws IllegalArgumentException for a model type other than the two, or a graph with several inputs
     */
    static TrainedModel forInference(Model model) {
        return of(model, ANY_OUTPUT);
    }

    /** {@code numClasses} that skips the output layer check, for {@link #forInference}. */
    int ANY_OUTPUT = -1;

    /** Whether the output layer is one sigmoid output (a binary classifier), seen here as two softmax classes. */
    boolean binarySigmoidOutput();

    /**
     * Checks that labels of this width fit the output layer: one column (0 or 1) for one sigmoid output, one-hot
     * rows for softmax.
     *
     * @param labelWidth the training labels' columns
     * @throws IllegalArgumentException naming both fixes, when they do not fit
     */
    default void checkLabelWidth(int labelWidth) {
        if (binarySigmoidOutput() && labelWidth != 1) {
            throw new IllegalArgumentException("The output layer has one sigmoid output (a binary classifier) but"
                    + " the training labels have " + labelWidth + " columns; a sigmoid output trains on labels of"
                    + " one column holding 0 or 1. Give labels of one column (for one-hot rows, the column of the"
                    + " positive class), or make the output layer nOut(" + labelWidth + ") with Activation.SOFTMAX"
                    + " and LossFunction.MCXENT.");
        }
        if (!binarySigmoidOutput() && labelWidth == 1) {
            throw new IllegalArgumentException("The training labels have one column (read as binary classes 0 and"
                    + " 1), but the output layer is a softmax over 2 outputs; a softmax trains on one-hot labels of 2"
                    + " columns. Give one-hot labels, or make the output layer nOut(1) with Activation.SIGMOID and"
                    + " LossFunction.XENT.");
        }
    }

    /** The DL4J model behind this seam. */
    Model model();

    /**
     * The output layer's input h from the activations DL4J hands a network's {@code onForwardPass}: the input and
     * every layer's training-mode output up to the last hidden layer.
     *
     * @throws IllegalStateException for a graph, which reports vertex activations instead
     */
    INDArray outputLayerInput(List<INDArray> layerActivations);

    /**
     * The output layer's input h from the activations DL4J hands a graph's {@code onForwardPass}: every vertex's
     * training-mode output except the output layers', by vertex name.
     *
     * @throws IllegalStateException for a network, which reports layer activations instead
     */
    INDArray outputLayerInput(Map<String, INDArray> vertexActivations);

    /** The labels of the batch being trained, where the model exposes them (a network), else null. */
    INDArray currentLabels();

    /** The output layer's logits (before softmax) for its input h; (0, z) for one sigmoid output z. */
    INDArray logits(INDArray h);

    /**
     * The output layer's input h for a batch of features, in evaluation mode (no dropout). The caller releases
     * it with {@link OffHeap#release} unless it is the features array itself.
     *
     * @param featuresMask the batch's features mask (time steps of variable-length sequences), or null
     */
    INDArray outputLayerInputForFeatures(INDArray features, INDArray featuresMask);

    /**
     * The softmax outputs for a batch of features, in evaluation mode; a detached copy. For one sigmoid output p,
     * the two columns (1 - p, p); for a model {@link #forInference}, the model's own output.
     *
     * @param featuresMask the batch's features mask, or null
     */
    INDArray output(INDArray features, INDArray featuresMask);

    /** A new model of the same configuration, freshly initialised with parameter seed {@code seed}. */
    TrainedModel freshInitialisation(long seed);

    /**
     * Checks that a layer (network, 0-based index) exists.
     *
     * @throws IllegalArgumentException if it does not, or if this is a graph (whose layers are named)
     */
    void checkLayer(int layer, String what);

    /**
     * Checks that a vertex (graph, by name) exists.
     *
     * @throws IllegalArgumentException if it does not, or if this is a network (whose layers are indexed)
     */
    void checkVertex(String vertex, String what);

    /**
     * The evaluation-mode output of layer {@code layer} (network) for a batch of features. The caller releases it
     * with {@link OffHeap#release} unless it is the features array itself.
     *
     * @param featuresMask the batch's features mask, or null
     */
    INDArray layerActivations(INDArray features, INDArray featuresMask, int layer);

    /**
     * The evaluation-mode output of vertex {@code vertex} (graph) for a batch of features. The caller releases it
     * with {@link OffHeap#release} unless it is the features array itself.
     *
     * @param featuresMask the batch's features mask, or null
     */
    INDArray vertexActivations(INDArray features, INDArray featuresMask, String vertex);

    /**
     * The output layer's configuration (inside any frozen wrapper): the object whose loss function DL4J reads at every
     * batch, so setting its loss takes effect at the next batch.
     */
    org.deeplearning4j.nn.conf.layers.BaseOutputLayer outputLayerConfiguration();

    /** The configuration of every layer the model trains with, in the model's order (the objects DL4J uses). */
    List<org.deeplearning4j.nn.conf.layers.Layer> layerConfigurations();

    /** The model's count of iterations trained: the index of the next iteration. */
    int iterationCount();

    /** DL4J's count of epochs trained, which it increments after the listeners' {@code onEpochEnd}. */
    int epochCount();

    /** Sets DL4J's count of epochs trained. */
    void setEpochCount(int epochs);

    /** For messages: what the model is, e.g. "MultiLayerNetwork with 3 layers". */
    String describe();
}
