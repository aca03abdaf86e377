package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dataprune4j.select.ScoreRangeRule;
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
    void onlyTheLatestCompleteCheckpointIsKept(@TempDir Path dir) throws Exception {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener(it, dir).build());
        net.fit(it, 3);
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(java.util.List.of("epoch-0003"), entries.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(3, PruningCheckpoint.epochsDone(dir));
        MultiLayerNetwork restored = (MultiLayerNetwork) PruningCheckpoint.restoreModel(dir);
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
}
