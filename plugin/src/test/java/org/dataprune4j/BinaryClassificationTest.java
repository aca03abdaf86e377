package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dataprune4j.eval.ClassAccuracy;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.TestData;
import org.dataprune4j.tune.HalvingTuner;
import org.dataprune4j.tune.SavedTuning;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * A binary classifier with one sigmoid output and binary cross-entropy (labels of one column, 0 or 1), DL4J's
 * usual binary setup, is pruned like a softmax classifier: it is scored as the equivalent two-class softmax.
 */
class BinaryClassificationTest {
    /** Two Gaussian blobs; the one-hot labels' second column is the binary label. */
    private static final DataSet TWO_CLASS = TestData.blobs(2, 60, 4, 7);
    private static final DataSet BINARY = binary(TWO_CLASS);

    static DataSet binary(DataSet oneHot) {
        INDArray positive = oneHot.getLabels().get(NDArrayIndex.all(), NDArrayIndex.interval(1, 2)).dup();
        return new DataSet(oneHot.getFeatures().dup(), positive);
    }

    private static MultiLayerNetwork mlp(int outputs, IUpdater updater) {
        OutputLayer out = outputs == 1
                ? new OutputLayer.Builder(LossFunction.XENT).nIn(8).nOut(1).activation(Activation.SIGMOID).build()
                : new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(outputs).activation(Activation.SOFTMAX)
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(updater)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.RELU).build())
                .layer(out)
                .build());
        net.init();
        return net;
    }

    private static PruningReport scoresOfFrozen(MultiLayerNetwork net, DataSet data, ScoreKind kind) {
        PruningIterator it = PruningIterator.builder(data, 16).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).score(kind)
                .warmupEpochs(2).build();
        net.addListeners(pruning);
        net.fit(it, 3);
        return pruning.report();
    }

    @Test
    void aSigmoidOutputIsScoredAsTheEquivalentTwoClassSoftmax() {
        for (ScoreKind kind : List.of(ScoreKind.EL2N, ScoreKind.LOSS, ScoreKind.FORGETTING, ScoreKind.PROTOTYPE)) {
            // frozen weights (a learning rate of 0); the softmax's logits (0, z) are the sigmoid's z
            MultiLayerNetwork sigmoid = mlp(1, new Sgd(0.0));
            MultiLayerNetwork softmax = mlp(2, new Sgd(0.0));
            softmax.getLayer(0).setParams(sigmoid.getLayer(0).params().dup());
            INDArray w = sigmoid.getLayer(1).getParam("W");
            INDArray b = sigmoid.getLayer(1).getParam("b");
            softmax.getLayer(1).setParam("W", Nd4j.hstack(Nd4j.zerosLike(w), w));
            softmax.getLayer(1).setParam("b", Nd4j.hstack(Nd4j.zerosLike(b), b));
            PruningReport one = scoresOfFrozen(sigmoid, BINARY, kind);
            PruningReport two = scoresOfFrozen(softmax, TWO_CLASS, kind);
            for (int id = 0; id < BINARY.numExamples(); id++) {
                double expected = two.scores().score(kind, id);
                assertEquals(expected, one.scores().score(kind, id), 1e-5 * Math.max(1, Math.abs(expected)),
                        kind + " of example " + id);
            }
            assertArrayEquals(two.selection().keptIds(), one.selection().keptIds(), kind.toString());
            assertArrayEquals(new int[] {60, 60}, one.totalPerClass(), "two classes, read from one label column");
        }
    }

    @Test
    void anImbalancedBinaryClassifierTrainsOnItsClassAdaptiveSubset() {
        // 120 examples of class 0, 24 of class 1; labels of one column
        DataSet train = keepClassOneOf(binary(TestData.blobs(2, 120, 4, 7)), 24);
        PruningIterator it = PruningIterator.builder(train, 16).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, ClassAdaptiveRule.rcap(0.5, 2, 42))
                .score(ScoreKind.LOSS).alsoCompute(ScoreKind.GRAND).warmupEpochs(2).build();
        MultiLayerNetwork net = mlp(1, new Adam(1e-2));
        net.addListeners(pruning);
        net.fit(it, 8);
        PruningReport report = pruning.report();
        assertEquals(train.numExamples() / 2, report.keptCount());
        assertEquals(2, report.keptPerClass().length);
        for (int id = 0; id < train.numExamples(); id++) {
            double grand = report.scores().score(ScoreKind.GRAND, id);
            assertTrue(grand > 0 && Double.isFinite(grand), "GraNd of example " + id + ": " + grand);
        }
        // measured 2026-12-07: kept [48, 24] on both kernels, the rare class kept whole (its loss is the higher)
        assertTrue(report.keptPerClass()[1] >= 18, "the rare class keeps most of its 24 examples");
        ClassAccuracy test = ClassAccuracy.of(net, binary(TestData.blobs(2, 100, 4, 99)), 50);
        assertEquals(2, test.numClasses());
        // measured 2026-12-07: balanced 0.99, worst 0.98 on both kernels
        assertTrue(test.balanced() > 0.9 && test.worst() > 0.9, test.toString());
    }

    @Test
    void theRangeIsTunedOnBinaryValidationData(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tuning.json");
        HalvingTuner tuner = HalvingTuner.builder(binary(TestData.blobs(2, 40, 4, 2)), 0.4).savedTo(file).build();
        PruningIterator it = PruningIterator.builder(binary(TestData.blobs(2, 100, 4, 1)), 32).seed(5).build();
        PruningListener pruning = PruningListener.builder(it, tuner).warmupEpochs(2).outliers(0).build();
        MultiLayerNetwork net = mlp(1, new Adam(1e-2));
        net.setListeners(pruning);
        net.fit(it, 4);
        assertEquals(80, pruning.report().keptCount());
        SavedTuning saved = SavedTuning.read(file);
        assertEquals(200, saved.numExamples());
        assertTrue(saved.trainedExamples() > 0);
        assertTrue(pruning.report().selection().rule().contains(String.valueOf(saved.lo()).substring(0, 3)),
                () -> pruning.report().selection().rule() + " vs " + saved.range());
    }

    /** The data with only the first {@code keep} examples of class 1. */
    private static DataSet keepClassOneOf(DataSet data, int keep) {
        List<DataSet> rows = data.asList();
        List<DataSet> out = new java.util.ArrayList<>();
        int ones = 0;
        for (DataSet row : rows) {
            boolean one = row.getLabels().getDouble(0) == 1.0;
            if (!one || ones++ < keep) {
                out.add(row);
            }
        }
        return DataSet.merge(out);
    }

    @Test
    void softPruningWeightsTheBinaryCrossEntropyOfAGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.XENT).nIn(8).nOut(1)
                        .activation(Activation.SIGMOID).build(), "dense")
                .setOutputs("out").build());
        graph.init();
        PruningIterator it = PruningIterator.builder(BINARY, 16).seed(3).build();
        PruningListener pruning = PruningListener.builder(it, SoftPruningSchedule.builder(4).build()).epochs(4)
                .build();
        graph.addListeners(pruning);
        graph.fit(it, 4);
        PruningLedger ledger = pruning.report().ledger().orElseThrow();
        assertTrue(ledger.weightedEpochs() > 0, ledger.toString());
        assertTrue(ledger.examplesTrained() < 4L * BINARY.numExamples(), ledger.toString());
        LayerVertex vertex = (LayerVertex) graph.getConfiguration().getVertices().get("out");
        OutputLayer out = (OutputLayer) vertex.getLayerConf().getLayer();
        assertEquals(new LossBinaryXENT(), out.getLossFn(), "the user's loss is back after the weighted epochs");
        ClassAccuracy accuracy = ClassAccuracy.of(graph, binary(TestData.blobs(2, 100, 4, 99)), 50);
        assertTrue(accuracy.balanced() > 0.9, accuracy.toString()); // measured 0.99
    }

    @Test
    void labelsAndOutputsThatDoNotFitAreRefusedSayingWhatToDo() {
        DataSet soft = BINARY.copy();
        soft.getLabels().putScalar(5, 0, 0.5);
        assertMessage(() -> PruningIterator.builder(soft, 16).build(), "single label column");

        MultiLayerNetwork sigmoidOnOneHot = mlp(1, new Adam(1e-2));
        PruningIterator oneHot = PruningIterator.builder(TWO_CLASS, 16).build();
        sigmoidOnOneHot.addListeners(PruningListener.builder(oneHot, ScoreRangeRule.keepHardest(0.5)).build());
        assertMessage(() -> sigmoidOnOneHot.fit(oneHot, 1), "the column of the positive class");

        MultiLayerNetwork softmaxOnOneColumn = mlp(2, new Adam(1e-2));
        PruningIterator oneColumn = PruningIterator.builder(BINARY, 16).build();
        softmaxOnOneColumn.addListeners(PruningListener.builder(oneColumn, ScoreRangeRule.keepHardest(0.5)).build());
        assertMessage(() -> softmaxOnOneColumn.fit(oneColumn, 1), "nOut(1) with Activation.SIGMOID");

        MultiLayerNetwork multiLabel = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(8).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(8).nOut(2).activation(Activation.SIGMOID)
                        .build())
                .build());
        multiLabel.init();
        PruningIterator it = PruningIterator.builder(TWO_CLASS, 16).build();
        multiLabel.addListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).build());
        assertMessage(() -> multiLabel.fit(it, 1), "multi-label");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        Throwable e = assertThrows(RuntimeException.class, call);
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || !t.getMessage().contains(expected))) {
            t = t.getCause();
        }
        assertTrue(t.getMessage() != null && t.getMessage().contains(expected), "message: " + e);
    }
}
