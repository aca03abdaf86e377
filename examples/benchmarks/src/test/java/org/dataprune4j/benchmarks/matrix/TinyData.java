package org.dataprune4j.benchmarks.matrix;

import java.util.List;
import java.util.SplittableRandom;
import org.dataprune4j.data.LabelledImages;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Generated 8x8 images of 3 classes (a bright quadrant per class plus noise), for the matrix's tests. */
public final class TinyData implements MatrixData {
    public static final int SIDE = 8;

    /** {@code perClass} images of each class, seeded. */
    public static LabelledImages images(int perClass, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 3 * perClass;
        byte[][] pixels = new byte[n][SIDE * SIDE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean lit = c == 0 ? y < 4 : c == 1 ? x < 4 : (x >= 4 && y >= 4);
                    int v = (lit ? 150 : 40) + random.nextInt(100);
                    pixels[i][y * SIDE + x] = (byte) Math.min(255, v);
                }
            }
        }
        return new LabelledImages(pixels, labels, 3);
    }

    /**
     * The same splits as a sweep's data source (train 120, validation 30, test 60), for the crossover and
     * noise-study tests.
     */
    public static org.dataprune4j.benchmarks.crossover.SweepData sweepData() {
        TinyData tiny = new TinyData();
        return new org.dataprune4j.benchmarks.crossover.SweepData() {
            @Override
            public Splits load(String dataset) {
                return tiny.load(dataset, null);
            }

            @Override
            public MultiLayerNetwork network(Splits splits, long seed) {
                return tiny.network(splits, seed);
            }
        };
    }

    @Override
    public Splits load(String dataset, MatrixSpec spec) {
        return new Splits(images(40, 1), images(10, 2), images(20, 3), SIDE, SIDE, List.of("top", "left", "corner"));
    }

    /** A 64-16-3 MLP with Adam 1e-2: a few updates per epoch suffice on these images. */
    @Override
    public MultiLayerNetwork network(Splits splits, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(SIDE * SIDE).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }
}
