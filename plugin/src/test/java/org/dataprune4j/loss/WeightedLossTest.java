package org.dataprune4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

class WeightedLossTest {
    private static final INDArray FEATURES = Nd4j.create(new double[][] {{0.5, -1, 2, 0.1}, {1, 0.3, -0.7, 2}})
            .castTo(DataType.FLOAT);
    private static final INDArray LABELS = Nd4j.create(new double[][] {{0, 1, 0}, {0, 0, 1}}).castTo(DataType.FLOAT);

    @Test
    void anExampleWeightedTwoAddsTwiceItsLossAndGradientAndTheOthersAreUnchanged() {
        for (var inner : new org.nd4j.linalg.lossfunctions.ILossFunction[] {new LossMCXENT(),
                new LossNegativeLogLikelihood(), new LossMCXENT(Nd4j.create(new float[] {1, 3, 0.5f}))}) {
            INDArray pre = Nd4j.create(new double[][] {{0.2, -1, 0.7}, {1.5, 0.1, -0.3}}).castTo(DataType.FLOAT);
            BatchWeights weights = new BatchWeights();
            WeightedLoss weighted = new WeightedLoss(inner, weights);
            var softmax = new ActivationSoftmax();
            INDArray plainScores = inner.computeScoreArray(LABELS, pre.dup(), softmax, null);
            INDArray plainGrad = inner.computeGradient(LABELS, pre.dup(), softmax, null);
            double plainMean = inner.computeScore(LABELS, pre.dup(), softmax, null, true);
            assertEquals(plainMean, weighted.computeScore(LABELS, pre.dup(), softmax, null, true), 0.0,
                    "no weights published: exactly the inner loss");

            weights.publish(new float[] {1, 2});
            INDArray scores = weighted.computeScoreArray(LABELS, pre.dup(), softmax, null);
            INDArray grad = weighted.computeGradient(LABELS, pre.dup(), softmax, null);
            assertEquals(plainScores.getDouble(0), scores.getDouble(0), 0.0);
            assertEquals(2 * plainScores.getDouble(1), scores.getDouble(1), 1e-6);
            assertEquals(plainGrad.getRow(0), grad.getRow(0));
            assertTrue(plainGrad.getRow(1).mul(2).equalsWithEps(grad.getRow(1), 1e-6));
            double mean = weighted.computeScore(LABELS, pre.dup(), softmax, null, true);
            assertEquals((plainScores.getDouble(0) + 2 * plainScores.getDouble(1)) / 2, mean, 1e-6,
                    "averaged over the examples, not the weights");
            assertEquals(2 * (plainScores.getDouble(0) + 2 * plainScores.getDouble(1)) / 2,
                    weighted.computeScore(LABELS, pre.dup(), softmax, null, false), 1e-6);

            weights.publish(new float[] {1, 2, 3});
            assertEquals(plainMean, weighted.computeScore(LABELS, pre.dup(), softmax, null, true), 0.0,
                    "weights of another batch size are not applied");
        }
    }

    @Test
    void throughANetworkAndAGraphAWeightOfTwoDoublesTheScoreAndEveryParameterGradient() {
        INDArray one = FEATURES.getRow(1, true);
        INDArray label = LABELS.getRow(1, true);
        MultiLayerNetwork net = TestData.mlp(4, 5, 3, 7, new Sgd(0.1));
        BatchWeights weights = new BatchWeights();
        BaseOutputLayer out = (BaseOutputLayer) net.getOutputLayer().conf().getLayer();
        out.setLossFn(new WeightedLoss(out.getLossFn(), weights));
        double[] plain = networkScoreAndGradient(net, one, label);
        weights.publish(new float[] {2});
        double[] doubled = networkScoreAndGradient(net, one, label);
        assertTwice(plain, doubled);

        ComputationGraph graph = graph(7);
        BaseOutputLayer graphOut = (BaseOutputLayer) graph.getOutputLayer(0).conf().getLayer();
        BatchWeights graphWeights = new BatchWeights();
        graphOut.setLossFn(new WeightedLoss(graphOut.getLossFn(), graphWeights));
        double[] graphPlain = graphScoreAndGradient(graph, one, label);
        graphWeights.publish(new float[] {2});
        assertTwice(graphPlain, graphScoreAndGradient(graph, one, label));
    }

