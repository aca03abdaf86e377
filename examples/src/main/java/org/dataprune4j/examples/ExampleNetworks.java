package org.dataprune4j.examples;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
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

    /** An MLP with the given hidden sizes, ReLU, softmax + cross-entropy, Adam 1e-3. */
    public static MultiLayerNetwork mlp(int nIn, int[] hidden, int classes, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(1e-3))
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
}
