package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class PruningRecordTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 4, 7);

    private static PruningReport run(long iteratorSeed, long grandSeed) {
        PruningIterator it = PruningIterator.builder(DATA, 16).seed(iteratorSeed).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.quantiles(0.3, 0.9)).warmupEpochs(2)
                .score(ScoreKind.GRAND).grandSeed(grandSeed).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(pruning);
        net.fit(it, 2);
        return pruning.report();
    }

    @Test
    void theRunRecordRoundTripsAndSaysHowTheKeptSetWasMade(@TempDir Path dir) throws Exception {
        PruningReport report = run(7, 3);
        Path file = dir.resolve("run.json");
        report.writeRunRecord(file);
        PruningRecord read = PruningRecord.read(file);

        assertEquals(report.runRecord(), read);
        assertArrayEquals(report.selection().keptIds(), read.keptIds());
        assertEquals(72, read.keptIds().length, "ranks 36 to 108 of 120");
        assertEquals("GRAND", read.scoreKind());
        assertEquals(1, read.swapEpoch());
        assertEquals(120, read.totalCount());
        assertEquals(36, read.decisions().get("PRUNED_BELOW_RANGE"));
        assertEquals(12, read.decisions().get("PRUNED_ABOVE_RANGE"));
        assertEquals("7", read.configuration().get("iterator.seed"));
        assertEquals("3", read.configuration().get("grandSeed"));
        assertEquals("16", read.configuration().get("iterator.batchSize"));
        assertTrue(read.configuration().get("model").startsWith("MultiLayerNetwork with 2 layers"));
        assertEquals(Runtime.getRuntime().availableProcessors(), read.provenance().cores());
        assertEquals(System.getProperty("java.version"), read.provenance().java());
        assertTrue(Files.list(dir).allMatch(p -> p.getFileName().toString().equals("run.json")),
                "no temporary file left beside the record");
    }

    @Test
    void replayingTheRecordedSeedsGivesTheSameKeptSetAndOtherSeedsDoNot(@TempDir Path dir) {
        run(7, 3).writeRunRecord(dir.resolve("run.json"));
        PruningRecord recorded = PruningRecord.read(dir.resolve("run.json"));
        PruningReport replay = run(Long.parseLong(recorded.configuration().get("iterator.seed")),
                Long.parseLong(recorded.configuration().get("grandSeed")));
        assertArrayEquals(recorded.keptIds(), replay.selection().keptIds());
        assertTrue(!java.util.Arrays.equals(recorded.keptIds(), run(7, 4).selection().keptIds()),
                "another GraNd seed keeps another set, so the comparison above can fail");
    }

    @Test
    void aFileThatIsNotARunRecordIsRejectedSayingWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"results\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PruningRecord.read(file));
        assertTrue(e.getMessage().contains("not a DataPrune4J run record"), e.getMessage());
    }
}
