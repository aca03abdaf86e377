package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.Agreement;
import org.dataprune4j.testing.RecordingListener;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The listener and iterator on ComputationGraphs: the same scores as the equivalent network, and graph shapes. */
class ComputationGraphTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 4, 7);

    /** The graph twin of {@code TestData.mlp(5, 8, 3, seed)}: in -> dense (relu) -> out (softmax, MCXENT). */
    static ComputationGraph mlpGraph(long seed) {
        return mlpGraph(seed, new Adam(1e-2));
    }

    /** The same graph with another updater. */
    static ComputationGraph mlpGraph(long seed, org.nd4j.linalg.learning.config.IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static PruningListenerBuilder listener(PruningIterator it) {
        return PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25)).warmupEpochs(2)
                .alsoCompute(ScoreKind.GRAND, ScoreKind.PROTOTYPE, ScoreKind.PROTOTYPE_CLASS);
    }

    private static Set<Integer> asSet(int[] ids) {
        return Arrays.stream(ids).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {true, false})
    void theSameNetworkAsAGraphGivesTheSameScoresForEveryExampleAndTheSameKeptSet(boolean prefetch) {
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        ComputationGraph graph = mlpGraph(99);
        graph.setParams(net.params().dup());
        assertEquals(net.params(), graph.params(), "same weights to start with");

        PruningIterator netData = PruningIterator.builder(DATA, 16).asyncPrefetch(prefetch).build();
        PruningListener netPruning = listener(netData).build();
        net.setListeners(netPruning);
        net.fit(netData, 3);

        PruningIterator graphData = PruningIterator.builder(DATA, 16).asyncPrefetch(prefetch).build();
        PruningListener graphPruning = listener(graphData).build();
        RecordingListener recorder = new RecordingListener();
        graph.setListeners(graphPruning, recorder);
        graph.fit(graphData, 3);

        PruningReport a = netPruning.report();
        PruningReport b = graphPruning.report();
        // a graph runs its own ops in its own order: float32 scores within a relative 1e-6, the kept set equal up to
        // boundary ties within it (Agreement)
        for (ScoreKind kind : new ScoreKind[] {ScoreKind.EL2N, ScoreKind.GRAND, ScoreKind.FORGETTING,
                ScoreKind.PROTOTYPE, ScoreKind.PROTOTYPE_CLASS}) {
            Agreement.assertClose(a.scores().scores(kind), b.scores().scores(kind), kind + " per example");
        }
        assertTrue(Arrays.stream(b.scores().scores(ScoreKind.GRAND)).distinct().count() > 100,
                "GraNd is a real score here, not a constant");
        Agreement.assertAgrees("a network against the same graph, prefetch " + prefetch, a, b, ScoreKind.EL2N);
        assertEquals(30, b.keptCount());
        assertEquals(asSet(b.selection().keptIds()), recorder.distinctIds(2), "the graph's third epoch trains the"
                + " kept examples only");
        // three epochs of float32 updates from numbers that may differ in the last bits: 1e-5 absolute
        assertArrayEquals(net.params().toFloatVector(), graph.params().toFloatVector(), 1e-5f,
                "and both trained the same way after the swap");
    }

    /** A small residual CNN: conv -> conv, added to its input (ElementWiseVertex.Add), -> dense -> softmax. */
    private static ComputationGraph residualCnn(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(5e-3))
                .weightInit(WeightInit.XAVIER)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutionalFlat(8, 8, 1))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
                        "image")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "conv1")
                .addVertex("residual", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv1", "conv2")
                .addLayer("dense", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "residual")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build(), "dense")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void aResidualCnnGraphPrunesToExactlyTheConfiguredCountAndEmbedsAtANamedVertex() {
        DataSet images = TestData.blobs(3, 30, 63, 11);
        PruningIterator it = PruningIterator.builder(images, 10).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.3)).warmupEpochs(1)
                .alsoCompute(ScoreKind.GRAND, ScoreKind.PROTOTYPE)
                .embedding(EmbeddingSpec.trainedModelVertex("residual"))
                .build();
        ComputationGraph graph = residualCnn(3);
        RecordingListener recorder = new RecordingListener();
        graph.setListeners(pruning, recorder);
        graph.fit(it, 3);

        PruningReport report = pruning.report();
        assertEquals(27, report.keptCount(), "30% of 90");
        assertEquals(asSet(report.selection().keptIds()), recorder.distinctIds(1));
        assertEquals(asSet(report.selection().keptIds()), recorder.distinctIds(2));
        double[] el2n = report.scores().scores(ScoreKind.EL2N);
        double[] kept = Arrays.stream(report.selection().keptIds()).mapToDouble(i -> el2n[i]).toArray();
        double lowestKept = Arrays.stream(kept).min().orElseThrow();
        long prunedAbove = IntStream.range(0, el2n.length).filter(i -> !asSet(report.selection().keptIds())
                .contains(i) && el2n[i] > lowestKept).count();
        assertEquals(0, prunedAbove, "keep-hardest kept the 27 highest EL2N scores");
        assertTrue(Arrays.stream(report.scores().scores(ScoreKind.GRAND)).allMatch(Double::isFinite));
        assertEquals(1, report.scoringDetails().clusterings().size());
        assertEquals(256, report.scoringDetails().clusterings().get(0).dimensions(),
                "prototypes embedded at 'residual': 8 x 8 x 4 = 256 dimensions");
    }

    @Test
    void aTransferLearningGraphWithFrozenLayersPrunesAndKeepsItsFrozenWeights() {
        ComputationGraph base = mlpGraph(5);
        base.fit(DATA);
        ComputationGraph transfer = new TransferLearning.GraphBuilder(base)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Sgd(0.05)).seed(5).build())
                .setFeatureExtractor("dense")
                .removeVertexKeepConnections("out")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .build();
        INDArray frozenBefore = transfer.getLayer("dense").params().dup();

        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.quantiles(0.2, 0.9)).warmupEpochs(2)
                .alsoCompute(ScoreKind.GRAND).build();
        RecordingListener recorder = new RecordingListener();
        transfer.setListeners(pruning, recorder);
        transfer.fit(it, 3);

        PruningReport report = pruning.report();
        assertEquals(84, report.keptCount(), "70% of 120");
        assertEquals(84, recorder.distinctIds(2).size());
        assertEquals(frozenBefore, transfer.getLayer("dense").params(), "the frozen layer did not train");
        assertTrue(Arrays.stream(report.scores().scores(ScoreKind.EL2N)).allMatch(s -> s >= 0 && s <= Math.sqrt(2)));
    }

    @Test
    void aGraphLoadedWithModelSerializerPrunesLikeTheGraphItWasSavedFrom(@TempDir Path dir) throws IOException {
        ComputationGraph original = mlpGraph(8);
        File file = dir.resolve("graph.zip").toFile();
        ModelSerializer.writeModel(original, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);

        double[][] el2n = new double[2][];
        int[][] kept = new int[2][];
        ComputationGraph[] graphs = {original, restored};
        for (int g = 0; g < 2; g++) {
            PruningIterator it = PruningIterator.builder(DATA, 16).build();
            PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepEasiest(0.5)).warmupEpochs(1)
                    .build();
            graphs[g].setListeners(pruning);
            graphs[g].fit(it, 2);
            el2n[g] = pruning.report().scores().scores(ScoreKind.EL2N);
            kept[g] = pruning.report().selection().keptIds();
        }
        // the same graph, weights, batches and kernel in one process: the same computation, so the same kept set
        assertArrayEquals(el2n[0], el2n[1], 1e-6);
        assertArrayEquals(kept[0], kept[1]);
        assertEquals(60, kept[1].length);
    }

    @Test
    void anEmbeddingVertexThatDoesNotExistIsRejectedAtTheFirstEpochStartListingTheVertices() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .score(ScoreKind.PROTOTYPE).embedding(EmbeddingSpec.trainedModelVertex("hidden")).build();
        ComputationGraph graph = mlpGraph(1);
        RecordingListener recorder = new RecordingListener();
        graph.setListeners(pruning, recorder);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> graph.fit(it, 1));
        assertTrue(e.getMessage().contains("\"hidden\" does not exist") && e.getMessage().contains("[in, dense, out]"),
                e.getMessage());
        assertEquals(0, recorder.forwardPasses());

        PruningIterator it2 = PruningIterator.builder(DATA, 16).build();
        PruningListener byIndex = PruningListener.builder(it2, ScoreRangeRule.keepHardest(0.5))
                .score(ScoreKind.PROTOTYPE).embedding(EmbeddingSpec.trainedModelLayer(0)).build();
        ComputationGraph graph2 = mlpGraph(1);
        graph2.setListeners(byIndex);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> graph2.fit(it2, 1));
        assertTrue(e2.getMessage().contains("trainedModelVertex(\"dense\")"), e2.getMessage());
    }

    @Test
    void aPretrainedGraphEmbedsAtANamedVertex() {
        ComputationGraph pretrained = mlpGraph(4);
        INDArray viaSpec = EmbeddingSpec.pretrained(pretrained, "dense").embed(null, DATA, 7);
        INDArray direct = pretrained.feedForward(DATA.getFeatures(), false).get("dense");
        assertArrayEquals(direct.toFloatMatrix(), viaSpec.toFloatMatrix());
        assertNotEquals(0.0, viaSpec.sumNumber().doubleValue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddingSpec.pretrained(pretrained, "nope"));
        assertFalse(e.getMessage().isEmpty());
    }
}
