package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint's state file: what is written reads back whole, format 1 to 3 files still read, others are refused. */
class CheckpointStateTest {

    private static CheckpointState state() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("scoreKind", "EL2N");
        config.put("iterator.seed", "42");
        Map<ScoreKind, double[]> collected = new EnumMap<>(ScoreKind.class);
        collected.put(ScoreKind.EL2N, new double[] {0.5, 1.25, 0.0, 2.0});
        Map<ScoreKind, double[]> atSwap = new EnumMap<>(ScoreKind.class);
        atSwap.put(ScoreKind.EL2N, new double[] {0.25, 1.5, 0.125, 2.5});
        atSwap.put(ScoreKind.LOSS, new double[] {0.1, 0.2, 0.3, 0.4});
        CheckpointState.Swap swap = new CheckpointState.Swap(new int[] {0, 1, 1, 0}, new int[] {0, 1, 0, 0}, atSwap,
                new Decision[] {Decision.PRUNED_BELOW_RANGE, Decision.KEPT, Decision.PRUNED_CLASS_QUOTA, Decision.KEPT},
                "keep the hardest 50%", 1, 0);
        CheckpointState.LedgerCounts ledger = new CheckpointState.LedgerCounts(new int[] {4, 4, 2}, 8, 1_000, 2_000_000,
                1, 0, true, false, new float[] {1.5f, 2f}, new long[] {6, 4});
        Map<String, byte[]> augmentation = new LinkedHashMap<>();
        augmentation.put(AugmentationStates.AUGMENTATION, new byte[] {1, 2, 3});
        augmentation.put(AugmentationStates.PRE_PROCESSOR, new byte[0]);
        return new CheckpointState(config, "MultiLayerNetwork", 3, 12_345, 4, collected, new int[] {0, 1, 0, 0},
                swap, ledger, augmentation);
    }

    @Test
    void aStateReadsBackAsItWasWritten(@TempDir Path dir) throws Exception {
        CheckpointState written = state();
        Path file = dir.resolve("state.bin");
        written.write(file);
        CheckpointState read = CheckpointState.read(file);

        assertEquals(written.configuration(), read.configuration());
        assertEquals("MultiLayerNetwork", read.modelType());
        assertEquals(3, read.epochsSeen());
        assertEquals(12_345, read.scoringNanos());
        assertEquals(4, read.numExamples());
        assertArrayEquals(written.scorerStates().get(ScoreKind.EL2N), read.scorerStates().get(ScoreKind.EL2N));
        assertArrayEquals(written.predictions(), read.predictions());
        CheckpointState.Swap w = written.swap();
        CheckpointState.Swap r = read.swap();
        assertArrayEquals(w.labels(), r.labels());
        assertArrayEquals(w.predicted(), r.predicted());
        assertEquals(w.scores().keySet(), r.scores().keySet());
        for (ScoreKind kind : w.scores().keySet()) {
            assertArrayEquals(w.scores().get(kind), r.scores().get(kind));
        }
        assertArrayEquals(w.decisions(), r.decisions());
        assertEquals(w.rule(), r.rule());
        assertEquals(1, r.swapEpoch());
        CheckpointState.LedgerCounts l = read.ledger();
        assertArrayEquals(new int[] {4, 4, 2}, l.examplesPerEpoch());
        assertEquals(8, l.extraInferenceExamples());
        assertEquals(1_000, l.selectionNanos());
        assertEquals(2_000_000, l.epochsWallNanos());
        assertEquals(1, l.weightedEpochs());
        assertTrue(l.weightedNext());
        assertArrayEquals(new float[] {1.5f, 2f}, l.nextWeights());
        assertArrayEquals(new long[] {6, 4}, l.examplesPerClass());
        assertEquals(written.augmentationStates().keySet(), read.augmentationStates().keySet());
        assertArrayEquals(new byte[] {1, 2, 3}, read.augmentationStates().get(AugmentationStates.AUGMENTATION));
        assertArrayEquals(new byte[0], read.augmentationStates().get(AugmentationStates.PRE_PROCESSOR));
    }

    @Test
    void aStateBeforeTheSwapWithoutWeightsReadsBackWithoutThem(@TempDir Path dir) throws Exception {
        CheckpointState s = state();
        CheckpointState before = new CheckpointState(s.configuration(), "ComputationGraph", 1, 0, 4, s.scorerStates(),
                s.predictions(), null, new CheckpointState.LedgerCounts(new int[] {4}, 0, 0, 0, 0, 0, false, false,
                null, null), Map.of());
        Path file = dir.resolve("state.bin");
        before.write(file);
        CheckpointState read = CheckpointState.read(file);
        assertNull(read.swap());
        assertNull(read.ledger().nextWeights());
        assertEquals("ComputationGraph", read.modelType());
        assertTrue(read.augmentationStates().isEmpty());
        assertNull(read.ledger().examplesPerClass(), "not counted stays not counted");
    }

    /** The bytes format 4 adds at the end: the examples per class of {@link #state()}. */
    private static final int PER_CLASS_BYTES = 4 + 2 * 8;

    /** The bytes format 3 adds at the end: the augmentation states of {@link #state()}. */
    private static final int AUGMENTATION_BYTES = 4 + (2 + "augmentation".length() + 4 + 3)
            + (2 + "preProcessor".length() + 4);

    /** Reads {@code s} written as an older format: the current one cut by its last {@code cut} bytes. */
    private static CheckpointState readAsFormat(int version, CheckpointState s, int cut, Path dir) throws Exception {
        Path file = dir.resolve("state.bin");
        s.write(file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] older = Arrays.copyOf(bytes, bytes.length - cut);
        ByteBuffer.wrap(older).putInt(4, version);
        Files.write(file, older);
        return CheckpointState.read(file);
    }

    @Test
    void aFormatThreeStateReadsWithTheExamplesPerClassNotKnown(@TempDir Path dir) throws Exception {
        // format 3 is format 4 without the examples per class at the end
        CheckpointState s = state();
        CheckpointState read = readAsFormat(3, s, PER_CLASS_BYTES, dir);
        assertArrayEquals(s.ledger().examplesPerEpoch(), read.ledger().examplesPerEpoch());
        assertArrayEquals(new byte[] {1, 2, 3}, read.augmentationStates().get(AugmentationStates.AUGMENTATION));
        assertNull(read.ledger().examplesPerClass());
    }

    @Test
    void aFormatTwoStateReadsWithoutAugmentationStates(@TempDir Path dir) throws Exception {
        // format 2 is format 3 without the augmentation states at the end
        CheckpointState s = state();
        CheckpointState read = readAsFormat(2, s, PER_CLASS_BYTES + AUGMENTATION_BYTES, dir);
        assertEquals(s.configuration(), read.configuration());
        assertArrayEquals(s.ledger().nextWeights(), read.ledger().nextWeights());
        assertTrue(read.augmentationStates().isEmpty());
    }

    @Test
    void aFormatOneStateReadsWithAnEmptyLedger(@TempDir Path dir) throws Exception {
        // format 1 is format 2 without the ledger's counters at the end
        CheckpointState s = state();
        CheckpointState.LedgerCounts l = s.ledger();
        int ledgerBytes = 4 + 4 * l.examplesPerEpoch().length + 3 * 8 + 2 * 4 + 2 + 4 + 4 * l.nextWeights().length;
        CheckpointState read = readAsFormat(1, s, PER_CLASS_BYTES + AUGMENTATION_BYTES + ledgerBytes, dir);
        assertEquals(s.configuration(), read.configuration());
        assertEquals(s.swap().rule(), read.swap().rule());
        assertSame(CheckpointState.LedgerCounts.NONE, read.ledger());
        assertTrue(read.augmentationStates().isEmpty());
    }

    @Test
    void aFileOfAnotherFormatOrKindIsRefusedSayingWhat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.bin");
        state().write(file);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(4, 9);
        Files.write(file, bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointState.read(file));
        assertTrue(e.getMessage().contains("format 9") && e.getMessage().contains("reads formats 1 to 4"), e.getMessage());

        Files.writeString(file, "not a state");
        e = assertThrows(IllegalArgumentException.class, () -> CheckpointState.read(file));
        assertTrue(e.getMessage().contains("is not a DataPrune4J checkpoint state"), e.getMessage());
    }
}
