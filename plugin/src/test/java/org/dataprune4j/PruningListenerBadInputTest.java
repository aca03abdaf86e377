package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.dataprune4j.score.TrainingDivergedException;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.dataprune4j.testing.RecordingListener;
import org.dataprune4j.testing.ScriptedIterator;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class PruningListenerBadInputTest {
    private static final DataSet DATA = TestData.blobs(3, 20, 4, 7);

    private static <T extends Throwable> void assertMessage(Class<T> type, Executable call, String expected) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(expected),
                () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    private static PruningListener listener(PruningIterator it) {
        return PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).build();
    }

    private static MultiLayerNetwork net(Activation activation, LossFunction loss) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(loss).nIn(4).nOut(3).activation(activation).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void outputLayerMustBeSoftmaxWithCrossEntropy() {
        for (MultiLayerNetwork net : List.of(net(Activation.SIGMOID, LossFunction.XENT),
                net(Activation.SOFTMAX, LossFunction.MSE), net(Activation.SOFTMAX, LossFunction.KL_DIVERGENCE))) {
            PruningIterator it = PruningIterator.builder(DATA, 16).build();
            net.setListeners(listener(it));
            assertMessage(IllegalArgumentException.class, () -> net.fit(it, 1), "Activation.SOFTMAX");
        }
    }

    @Test
    void outputSizeMustMatchTheNumberOfClasses() {
        PruningIterator it = PruningIterator.builder(TestData.blobs(4, 5, 4, 1), 8).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it));
        assertMessage(IllegalArgumentException.class, () -> net.fit(it, 1), "3 outputs but the training data has 4");
    }

    @Test
    void aGraphWithTwoInputsIsRejectedAtTheFirstEpochStartNamingThem() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("pixels", "metadata")
                .addLayer("dense", new DenseLayer.Builder().nIn(5).nOut(4).build(), "pixels")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense", "metadata")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        RecordingListener recorder = new RecordingListener();
        graph.setListeners(listener(it), recorder);
        assertMessage(IllegalArgumentException.class, () -> graph.fit(it, 1), "2 input(s) [pixels, metadata]");
        assertEquals(0, recorder.forwardPasses(), "rejected before any training");
    }

    @Test
    void aGraphWhoseOutputIsNotSoftmaxCrossEntropyIsRejectedNamingTheLayer() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("scores", new OutputLayer.Builder(LossFunction.MSE).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("scores").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        graph.setListeners(listener(it));
        assertMessage(IllegalArgumentException.class, () -> graph.fit(it, 1), "output layer \"scores\"");
    }

    @Test
    void aListenerBoundToOneNetworkRejectsAnother() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(3)
                .build();
        MultiLayerNetwork first = TestData.mlp(5, 8, 3, 1);
        first.setListeners(pruning);
        first.fit(it, 1);
        MultiLayerNetwork second = TestData.mlp(5, 8, 3, 2);
        second.setListeners(pruning);
        assertMessage(IllegalStateException.class, () -> second.fit(it, 1), "bound to another model");
    }

    @Test
    void anIteratorTrainedWithoutItsListenerFailsAtTheNextEpoch() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        listener(it);
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        assertMessage(IllegalStateException.class, () -> net.fit(it, 2), "net.addListeners(listener)");
    }

    @Test
    void aListenerWhoseNetworkTrainsOnAnotherIteratorFails() {
        PruningIterator mine = PruningIterator.builder(DATA, 16).build();
        PruningIterator other = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(mine));
        assertMessage(IllegalStateException.class, () -> net.fit(other, 1), "did not serve");
    }

    @Test
    void oneListenerPerIterator() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        listener(it);
        assertMessage(IllegalStateException.class, () -> listener(it), "already has a PruningListener");
    }

    @Test
    void optionsOutOfRangeAreRejected() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        assertMessage(IllegalArgumentException.class,
                () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(0),
                "warmupEpochs must be at least 1");
        assertMessage(IllegalArgumentException.class,
                () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).grandInitialisations(0).build(),
                "grandInitialisations must be at least 1");
        assertMessage(IllegalArgumentException.class,
                () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).outliers(-1).build(),
                "outlierCount must be >= 0");
        assertThrows(NullPointerException.class, () -> PruningListener.builder(it, (SelectionRule) null));
    }

    @Test
    void aRuleThatKeepsNoExampleFailsWhenTheListenerIsBuiltWithTheReason() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        assertMessage(IllegalArgumentException.class, () -> PruningListener.builder(it,
                ScoreRangeRule.quantiles(0.5, 0.505)).warmupEpochs(1).build(), "keeps no example of 60");
    }

    @Test
    void nanOutputsMeanTrainingDiverged() {
        DataSet broken = DATA.copy();
        broken.getFeatures().putScalar(3, 2, Double.NaN);
        PruningIterator it = PruningIterator.builder(broken, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it));
        assertMessage(TrainingDivergedException.class, () -> net.fit(it, 1), "training diverged");
    }

    @Test
    void aStreamedSourceThatShrinksFailsFitWithPrefetchOnInsteadOfHanging() {
        List<DataSet> batches = DATA.batchBy(10);
        ScriptedIterator source = new ScriptedIterator(pass -> pass < 3 ? batches : batches.subList(0, 4));
        PruningIterator it = PruningIterator.builder(source).asyncPrefetch(true).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(3).build());
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertMessage(IllegalStateException.class,
                () -> net.fit(it, 3), "yielded 40 examples this epoch but 60 on its first pass"));
    }
}
