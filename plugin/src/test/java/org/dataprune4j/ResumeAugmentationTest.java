package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.CapturedLog;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A resumed run's augmentation: one that saves its random state ({@link ResumableAugmentation}) continues as in the
 * uninterrupted run, so the run ends with the same parameters; one that cannot is warned about.
 */
class ResumeAugmentationTest {
    private static final DataSet DATA = TestData.blobs(3, 20, 4, 7);
    private static final int EPOCHS = 5;

    /** Adds seeded uniform noise to every feature; its state is the seed and the count of values drawn. */
    static class Noise implements DataSetPreProcessor {
        final long seed;
        SplittableRandom random;
        long drawn;

        Noise(long seed) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public synchronized void preProcess(org.nd4j.linalg.dataset.api.DataSet batch) {
            INDArray f = batch.getFeatures();
            float[] noise = new float[(int) f.length()];
            for (int i = 0; i < noise.length; i++, drawn++) {
                noise[i] = (float) random.nextDouble(-0.5, 0.5);
            }
            batch.setFeatures(f.add(Nd4j.create(noise, f.shape(), 'c').castTo(f.dataType())));
        }
    }

    static final class ResumableNoise extends Noise implements ResumableAugmentation {
        ResumableNoise(long seed) {
            super(seed);
        }

        @Override
        public synchronized byte[] state() {
            return ByteBuffer.allocate(16).putLong(seed).putLong(drawn).array();
        }

        @Override
        public synchronized void restore(byte[] state) {
            ByteBuffer b = ByteBuffer.wrap(state);
            long saved = b.getLong();
            if (saved != seed) {
                throw new IllegalArgumentException("noise of seed " + saved + ", this one of seed " + seed);
            }
            long count = b.getLong();
            random = new SplittableRandom(seed);
            for (drawn = 0; drawn < count; drawn++) {
                random.nextDouble(-0.5, 0.5);
            }
        }
    }

    private static PruningIterator iterator(DataSetPreProcessor augmentation) {
        return PruningIterator.builder(DATA, 16).seed(3).augmentation(augmentation).build();
    }