    @Test
    void aUsersZeroOneLabelsMaskStillSilencesAMaskedExampleWhateverItsWeight() {
        MultiLayerNetwork net = TestData.mlp(4, 5, 3, 7, new Sgd(0.1));
        BatchWeights weights = new BatchWeights();
        BaseOutputLayer out = (BaseOutputLayer) net.getOutputLayer().conf().getLayer();
        out.setLossFn(new WeightedLoss(out.getLossFn(), weights));
        INDArray mask = Nd4j.create(new double[][] {{1}, {0}}).castTo(DataType.FLOAT);
        // example 0 alone, unweighted, batch of 1
        double[] first = networkScoreAndGradient(net, FEATURES.getRow(0, true), LABELS.getRow(0, true));
        weights.publish(new float[] {3, 5});
        net.setInput(FEATURES);
        net.setLabels(LABELS);
        net.setLayerMaskArrays(null, mask);
        net.computeGradientAndScore();
        double[] masked = concat(net.score(), net.gradient().gradient().toDoubleVector());
        net.clearLayerMaskArrays();
        // weight 3 on example 0, example 1 masked out. DL4J averages the score over the batch of 2; the gradient
        // it reports is the batch's sum (the updater divides by the batch size later)
        assertEquals(3 * first[0] / 2, masked[0], 1e-6, "score");
        for (int i = 1; i < first.length; i++) {
            assertEquals(3 * first[i], masked[i], 1e-5 + 1e-4 * Math.abs(first[i]), "gradient entry " + i);
        }
    }

    @Test
    void aConfigurationWithTheWrapperRoundTripsThroughJsonAndLoadsAsItsInnerLossWithoutWeights() {
        MultiLayerNetwork net = TestData.mlp(4, 5, 3, 7);
        BaseOutputLayer out = (BaseOutputLayer) net.getOutputLayer().conf().getLayer();
        BatchWeights weights = new BatchWeights();
        weights.publish(new float[] {2, 2});
        out.setLossFn(new WeightedLoss(out.getLossFn(), weights));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        var loss = ((BaseOutputLayer) back.getConf(1).getLayer()).getLossFn();
        WeightedLoss restored = assertInstanceOf(WeightedLoss.class, loss);
        assertInstanceOf(LossMCXENT.class, restored.inner());
        INDArray pre = Nd4j.rand(DataType.FLOAT, 2, 3);
        assertEquals(new LossMCXENT().computeScore(LABELS, pre.dup(), new ActivationSoftmax(), null, true),
                restored.computeScore(LABELS, pre.dup(), new ActivationSoftmax(), null, true), 0.0);
    }

    private static double[] networkScoreAndGradient(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return concat(net.score(), net.gradient().gradient().toDoubleVector());
    }

    private static double[] graphScoreAndGradient(ComputationGraph graph, INDArray x, INDArray y) {
        graph.setInputs(x);
        graph.setLabels(y);
        graph.computeGradientAndScore();
        return concat(graph.score(), graph.gradient().gradient().toDoubleVector());
    }

    private static void assertTwice(double[] plain, double[] doubled) {
        assertTrue(plain[0] > 0);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(2 * plain[i], doubled[i], 1e-6 + 1e-5 * Math.abs(plain[i]), "entry " + i
                    + " (0 = score, then the flattened parameter gradient)");
        }
    }

    private static double[] concat(double score, double[] gradient) {
        double[] all = new double[gradient.length + 1];
        all[0] = score;
        System.arraycopy(gradient, 0, all, 1, gradient.length);
        return all;
    }

    private static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("h", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
