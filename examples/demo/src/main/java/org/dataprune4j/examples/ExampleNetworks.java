package org.dataprune4j.examples;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The networks the examples train. */
public final class ExampleNetworks {
    private ExampleNetworks() {
    }

    /**
     * The reference MLP of the research notes: 784-512-256-10, ReLU, softmax + cross-entropy, Adam 1e-3.
     *
     * @param seed initialisation seed
     */
    public static MultiLayerNetwork mlp(long seed) {
        return mlp(784, new int[] {512, 256}, 10, seed);
    }

    /** The reference MLP with another updater (for example {@code new Adam(fittedSchedule)}). */
    public static MultiLayerNetwork mlp(long seed, IUpdater updater) {
        return mlp(784, new int[] {512, 256}, 10, seed, updater);
    }

    /**
     * The reference MLP as a binary classifier: 784-512-256-1, ReLU, one sigmoid output with binary cross-entropy
     * (labels of one column, 0 or 1).
     */
    public static MultiLayerNetwork binaryMlp(long seed, IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(512).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(512).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(256).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build());
        net.init();
        return net;
    }

    /** An MLP with the given hidden sizes, ReLU, softmax + cross-entropy, Adam 1e-3. */
    public static MultiLayerNetwork mlp(int nIn, int[] hidden, int classes, long seed) {
        return mlp(nIn, hidden, classes, seed, new Adam(1e-3));
    }

    /** An MLP with the given hidden sizes and updater, ReLU, softmax + cross-entropy. */
    public static MultiLayerNetwork mlp(int nIn, int[] hidden, int classes, long seed, IUpdater updater) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list();
        int in = nIn;
        for (int h : hidden) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(h).activation(Activation.RELU).build());
            in = h;
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(classes)
                .activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * A recurrent classifier of images read row by row (sequential MNIST): an LSTM of {@code hidden} units over
     * sequences of {@code channels} values a step, {@code LastTimeStep}, softmax + cross-entropy.
     */
    public static MultiLayerNetwork rowLstm(int channels, int hidden, int classes, long seed, IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(channels).nOut(hidden).activation(Activation.TANH)
                        .build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * The reference MLP built as a {@code ComputationGraph}: input "in", dense layers "dense0", "dense1", ...,
     * output "out"; the same layers, initialisation and updater as {@link #mlp(long)}.
     *
     * @param seed initialisation seed
     */
    public static ComputationGraph mlpGraph(long seed) {
        return mlpGraph(784, new int[] {512, 256}, 10, seed);
    }

    /** {@link #mlp(int, int[], int, long)} built as a {@code ComputationGraph}. */
    public static ComputationGraph mlpGraph(int nIn, int[] hidden, int classes, long seed) {
        return mlpGraph(nIn, hidden, classes, seed, new Adam(1e-3));
    }

    /** {@link #mlp(int, int[], int, long, IUpdater)} built as a {@code ComputationGraph}. */
    public static ComputationGraph mlpGraph(int nIn, int[] hidden, int classes, long seed, IUpdater updater) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in");
        int in = nIn;
        String previous = "in";
        for (int i = 0; i < hidden.length; i++) {
            graph.addLayer("dense" + i, new DenseLayer.Builder().nIn(in).nOut(hidden[i]).activation(Activation.RELU)
                    .build(), previous);
            in = hidden[i];
            previous = "dense" + i;
        }
        graph.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(in).nOut(classes)
                .activation(Activation.SOFTMAX).build(), previous).setOutputs("out");
        ComputationGraph net = new ComputationGraph(graph.build());
        net.init();
        return net;
    }

    /**
     * The network the demo and the benchmarks train, by name: {@code mlp} ({@link #mlp(long)}) or {@code graph}
     * ({@link #mlpGraph(long)}).
     *
     * @throws IllegalArgumentException for another name
     */
    public static Model reference(String kind, long seed) {
        return requireKnown(kind).equals("graph") ? mlpGraph(seed) : mlp(seed);
    }

    /** The network of {@link #reference(String, long)} with another updater (a fitted learning-rate schedule). */
    public static Model reference(String kind, long seed, IUpdater updater) {
        return requireKnown(kind).equals("graph") ? mlpGraph(784, new int[] {512, 256}, 10, seed, updater)
                : mlp(seed, updater);
    }

    /**
     * Checks a model name for {@link #reference}.
     *
     * @return the name
     * @throws IllegalArgumentException if it is neither {@code mlp} nor {@code graph}
     */
    public static String requireKnown(String kind) {
        if (!kind.equals("mlp") && !kind.equals("graph")) {
            throw new IllegalArgumentException("model=" + kind + " is not a model; use model=mlp (a"
                    + " MultiLayerNetwork) or model=graph (the same network as a ComputationGraph)");
        }
        return kind;
    }
}
