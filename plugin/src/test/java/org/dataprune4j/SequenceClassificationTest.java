package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.eval.ClassAccuracy;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.ScriptedIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Sequence classification: features [examples, channels, steps] of different lengths with a features mask, one
 * one-hot label per sequence (an LSTM, then {@code LastTimeStep} or masked global pooling, then a softmax output).
 * What the padded steps hold must change nothing: every pass DataPrune4J makes on its own (EL2N's end-of-warm-up
 * pass, GraNd's fresh copies, the prototype embedding, the class accuracy) must read the mask as training does.
 */
class SequenceClassificationTest {
    private static final int CLASSES = 3;
    private static final int CHANNELS = 2;
    private static final int STEPS = 8;
    /** Two runs that differ only in masked-out values: equal up to float rounding of differently valued padding. */
    private static final double TOLERANCE = 1e-5;

    /** 20 sequences a class, 3 to 8 steps, padded at the end to 8 with {@code padding}'s values (0 = zeros). */
    static DataSet sequences(long seed, double padding) {
        Random r = new Random(seed);
        Random pad = new Random(seed + 1000);
        int n = 20 * CLASSES;
        INDArray features = Nd4j.zeros(DataType.FLOAT, n, CHANNELS, STEPS);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, n, STEPS);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            int length = 3 + r.nextInt(STEPS - 2);
            for (int t = 0; t < STEPS; t++) {
                for (int ch = 0; ch < CHANNELS; ch++) {
                    double v = t < length ? (ch == 0 ? c - 1 : Math.sin(t + c)) + 0.8 * r.nextGaussian()
                            : padding * pad.nextGaussian();
                    features.putScalar(new int[] {i, ch, t}, v);
                }
                mask.putScalar(i, t, t < length ? 1 : 0);
            }
            labels.putScalar(i, c, 1);
        }
        return new DataSet(features, labels, mask, null);
    }

    static MultiLayerNetwork lastTimeStepNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11)
                .updater(new Adam(0.02)).list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(CHANNELS).nOut(6).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    static ComputationGraph pooledGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).updater(new Adam(0.02))
                .graphBuilder().addInputs("in")
                .addLayer("lstm", new LSTM.Builder().nIn(CHANNELS).nOut(6).activation(Activation.TANH).build(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "lstm")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Trains 3 epochs (2 warm-ups, then keep the harder half) with every score that makes its own passes. */
    private static PruningReport prune(Model model, PruningIterator it) {
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2)
                .el2nInput(ScoreInput.END_OF_WARMUP_PASS)
                .alsoCompute(ScoreKind.LOSS, ScoreKind.GRAND, ScoreKind.PROTOTYPE).grandInitialisations(2)
                .prototypeClusters(2).build();
        model.addListeners(pruning);
        if (model instanceof MultiLayerNetwork net) {
            net.fit(it, 3);
        } else {
            ((ComputationGraph) model).fit(it, 3);
        }
        return pruning.report();
    }

    private static void assertSameScoresAndKeptSet(PruningReport expected, PruningReport actual) {
        assertEquals(expected.scores().kinds(), actual.scores().kinds());
        assertTrue(expected.scores().kinds().containsAll(
                List.of(ScoreKind.EL2N, ScoreKind.LOSS, ScoreKind.GRAND, ScoreKind.PROTOTYPE)));
        for (ScoreKind kind : expected.scores().kinds()) {
            for (int id = 0; id < expected.totalCount(); id++) {
                double e = expected.scores().score(kind, id);
                assertEquals(e, actual.scores().score(kind, id), TOLERANCE * Math.max(1, Math.abs(e)),
                        kind + " of example " + id);
            }
        }
        assertArrayEquals(expected.selection().keptIds(), actual.selection().keptIds());
    }

    @Test
    void whatThePaddedStepsHoldChangesNoScoreOfANetworkWithLastTimeStep() {
        assertPaddingChangesNothing(SequenceClassificationTest::lastTimeStepNetwork);
    }

    @Test
    void whatThePaddedStepsHoldChangesNoScoreOfAGraphWithMaskedPooling() {
        assertPaddingChangesNothing(SequenceClassificationTest::pooledGraph);
    }

    /** In-memory sequences padded with zeros, then with noise: the same scores, the harder half kept. */
    private static void assertPaddingChangesNothing(java.util.function.Supplier<Model> model) {
        PruningReport zeros = prune(model.get(), PruningIterator.builder(sequences(5, 0), 16).seed(3).build());
        PruningReport noise = prune(model.get(), PruningIterator.builder(sequences(5, 5), 16).seed(3).build());
        assertSameScoresAndKeptSet(zeros, noise);
        assertEquals(30, noise.keptCount());
    }

    @Test
    void classAccuracyReadsTheFeaturesMaskAsDl4jsEvaluationDoes() {
        MultiLayerNetwork net = lastTimeStepNetwork();
        net.fit(new ListDataSetIterator<>(sequences(5, 0).asList(), 16), 5);
        DataSet test = sequences(9, 5);
        Evaluation dl4j = net.evaluate(new ListDataSetIterator<>(test.asList(), 7));
        ClassAccuracy ours = ClassAccuracy.of(net, test, 7);
        assertEquals(ClassAccuracy.of(dl4j).balanced(), ours.balanced(), 1e-12);
        assertEquals(ours.balanced(), ClassAccuracy.of(net, sequences(9, 0), 7).balanced(), 1e-12);
        assertTrue(ours.balanced() > 0.5, "the network learned something: " + ours);
    }

    /** The source's batches each as long as their longest sequence, as DataVec's ALIGN_START batches are. */
    private static List<DataSet> trimmedBatches(DataSet data, int size) {
        List<DataSet> batches = new ArrayList<>();
        for (DataSet b : data.batchBy(size)) {
            int longest = b.getFeaturesMaskArray().sum(1).maxNumber().intValue();
            org.nd4j.linalg.indexing.INDArrayIndex[] steps =
                    new org.nd4j.linalg.indexing.INDArrayIndex[b.getFeatures().rank()];
            java.util.Arrays.fill(steps, NDArrayIndex.all());
            steps[steps.length - 1] = NDArrayIndex.interval(0, longest);
            INDArray m = b.getFeaturesMaskArray().get(NDArrayIndex.all(), NDArrayIndex.interval(0, longest));
            batches.add(new DataSet(b.getFeatures().get(steps).dup(), b.getLabels().dup(), m.dup(), null));
        }
        return batches;
    }

    /** The examples ordered by length, so that batches cut from them differ in length (bucketing). */
    private static DataSet byLength(DataSet data) {
        int[] order = java.util.stream.IntStream.range(0, data.numExamples()).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> data.getFeaturesMaskArray().getRow(i).sumNumber()
                        .doubleValue())).mapToInt(Integer::intValue).toArray();
        return data.get(order);
    }

    @Test
    void aStreamedSourceWithBatchesOfDifferentLengthsIsPaddedAtTheEnd() {
        DataSet shortPart = new DataSet(Nd4j.ones(DataType.FLOAT, 2, CHANNELS, 4), Nd4j.eye(2).castTo(DataType.FLOAT)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)));
        DataSet longPart = new DataSet(Nd4j.ones(DataType.FLOAT, 1, CHANNELS, 6).muli(2),
                Nd4j.create(new float[][] {{0, 1}}), Nd4j.ones(DataType.FLOAT, 1, 6), null);
        DataSet merged = StreamingSource.merge(List.of(shortPart, longPart));
        assertArrayEquals(new long[] {3, CHANNELS, 6}, merged.getFeatures().shape());
        assertEquals(Nd4j.create(new float[][] {{1, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1}}),
                merged.getFeaturesMaskArray());
        assertEquals(0.0, merged.getFeatures().get(NDArrayIndex.interval(0, 2), NDArrayIndex.all(),
                NDArrayIndex.interval(4, 6)).sumNumber().doubleValue());
        assertEquals(2.0, merged.getFeatures().getDouble(2, 1, 5));
        assertNull(merged.getLabelsMaskArray());
        DataSet equal = StreamingSource.merge(List.of(shortPart, shortPart));
        assertNull(equal.getFeaturesMaskArray(), "sequences of one length need no mask");

        // a whole run: source batches of 10 (each as long as its longest), served in batches of 16
        List<DataSet> zeros = trimmedBatches(sequences(5, 0), 10);
        List<DataSet> noise = trimmedBatches(sequences(5, 5), 10);
        assertTrue(zeros.stream().mapToLong(b -> b.getFeatures().size(2)).distinct().count() > 1,
                "the source's batches have different lengths");
        PruningReport a = prune(lastTimeStepNetwork(),
                PruningIterator.builder(new ScriptedIterator(pass -> zeros)).batchSize(16).build());
        PruningReport b = prune(lastTimeStepNetwork(),
                PruningIterator.builder(new ScriptedIterator(pass -> noise)).batchSize(16).build());
        assertSameScoresAndKeptSet(a, b);
        assertEquals(30, b.keptCount());
    }

    @Test
    void anEmbeddingWithAnOutputPerTimeStepOnBatchesOfDifferentLengthsIsRefusedWithWhatToDo() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11)
                .updater(new Adam(0.02)).list()
                .layer(new LSTM.Builder().nIn(CHANNELS).nOut(4).activation(Activation.TANH).build())
                .layer(new LastTimeStep(new LSTM.Builder().nIn(4).nOut(6).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        List<DataSet> batches = trimmedBatches(byLength(sequences(5, 0)), 10); // 3 steps ... 8 steps
        PruningIterator it = PruningIterator.builder(new ScriptedIterator(pass -> batches)).batchSize(16).build();
        net.addListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .score(ScoreKind.PROTOTYPE).embedding(EmbeddingSpec.trainedModelLayer(0)).prototypeClusters(2)
                .scoringBatchSize(16)
                .build());
        RuntimeException e = assertThrows(RuntimeException.class, () -> net.fit(it, 2));
        String message = e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
        assertTrue(message.contains("values an example in one batch and"), message);
        assertTrue(message.contains("after LastTimeStep or a GlobalPoolingLayer"), message);
    }

    /** {@link #sequences}' first channel as token ids [examples, steps] (vocabulary 10): 2 x value + 5, rounded. */
    static DataSet tokens(long seed, double padding) {
        DataSet values = sequences(seed, padding);
        INDArray first = values.getFeatures().get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
        INDArray ids = Transforms.max(Transforms.min(Transforms.round(first.mul(2).addi(5)), 9), 0);
        return new DataSet(ids, values.getLabels(), values.getFeaturesMaskArray(), null);
    }

    static MultiLayerNetwork tokenNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11)
                .updater(new Adam(0.02)).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(10).nOut(4).build())
                .layer(new LastTimeStep(new LSTM.Builder().nIn(4).nOut(6).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void tokenIdsOfDifferentLengthsForAnEmbeddingSequenceLayerArePaddedAndMasked() {
        List<DataSet> zeros = trimmedBatches(byLength(tokens(5, 0)), 10);
        List<DataSet> noise = trimmedBatches(byLength(tokens(5, 5)), 10);
        assertTrue(zeros.stream().mapToLong(b -> b.getFeatures().size(1)).distinct().count() > 2);
        DataSet merged = StreamingSource.merge(List.of(zeros.get(0), zeros.get(zeros.size() - 1)));
        assertArrayEquals(new long[] {20, STEPS}, merged.getFeatures().shape());
        assertEquals(zeros.get(0).getFeaturesMaskArray().sumNumber().doubleValue()
                + zeros.get(zeros.size() - 1).getFeaturesMaskArray().sumNumber().doubleValue(),
                merged.getFeaturesMaskArray().sumNumber().doubleValue(), 0.0, "padding is masked");
        PruningReport a = prune(tokenNetwork(),
                PruningIterator.builder(new ScriptedIterator(pass -> zeros)).batchSize(16).build());
        PruningReport b = prune(tokenNetwork(),
                PruningIterator.builder(new ScriptedIterator(pass -> noise)).batchSize(16).build());
        assertSameScoresAndKeptSet(a, b);
        assertEquals(30, b.keptCount());
    }

    @Test
    void sourceBatchesWhoseFeaturesDifferInAnotherWayAreRefusedWithWhatToDo() {
        DataSet small = new DataSet(Nd4j.ones(DataType.FLOAT, 2, 1, 4, 4), Nd4j.eye(2).castTo(DataType.FLOAT));
        DataSet large = new DataSet(Nd4j.ones(DataType.FLOAT, 2, 1, 5, 5), Nd4j.eye(2).castTo(DataType.FLOAT));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StreamingSource.merge(List.of(small, large)));
        assertTrue(e.getMessage().contains("features of different shapes [[2, 1, 4, 4], [2, 1, 5, 5]]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Give every example the same shape"), e.getMessage());
        DataSet sequences = new DataSet(Nd4j.ones(DataType.FLOAT, 2, 1, 4), Nd4j.eye(2).castTo(DataType.FLOAT));
        DataSet flat = new DataSet(Nd4j.ones(DataType.FLOAT, 2, 3), Nd4j.eye(2).castTo(DataType.FLOAT));
        e = assertThrows(IllegalStateException.class, () -> StreamingSource.merge(List.of(sequences, flat)));
        assertTrue(e.getMessage().contains("[[2, 1, 4], [2, 3]]"), e.getMessage());
    }
}
