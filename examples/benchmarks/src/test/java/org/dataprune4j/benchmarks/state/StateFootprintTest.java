package org.dataprune4j.benchmarks.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.dataprune4j.PruningIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class StateFootprintTest {

    @Test
    void pruningStateStaysAtOrUnder32BytesPerExampleAtEveryEpochEndAndShrinksAfterTheSwap() {
        for (boolean prefetch : new boolean[] {true, false}) {
            StateFootprint.Settings s = new StateFootprint.Settings(20_000, 4, 3, 500, 4, 2, 0.5, 3, prefetch);
            StateFootprint.Result r = StateFootprint.measure(s);
            assertEquals(10_000, r.keptCount());
            assertEquals(4, r.pruned().size());
            assertEquals(4, r.baseline().size());
            for (StateFootprint.EpochMeasure e : r.pruned()) {
                double perExample = e.bytesPerExample(s.examples());
                // measured 24.0 in warm-up, 25.0 at the swap, 21.0 after (streamed: labels and fingerprints 8 bytes)
                assertTrue(perExample > 16 && perExample <= 32,
                        "prefetch " + prefetch + ", epoch " + e.epoch() + ": " + perExample + " bytes/example");
            }
            assertTrue(r.pruned().get(2).stateBytes() < r.pruned().get(1).stateBytes(),
                    "the scorers are released once the report holds the scores");
            long growth = r.pruned().get(3).stateBytes() - r.pruned().get(2).stateBytes();
            assertTrue(growth >= 0 && growth < 100, "flat after the swap but for the ledger's entry per epoch: "
                    + growth + " bytes");
            assertTrue(r.baseline().stream().allMatch(e -> e.stateBytes() == 0));
            assertTrue(StateFootprint.markdown(r).contains("| 4 | pruned |"));
        }
    }

    @Test
    void anInMemoryIteratorKeepsClassIndicesNotTheOneHotLabels() {
        int n = 2000;
        int classes = 1000;
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % classes, 1);
        }
        PruningIterator it = PruningIterator.builder(new DataSet(Nd4j.rand(DataType.FLOAT, n, 3), labels), 100)
                .build();
        List<INDArray> reachable = new ArrayList<>();
        RetainedHeap.Measure m = RetainedHeap.of(List.of(it), o -> {
            if (o instanceof INDArray a) {
                reachable.add(a);
            }
            return StateFootprint.isOutsideState(o);
        });
        assertTrue(reachable.stream().noneMatch(a -> a.length() >= (long) n * classes),
                "no one-hot label matrix is held: " + reachable.stream().map(a -> a.shapeInfoToString()).toList());
        // labels 4 bytes (shared by source and iterator) + the epoch's active ids 4: was 4,008 at 1,000 classes
        assertTrue((double) m.bytes() / n < 12, m.bytes() + " bytes for " + n + " examples");
    }

    @Test
    void retainedHeapCountsEachObjectOnceAndStopsAtTheBoundary() {
        int[] shared = new int[1000];
        long[] outside = new long[1000];
        Object[] roots = {shared, shared, outside};
        Predicate<Object> boundary = o -> o == outside;
        RetainedHeap.Measure m = RetainedHeap.of(List.of((Object) roots), boundary);
        long intArray = RetainedHeap.of(List.of(shared), o -> false).bytes();
        assertTrue(intArray >= 4000 && intArray <= 4032, "an int[1000] is 4,000 bytes and a header: " + intArray);
        assertEquals(2, m.objects(), "the root array and the int[] once; the boundary's long[] not at all");
        assertTrue(m.bytes() < intArray + 100, String.valueOf(m.bytes()));
    }
}
