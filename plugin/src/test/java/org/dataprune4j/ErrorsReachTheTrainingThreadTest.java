package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.RecordingListener;
import org.dataprune4j.testing.ScriptedIterator;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Every error raised while producing a batch (the user's source iterator, a pre-processor, a streamed source that
 * changed) reaches the thread that called {@code fit} as an exception naming its cause, with prefetch on and off,
 * in memory and streamed, for a network and a graph. Before issue 12, DL4J's prefetch wrapper waited forever for a
 * batch that never came; each case here runs under a timeout.
 */
class ErrorsReachTheTrainingThreadTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final DataSet DATA = TestData.blobs(3, 20, 4, 7);

    private static PruningListener listener(PruningIterator it) {
        return PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).build();
    }

    private static IllegalStateException fitFails(MultiLayerNetwork net, PruningIterator it, int epochs) {
        return assertTimeoutPreemptively(LIMIT, () -> assertThrows(IllegalStateException.class,
                () -> net.fit(it, epochs)));
    }

    /** A pre-processor that works for {@code okBatches} batches, then throws. */
    private static DataSetPreProcessor failingAfter(int okBatches) {
        int[] calls = {0};
        return batch -> {
            if (calls[0]++ >= okBatches) {
                throw new ArithmeticException("normalizer exploded on batch " + calls[0]);
            }
        };
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {true, false})
    void anUnfittedNormalizerFailsFitWithItsOwnMessageInsteadOfHanging(boolean prefetch) {
        PruningIterator it = PruningIterator.builder(DATA, 16).asyncPrefetch(prefetch)
                .preProcessor(new NormalizerStandardize()).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        RecordingListener recorder = new RecordingListener();
        net.setListeners(listener(it), recorder);
        IllegalStateException e = fitFails(net, it, 2);
        assertTrue(e.getMessage().contains("could not produce the next training batch"), e.getMessage());
        assertTrue(e.getCause() != null, "the normalizer's own exception is the cause");
        assertEquals(0, recorder.forwardPasses(), "nothing was trained");
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {true, false})
    void aPreProcessorFailingMidEpochFailsFitOnTheTrainingThread(boolean prefetch) {
        PruningIterator it = PruningIterator.builder(DATA, 8).asyncPrefetch(prefetch).preProcessor(failingAfter(10))
                .build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it));
        IllegalStateException e = fitFails(net, it, 3);
        assertTrue(e.getCause() instanceof ArithmeticException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("normalizer exploded on batch 11"), e.getMessage());
    }

    @ParameterizedTest(name = "source async {0}")
    @ValueSource(booleans = {true, false})
    void aStreamedSourceThatThrowsOnTheFirstBatchOfALaterEpochFailsFit(boolean sourceAsync) {
        ScriptedIterator source = ScriptedIterator.of(DATA, 10).asyncSupported(sourceAsync)
                .failOnPass(3, new IllegalArgumentException("disk went away in pass 3"));
        PruningIterator it = PruningIterator.builder(source).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        RecordingListener recorder = new RecordingListener();
        net.setListeners(listener(it), recorder);
        IllegalStateException e = fitFails(net, it, 3);
        assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains("disk went away in pass 3"), e.getMessage());
        assertEquals(2, recorder.epochs(), "the second epoch started and failed");
        assertEquals(60, recorder.ids(0).size(), "the first epoch trained every example");
        assertEquals(0, recorder.ids(1).size(), "the second trained nothing: the source failed on its first batch");
    }

    @ParameterizedTest(name = "source async {0}")
    @ValueSource(booleans = {true, false})
    void theSourcesAsyncSupportedIsRespected(boolean sourceAsync) {
        ScriptedIterator source = ScriptedIterator.of(DATA, 10).asyncSupported(sourceAsync);
        PruningIterator it = PruningIterator.builder(source).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it));
        net.fit(it, 2);
        Set<String> threads = source.readingThreads();
        assertEquals(sourceAsync, threads.contains("dataprune4j-prefetch"), threads.toString());
        assertTrue(threads.contains(Thread.currentThread().getName()), "indexed on the caller's thread: " + threads);
        assertTrue(!it.asyncSupported(), "DL4J's own prefetch wrapper is never used");
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {true, false})
    void aGraphGetsTheErrorToo(boolean prefetch) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(5).nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build());
        graph.init();
        PruningIterator it = PruningIterator.builder(DATA, 8).asyncPrefetch(prefetch).preProcessor(failingAfter(12))
                .build();
        graph.setListeners(listener(it));
        IllegalStateException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(IllegalStateException.class,
                () -> graph.fit(it, 3)));
        assertTrue(e.getMessage().contains("normalizer exploded on batch 13"), e.getMessage());
    }
}
