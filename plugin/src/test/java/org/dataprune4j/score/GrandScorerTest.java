package org.dataprune4j.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dataprune4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GrandScorerTest {

    @Test
    void closedFormEqualsDl4jLastLayerGradientNormOfOneExample() {
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 11);
        INDArray x = Nd4j.create(new double[][] {{0.3, -1.2, 0.8, 2.0, -0.5}}).castTo(DataType.FLOAT);
        INDArray y = Nd4j.create(new double[][] {{0, 0, 1}}).castTo(DataType.FLOAT);

        // DL4J's own gradient of this one example's loss, output layer (index 1) weights and bias.
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        double wNorm = g.getGradientFor("1_W").norm2Number().doubleValue();
        double bNorm = g.getGradientFor("1_b").norm2Number().doubleValue();
        double dl4j = Math.sqrt(wNorm * wNorm + bNorm * bNorm);

        // Closed form from the forward pass: ||p - y|| * sqrt(||h||^2 + 1).
        INDArray h = net.feedForwardToLayer(0, x, false).get(1);
        INDArray p = net.output(x, false);
        ScoredBatch batch = ScoredBatch.ofProbabilities(new int[] {0}, new double[][] {p.toDoubleVector()},
                new int[] {2}, new double[] {h.norm2Number().doubleValue() * h.norm2Number().doubleValue()});
        double closedForm = GrandScorer.lastLayerGradientNorm(batch.residualNorm(0), batch.penultimateSquaredNorm(0));

        assertEquals(dl4j, closedForm, 1e-6);
    }

    @Test
    void averagesOverInitialisations() {
        GrandScorer scorer = new GrandScorer(1);
        // residual norm of p=(0,1), y=0 is sqrt(2); h^2 = 3 -> sqrt(2) * 2; h^2 = 0 -> sqrt(2) * 1.
        scorer.observe(ScoredBatch.ofProbabilities(new int[] {0}, new double[][] {{0, 1}}, new int[] {0},
                new double[] {3}));
        scorer.observe(ScoredBatch.ofProbabilities(new int[] {0}, new double[][] {{0, 1}}, new int[] {0},
                new double[] {0}));
        assertEquals(Math.sqrt(2) * 1.5, scorer.scores()[0], 1e-12);
    }
}
