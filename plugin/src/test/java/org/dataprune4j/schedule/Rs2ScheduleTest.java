package org.dataprune4j.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.testing.RecordingListener;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

class Rs2ScheduleTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 5, 3); // 120 examples

    private static RecordingListener train(Rs2Schedule rs2, boolean prefetch, int epochs, PruningListener[] out) {
        MultiLayerNetwork net = TestData.mlp(6, 8, 3, 7);
        PruningIterator it = PruningIterator.builder(DATA, 16).asyncPrefetch(prefetch).build();
        PruningListener pruning = PruningListener.builder(it, rs2).build();
        RecordingListener recorder = new RecordingListener();
        net.setListeners(pruning, recorder);
        net.fit(it, epochs);
        out[0] = pruning;
        return recorder;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyEpochFromTheFirstTrainsAFreshShareAndEveryExampleOnceBeforeAnyTwice(boolean prefetch) {
        PruningListener[] pruning = new PruningListener[1];
        RecordingListener recorder = train(Rs2Schedule.keep(0.25), prefetch, 5, pruning);
        Set<Integer> firstRound = new HashSet<>();
        for (int e = 0; e < 4; e++) {
            assertEquals(30, recorder.ids(e).size(), "epoch " + e + " trains 30 of 120");
            assertEquals(30, recorder.distinctIds(e).size());
            firstRound.addAll(recorder.distinctIds(e));
        }
        assertEquals(120, firstRound.size(), "four epochs of 30 drew every example once (without replacement)");
        assertEquals(30, recorder.distinctIds(4).size(), "the fifth epoch starts a new round");
        assertEquals(List.of(30, 30, 30, 30, 30), pruning[0].ledger().examplesPerEpoch());
        assertEquals(0, pruning[0].ledger().extraInferenceExamples(), "RS2 scores nothing");
        assertTrue(!pruning[0].hasSwapped(), "and has no swap");
    }

    @Test
    void theSameSeedGivesTheSameDrawsAndAnotherSeedOthers() {
        PruningListener[] ignored = new PruningListener[1];
        RecordingListener a = train(Rs2Schedule.keep(0.4), false, 3, ignored);
        RecordingListener b = train(Rs2Schedule.keep(0.4), false, 3, ignored);
        RecordingListener c = train(new Rs2Schedule(0.4, 7), false, 3, ignored);
        for (int e = 0; e < 3; e++) {
            assertEquals(a.distinctIds(e), b.distinctIds(e));
            assertEquals(48, a.distinctIds(e).size());
        }
        assertTrue(!a.distinctIds(0).equals(c.distinctIds(0)));
        // a round of 120 / 48: epoch 2 takes the last 24 of the first order and 24 of the next, none twice
        Set<Integer> firstTwo = new HashSet<>(a.distinctIds(0));
        firstTwo.addAll(a.distinctIds(1));
        assertEquals(96, firstTwo.size());
    }

    @Test
    void badFractionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rs2Schedule.keep(0));
        assertThrows(IllegalArgumentException.class, () -> Rs2Schedule.keep(1.5));
    }
}
