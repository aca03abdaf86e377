package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.CapturedLog;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Checkpoint folders, and resuming with the wrong settings (the kill -9 case is {@link ResumeAfterKillTest}). */
class PruningCheckpointTest {
    private static final DataSet DATA = TestData.blobs(3, 20, 4, 7);

    private static PruningListenerBuilder listener(PruningIterator it, Path dir) {
        return PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2).checkpoints(dir);
    }

    @Test
    void theLatestCheckpointAndTheOneBeforeItAreKept(@TempDir Path dir) throws Exception {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 3);
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(java.util.List.of("epoch-0002", "epoch-0003"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(3, PruningCheckpoint.epochsDone(dir));
        MultiLayerNetwork restored = PruningCheckpoint.restoreNetwork(dir);
        assertEquals(net.params(), restored.params());
    }

    @Test
    void resumingWithOtherSettingsOrWithoutACheckpointFailsSayingWhy(@TempDir Path dir) throws Exception {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir.resolve("run")).build());
        net.fit(it, 1);

        PruningIterator other = PruningIterator.builder(DATA, 16).seed(7).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> listener(other, dir.resolve("run")).resumeFrom(dir.resolve("run")).build());
        assertTrue(e.getMessage().contains("configured differently") && e.getMessage().contains("iterator.seed"),
                e.getMessage());

        PruningIterator fresh = PruningIterator.builder(DATA, 16).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> listener(fresh, dir.resolve("none")).resumeFrom(dir.resolve("none")).build());
        assertTrue(e.getMessage().contains("No checkpoint in"), e.getMessage());
    }

    @Test
    void resumingWithAnotherSeedOfTheClassAdaptiveDrawIsRefused(@TempDir Path dir) throws Exception {
        // the seed is part of the rule: another seed draws other examples within each class
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(PruningListener.builder(it, ClassAdaptiveRule.rcap(0.5, 3, 42)).warmupEpochs(1)
                .checkpoints(dir).build());
        net.fit(it, 2);

        PruningIterator again = PruningIterator.builder(DATA, 16).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningListener.builder(again, ClassAdaptiveRule.rcap(0.5, 3, 7)).warmupEpochs(1)
                        .checkpoints(dir).resumeFrom(dir).build());
        assertTrue(e.getMessage().contains("configured differently") && e.getMessage().contains("(seed 42)")
                && e.getMessage().contains("(seed 7)"), e.getMessage());
        PruningIterator same = PruningIterator.builder(DATA, 16).build();
        assertEquals(2, PruningListener.builder(same, ClassAdaptiveRule.rcap(0.5, 3, 42)).warmupEpochs(1)
                .checkpoints(dir).resumeFrom(dir).build().epochsSeen());
    }

    @Test
    void resumingWithoutCheckpointsWarnsThatASecondCrashWouldLoseTheEpochsSinceTheResume(@TempDir Path dir)
            throws Exception {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 1);
        try (CapturedLog log = CapturedLog.of(PruningListener.class)) {
            PruningIterator again = PruningIterator.builder(DATA, 16).build();
            PruningListener.builder(again, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2).resumeFrom(dir).build();
            assertTrue(log.warned("without checkpoints(dir): this run writes no checkpoints"), log.warnings().toString());
            PruningIterator third = PruningIterator.builder(DATA, 16).build();
            listener(third, dir).resumeFrom(dir).build();
            assertEquals(1, log.warnings().size(), "none with checkpoints(dir): " + log.warnings());
        }
    }

    @Test
    void anUnreadableLatestCheckpointFallsBackToTheOneBeforeIt(@TempDir Path dir) throws Exception {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 3);
        Path garbage = Files.createDirectories(dir.resolve("epoch-0009"));
        Files.writeString(garbage.resolve("model.zip"), "not a zip");
        Files.writeString(garbage.resolve("pruning-state.bin"), "not a state");
        assertEquals(dir.resolve("epoch-0003"), PruningCheckpoint.latest(dir).orElseThrow());
        Files.writeString(dir.resolve("epoch-0003").resolve("pruning-state.bin"), "cut short");
        assertEquals(dir.resolve("epoch-0002"), PruningCheckpoint.latest(dir).orElseThrow());
        assertEquals(2, PruningCheckpoint.epochsDone(dir));
    }

    @Test
    void aNewRunOverAnEarlierRunsCheckpointsIsRefusedWhenBuilt(@TempDir Path dir) throws Exception {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 1);
        PruningIterator again = PruningIterator.builder(DATA, 16).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> listener(again, dir).build());
        assertTrue(e.getMessage().contains("holds a checkpoint of an earlier run (epoch-0001)"), e.getMessage());
        assertTrue(e.getMessage().contains("resumeFrom(dir)"), e.getMessage());
    }

    @Test
    void resumingOnOtherDataOrWithAnotherModelIsRefused(@TempDir Path dir) throws Exception {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 1);

        // the same examples in another order: same size and settings, the labels by id differ
        int[] order = new int[60];
        for (int i = 0; i < 60; i++) {
            order[i] = (i + 1) % 60;
        }
        DataSet reordered = new DataSet(DATA.getFeatures().getRows(order), DATA.getLabels().getRows(order));
        PruningIterator other = PruningIterator.builder(reordered, 16).build();
        IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                () -> listener(other, dir).resumeFrom(dir).build());
        assertTrue(data.getMessage().contains("was made on other data"), data.getMessage());

        PruningIterator same = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork fresh = TestData.mlp(5, 8, 3, 1);
        fresh.setListeners(listener(same, dir).resumeFrom(dir).build());
        IllegalStateException notRestored = assertThrows(IllegalStateException.class, () -> fresh.fit(same, 1));
        assertTrue(notRestored.getMessage().contains("built afresh instead of restored"), notRestored.getMessage());

        PruningIterator third = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork wider = TestData.mlp(5, 9, 3, 1);
        wider.setListeners(listener(third, dir).resumeFrom(dir).build());
        IllegalStateException architecture = assertThrows(IllegalStateException.class, () -> wider.fit(third, 1));
        assertTrue(architecture.getMessage().contains("is not the checkpoint's"), architecture.getMessage());

        PruningIterator fourth = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork restored = PruningCheckpoint.restoreNetwork(dir);
        restored.setListeners(listener(fourth, dir).resumeFrom(dir).build());
        restored.fit(fourth, 1);
        assertEquals(2, PruningCheckpoint.epochsDone(dir));
    }
}
