package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * A class-weighted cross-entropy ({@code new LossMCXENT(weights)}), a DL4J user's first answer to imbalanced
 * classes, is accepted: the weights act on training, the scores stay each example's unweighted difficulty.
 */
class ClassWeightedLossTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 4, 7);

    private static MultiLayerNetwork mlp(LossMCXENT loss) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(loss).nIn(8).nOut(3).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static PruningReport lossScores(LossMCXENT loss) {
        PruningIterator it = PruningIterator.builder(DATA, 16).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, ClassAdaptiveRule.rcap(0.5, 3, 42))
                .score(ScoreKind.LOSS).warmupEpochs(2).build();
        MultiLayerNetwork net = mlp(loss);
        net.addListeners(pruning);
        net.fit(it, 3);
        return pruning.report();
    }

    @Test
    void theScoresAreTheUnweightedLossWhateverTheClassWeights() {
        // Adam's steps do not change when every loss is doubled, so both runs train alike: scores that carried the
        // weights would be twice the unweighted run's
        PruningReport plain = lossScores(new LossMCXENT());
        PruningReport doubled = lossScores(new LossMCXENT(Nd4j.create(new float[] {2, 2, 2})));
        for (int id = 0; id < DATA.numExamples(); id++) {
            double expected = plain.scores().score(ScoreKind.LOSS, id);
            assertEquals(expected, doubled.scores().score(ScoreKind.LOSS, id), 1e-3 * Math.max(1, expected),
                    "example " + id);
        }
        assertEquals(60, doubled.keptCount());
    }

    @Test
    void infoBatchsLossWeightsActOnTopOfTheClassWeights() {
        PruningIterator it = PruningIterator.builder(DATA, 16).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, SoftPruningSchedule.builder(4).build()).epochs(4)
                .build();
        MultiLayerNetwork net = mlp(new LossMCXENT(Nd4j.create(new float[] {1, 4, 0.5f})));
        net.addListeners(pruning);
        net.fit(it, 4);
        PruningLedger ledger = pruning.report().ledger().orElseThrow();
        assertTrue(ledger.weightedEpochs() > 0, ledger.toString());
        OutputLayer out = (OutputLayer) net.getLayerWiseConfigurations().getConf(1).getLayer();
        assertEquals(new LossMCXENT(Nd4j.create(new float[] {1, 4, 0.5f})), out.getLossFn(),
                "the user's weighted loss is back in place after the weighted epochs");
    }
}