    private static PruningListenerBuilder listener(PruningIterator it, Path dir) {
        return PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2).checkpoints(dir);
    }

    /** Trains 3 epochs with checkpoints, then resumes in a new network, iterator and listener for the rest. */
    private static MultiLayerNetwork interruptedAndResumed(Path dir, Noise first, Noise second) throws Exception {
        return interruptedAndResumed(dir, ResumeAugmentationTest::iterator, first, second);
    }

    /** The same, each iterator built by {@code iterator} from its noise. */
    private static MultiLayerNetwork interruptedAndResumed(Path dir, Function<Noise, PruningIterator> iterator,
            Noise first, Noise second) throws Exception {
        PruningIterator it = iterator.apply(first);
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 3);
        MultiLayerNetwork resumed = PruningCheckpoint.restoreNetwork(dir);
        PruningIterator again = iterator.apply(second);
        PruningListener l = listener(again, dir).resumeFrom(dir).build();
        resumed.setListeners(l);
        resumed.fit(again, EPOCHS - l.epochsSeen());
        return resumed;
    }

    @Test
    void aResumableAugmentationContinuesAsTheUninterruptedRunsDid(@TempDir Path dir) throws Exception {
        PruningIterator it = iterator(new ResumableNoise(11));
        MultiLayerNetwork uninterrupted = TestData.mlp(5, 8, 3, 1);
        uninterrupted.setListeners(listener(it, dir.resolve("whole")).build());
        uninterrupted.fit(it, EPOCHS);

        MultiLayerNetwork resumed;
        try (CapturedLog log = CapturedLog.of(AugmentationStates.class)) {
            resumed = interruptedAndResumed(dir.resolve("resumed"), new ResumableNoise(11), new ResumableNoise(11));
            assertTrue(log.warnings().isEmpty(), log.warnings().toString());
        }
        // one process, one thread count, the same batches: bit for bit
        assertArrayEquals(uninterrupted.params().toFloatVector(), resumed.params().toFloatVector(), 0f);

        // the same noise without its state restored draws epoch 1's noise again after the resume: other parameters
        MultiLayerNetwork restarted;
        try (CapturedLog log = CapturedLog.of(AugmentationStates.class)) {
            restarted = interruptedAndResumed(dir.resolve("restarted"), new Noise(11), new Noise(11));
            assertTrue(log.warned("does not implement ResumableAugmentation") && log.warned(Noise.class.getName()),
                    log.warnings().toString());
        }
        assertNotEquals(uninterrupted.params(), restarted.params());
    }

    @Test
    void aResumablePreProcessorContinuesToo(@TempDir Path dir) throws Exception {
        // RandomCropFlip's Javadoc allows it as the pre-processor (then scoring passes are augmented too)
        PruningIterator it = PruningIterator.builder(DATA, 16).seed(3).preProcessor(new ResumableNoise(5)).build();
        MultiLayerNetwork uninterrupted = TestData.mlp(5, 8, 3, 1);
        uninterrupted.setListeners(listener(it, dir.resolve("whole")).build());
        uninterrupted.fit(it, EPOCHS);

        MultiLayerNetwork resumed = interruptedAndResumed(dir.resolve("resumed"),
                noise -> PruningIterator.builder(DATA, 16).seed(3).preProcessor(noise).build(), new ResumableNoise(5),
                new ResumableNoise(5));
        assertArrayEquals(uninterrupted.params().toFloatVector(), resumed.params().toFloatVector(), 0f);
    }

    @Test
    void resumingWithAnotherAugmentationIsRefusedSayingWhich(@TempDir Path dir) throws Exception {
        PruningIterator it = iterator(new ResumableNoise(11));
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 3);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> listener(iterator(new ResumableNoise(12)), dir).resumeFrom(dir).build());
        assertTrue(e.getMessage().contains("random state of another augmentation")
                && e.getMessage().contains("seed 11, this one of seed 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> listener(iterator(null), dir).resumeFrom(dir).build());
        assertTrue(e.getMessage().contains("iterator.augmentation: checkpoint " + ResumableNoise.class.getName()
                + ", now none"), e.getMessage());
        assertEquals(3, listener(iterator(new ResumableNoise(11)), dir).resumeFrom(dir).build().epochsSeen());
    }

    /** A deterministic pre-processor with a class name: scales every feature, as a fitted normalizer would. */
    static class Scale implements DataSetPreProcessor {
        @Override
        public void preProcess(org.nd4j.linalg.dataset.api.DataSet batch) {
            batch.getFeatures().muli(2);
        }
    }

    @Test
    void resumingWithoutTheCheckpointsPreProcessorIsRefusedBeforeAnyBatchTrains(@TempDir Path dir) throws Exception {
        PruningIterator it = PruningIterator.builder(DATA, 16).seed(3).preProcessor(new Scale()).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 3);

        // the normalizer forgotten: the listener builds (it may be set later), the first epoch is refused untrained
        PruningIterator forgot = PruningIterator.builder(DATA, 16).seed(3).build();
        MultiLayerNetwork resumed = PruningCheckpoint.restoreNetwork(dir);
        INDArray saved = resumed.params().dup();
        resumed.setListeners(listener(forgot, dir).resumeFrom(dir).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> resumed.fit(forgot, 2));
        assertTrue(e.getMessage().contains("pre-processor " + Scale.class.getName())
                && e.getMessage().contains("this run's iterator has none"), e.getMessage());
        assertEquals(saved, resumed.params());

        // set after the listener is built, as the interrupted run had it: the run goes on to the end
        PruningIterator again = PruningIterator.builder(DATA, 16).seed(3).build();
        PruningListener l = listener(again, dir).resumeFrom(dir).build();
        again.setPreProcessor(new Scale());
        MultiLayerNetwork restored = PruningCheckpoint.restoreNetwork(dir);
        restored.setListeners(l);
        restored.fit(again, EPOCHS - l.epochsSeen());
        assertEquals(EPOCHS, l.epochsSeen());
        assertEquals(Scale.class.getName(), CheckpointState.read(PruningCheckpoint.requireLatest(dir)
                .resolve(PruningCheckpoint.STATE_FILE)).configuration().get(PruningIterator.PRE_PROCESSOR_SETTING));
    }

    @Test
    void aCheckpointWrittenBeforeTheAugmentationWasRecordedIsNotRefusedForIt() {
        // format 2 checkpoints have no iterator.augmentation entry: its absence is no difference, another value is
        Map<String, String> saved = Map.of("iterator.seed", "3");
        Map<String, String> now = Map.of("iterator.seed", "3", PruningIterator.AUGMENTATION_SETTING, "none");
        assertEquals(List.of(), ResumeChecks.differences(saved, now));
        assertEquals(List.of("iterator.augmentation: checkpoint source, now none"), ResumeChecks.differences(
                Map.of("iterator.seed", "3", PruningIterator.AUGMENTATION_SETTING, "source"), now));
        assertEquals(List.of("iterator.other: not in the checkpoint, now x"), ResumeChecks.differences(saved,
                Map.of("iterator.seed", "3", "iterator.other", "x")));
    }

    @Test
    void resumingARunWhoseSourceAugmentsWarnsThatItsDrawsStartAgain(@TempDir Path dir) throws Exception {
        List<DataSet> batches = DATA.batchBy(16);
        PruningIterator it = PruningIterator.builder(
                new ListDataSetIterator<>(batches, 16)).sourceAugments().build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 1);
        try (CapturedLog log = CapturedLog.of(AugmentationStates.class)) {
            PruningIterator again = PruningIterator.builder(
                    new ListDataSetIterator<>(batches, 16)).sourceAugments()
                    .build();
            assertEquals(1, listener(again, dir).resumeFrom(dir).build().epochsSeen());
            assertTrue(log.warned("the source augments (sourceAugments())"), log.warnings().toString());
        }
    }
}
