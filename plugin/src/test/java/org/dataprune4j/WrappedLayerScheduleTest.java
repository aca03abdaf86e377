package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A {@link FittedSchedule} inside DL4J's wrapper layers ({@code Bidirectional}, {@code LastTimeStep}) is fitted to
 * the run like every other. A built model's layers share one schedule instance, but a model restored from a file
 * (a checkpoint, {@code ModelSerializer}) holds a copy per layer; the copies inside wrappers were once never
 * re-planned, so a resumed soft-pruning run drifted from the uninterrupted one, and a restored model trained with a
 * new listener stopped with "not been fitted to a run".
 */
class WrappedLayerScheduleTest {
    private static final int EPOCHS = 6;

    private static MultiLayerNetwork wrappedNetwork() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11)
                .updater(new Nesterovs(FittedSchedule.cosine(0.05).rampShare(0.1).build(), 0.9)).list()
                .layer(new Bidirectional(new LSTM.Builder().nIn(2).nOut(4).activation(Activation.TANH).build()))
                .layer(new LastTimeStep(new LSTM.Builder().nIn(8).nOut(6).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(6).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return net;
    }

    private static PruningIterator iterator() {
        return PruningIterator.builder(SequenceClassificationTest.sequences(5, 0), 16).seed(3).build();
    }

    /** InfoBatch's soft pruning: its epochs' sizes differ from the expectation, so every epoch re-plans. */
    private static PruningListenerBuilder listener(PruningIterator it) {
        return PruningListener.builder(it, SoftPruningSchedule.builder(EPOCHS).build()).epochs(EPOCHS);
    }

    /** The learning-rate schedules of the model's layers: Bidirectional forward, backward, LastTimeStep's, output. */
    private static List<FittedSchedule> schedules(MultiLayerNetwork net) {
        Bidirectional bidirectional = (Bidirectional) net.getLayerWiseConfigurations().getConf(0).getLayer();
        LastTimeStep last = (LastTimeStep) net.getLayerWiseConfigurations().getConf(1).getLayer();
        return List.of(schedule(bidirectional.getFwd()), schedule(bidirectional.getBwd()),
                schedule(last.getUnderlying()), schedule(net.getLayerWiseConfigurations().getConf(2).getLayer()));
    }

    private static FittedSchedule schedule(org.deeplearning4j.nn.conf.layers.Layer layer) {
        return (FittedSchedule) ((Nesterovs) ((BaseLayer) layer).getIUpdater()).getLearningRateSchedule();
    }

    @Test
    void aRestoredModelsWrappedLayersHaveTheirSchedulesFittedToo() throws Exception {
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(wrappedNetwork(), saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(saved.toByteArray()), true);
        List<FittedSchedule> copies = schedules(restored);
        assertNotSame(copies.get(2), copies.get(3), "restored from a file, each layer holds its own copy");

        PruningIterator it = iterator();
        restored.addListeners(listener(it).build());
        restored.fit(it, 3);
        for (FittedSchedule wrapped : schedules(restored)) {
            assertTrue(wrapped.isPlanned());
            assertEquals(schedules(restored).get(3), wrapped, "planned as the output layer's");
        }
    }

    @Test
    void aResumedSoftPruningRunOfAWrappedNetworkEndsAsTheUninterruptedOne(@TempDir Path dir) throws Exception {
        PruningIterator whole = iterator();
        MultiLayerNetwork uninterrupted = wrappedNetwork();
        uninterrupted.setListeners(listener(whole).checkpoints(dir.resolve("whole")).build());
        uninterrupted.fit(whole, EPOCHS);

        PruningIterator first = iterator();
        MultiLayerNetwork interrupted = wrappedNetwork();
        interrupted.setListeners(listener(first).checkpoints(dir.resolve("run")).build());
        interrupted.fit(first, 2);
        MultiLayerNetwork resumed = PruningCheckpoint.restoreNetwork(dir.resolve("run"));
        PruningIterator again = iterator();
        PruningListener l = listener(again).checkpoints(dir.resolve("run")).resumeFrom(dir.resolve("run")).build();
        resumed.setListeners(l);
        resumed.fit(again, EPOCHS - l.epochsSeen());
        // the same batches in the same order on the same thread: the same arithmetic, as the other resume tests
        assertArrayEquals(uninterrupted.params().toFloatVector(), resumed.params().toFloatVector(), 0f);
    }
}
