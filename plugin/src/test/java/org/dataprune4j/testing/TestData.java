package org.dataprune4j.testing;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small generated data sets and networks for unit tests. */
public final class TestData {
    private static final double ID_SCALE = 1000.0;

    private TestData() {
    }

    /**
     * Gaussian blobs: {@code perClass} examples of each of {@code classes} classes in {@code dims} dimensions,
     * class centres on the axes, unit noise. Feature column 0 holds the example id / 1000 (so tests can read
     * which example a row is without disturbing training); the remaining columns hold the signal.
     */
    public static DataSet blobs(int classes, int perClass, int dims, long seed) {
        int n = classes * perClass;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][dims + 1];
        double[][] y = new double[n][classes];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            x[i][0] = i / ID_SCALE;
            for (int d = 1; d <= dims; d++) {
                double centre = (d - 1) % classes == c ? 3.0 : 0.0;
                x[i][d] = centre + gaussian(random);
            }
            y[i][c] = 1.0;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    /** The ids written into column 0 of each row of a batch's features. */
    public static int[] idsOf(INDArray features) {
        double[] col = features.getColumn(0).toDoubleVector();
        int[] ids = new int[col.length];
        for (int i = 0; i < col.length; i++) {
            ids[i] = (int) Math.round(col[i] * ID_SCALE);
        }
        return ids;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** A small MLP: nIn -> hidden (relu) -> classes (softmax, MCXENT), Adam 1e-2, fixed seed. */
    public static MultiLayerNetwork mlp(int nIn, int hidden, int classes, long seed) {
        return mlp(nIn, hidden, classes, seed, new Adam(1e-2));
    }

    /** The same MLP with another updater ({@code new Sgd(0.0)} freezes the weights; DL4J's NoOp applies the raw gradient). */
    public static MultiLayerNetwork mlp(int nIn, int hidden, int classes, long seed, IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * The data with its last {@code count} examples given a placeholder label (class 0) and a zero labels mask
     * ({@code [n, 1]}): DL4J trains nothing from them.
     */
    public static DataSet withLastMasked(DataSet data, int count) {
        int n = data.numExamples();
        int classes = (int) data.getLabels().size(1);
        org.nd4j.linalg.api.ndarray.INDArray mask = org.nd4j.linalg.factory.Nd4j.ones(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 1);
        float[] placeholder = new float[classes];
        placeholder[0] = 1;
        for (int id = n - count; id < n; id++) {
            mask.putScalar(id, 0, 0);
            data.getLabels().putRow(id, org.nd4j.linalg.factory.Nd4j.create(placeholder));
        }
        data.setLabelsMaskArray(mask);
        return data;
    }
}
