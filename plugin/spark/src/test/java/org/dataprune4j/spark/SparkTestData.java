package org.dataprune4j.spark;

import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Small generated data, networks and a local Spark context for the Spark tests. */
final class SparkTestData {
    private SparkTestData() {
    }

    /** A local[2] context without the UI. */
    static JavaSparkContext localSpark() {
        return new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("dataprune4j-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "localhost"));
    }

    /**
     * {@code classes x perClass} examples in {@code dims} dimensions, interleaved by class: Gaussian blobs around
     * centres 2.5 apart with unit noise (they overlap, so scores spread) and 5% of the labels flipped.
     */
    static DataSet blobs(int classes, int perClass, int dims, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[classes][dims];
        for (double[] c : centres) {
            for (int d = 0; d < dims; d++) {
                c[d] = 2.5 * (random.nextDouble() - 0.5) * 2;
            }
        }
        int n = classes * perClass;
        float[][] x = new float[n][dims];
        float[][] y = new float[n][classes];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            for (int d = 0; d < dims; d++) {
                x[i][d] = (float) (centres[c][d] + gaussian(random));
            }
            int label = random.nextDouble() < 0.05 ? random.nextInt(classes) : c;
            y[i][label] = 1;
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    /** Scores keyed by example id as an array indexed by id; every id in [0, n) must be there. */
    static double[] byId(Map<Long, Double> scores, int n) {
        double[] out = new double[n];
        for (int id = 0; id < n; id++) {
            int i = id;
            out[id] = Objects.requireNonNull(scores.get((long) id), () -> "no score for example " + i);
        }
        return out;
    }

    /** Decisions keyed by example id as a {@link Selection}; every id in [0, n) must be there. */
    static Selection selection(Map<Long, Decision> decisions, int n, String rule) {
        Decision[] out = new Decision[n];
        for (int id = 0; id < n; id++) {
            int i = id;
            out[id] = Objects.requireNonNull(decisions.get((long) id), () -> "no decision for example " + i);
        }
        return new Selection(out, rule);
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** in -> dense 16 (relu) -> softmax out, MCXENT, Adam 1e-2. */
    static MultiLayerNetwork mlp(int nIn, int classes, long seed) {
        return mlp(nIn, 16, classes, 1e-2, seed);
    }

    /** in -> dense (relu) -> softmax out, MCXENT, Adam. */
    static MultiLayerNetwork mlp(int nIn, int hidden, int classes, double learningRate, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(nIn).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(hidden).nOut(classes)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The graph twin of {@link #mlp}. */
    static ComputationGraph mlpGraph(int nIn, int classes, long seed) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(nIn).nOut(16).activation(Activation.RELU).build(),
                        "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(classes)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build());
        graph.init();
        return graph;
    }
}
