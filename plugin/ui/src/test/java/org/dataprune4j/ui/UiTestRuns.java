package org.dataprune4j.ui;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Small generated data and models for the UI tests: 8x8 one-channel "images" of 3 classes, and MLPs over them. */
final class UiTestRuns {
    static final int SIDE = 8;
    static final int PIXELS = SIDE * SIDE;
    static final int CLASSES = 3;

    private UiTestRuns() {
    }

    /**
     * {@code perClass} examples of each class, flat rows of 64 values: class c brightens rows 3c..3c+1 of the
     * image, plus uniform noise; the last {@code flipped} examples get the next class's label (mislabelled).
     */
    static DataSet images(int perClass, int flipped, long seed) {
        int n = CLASSES * perClass;
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][PIXELS];
        float[][] y = new float[n][CLASSES];
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            for (int p = 0; p < PIXELS; p++) {
                int row = p / SIDE;
                x[i][p] = (float) (0.6 * random.nextDouble() + (row / 3 == c ? 0.5 : 0));
            }
            y[i][i >= n - flipped ? (c + 1) % CLASSES : c] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    static MultiLayerNetwork mlp(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(PIXELS).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(PIXELS).nOut(16).activation(Activation.RELU).build(),
                        "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
