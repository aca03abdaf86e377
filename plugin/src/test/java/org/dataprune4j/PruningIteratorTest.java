package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.ScriptedIterator;
import org.dataprune4j.testing.TestData;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class PruningIteratorTest {

    /** These tests read the iterator by hand as a DL4J fit would; reads that are not training are tested apart. */
    @org.junit.jupiter.api.BeforeEach
    void readAsTraining() {
        OutsideReads.trainingByHand(true);
    }

    @org.junit.jupiter.api.AfterEach
    void readAsCallersDecide() {
        OutsideReads.trainingByHand(false);
    }

    /** The ids of each batch of one pass, read from feature column 0, checked against the served record. */
    private static List<int[]> drainPass(PruningIterator it) {
        List<int[]> batches = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            int[] ids = TestData.idsOf(batch.getFeatures());
            ServedBatch served = it.pollServed();
            assertNotNull(served, "every served batch is recorded");
            assertArrayEquals(ids, served.ids(), "the record names the rows actually served");
            batches.add(ids);
        }
        return batches;
    }

    private static int[] sortedIds(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    @Test
    void inMemoryServesEveryIdOncePerEpochReshuffledReproducibly() {
        DataSet data = TestData.blobs(3, 10, 2, 1);
        PruningIterator it = PruningIterator.builder(data, 8).seed(3).build();
        it.registerListener();
        it.markListenerActive();
        List<int[]> first = drainPass(it);
        assertEquals(List.of(8, 8, 8, 6), first.stream().map(b -> b.length).toList());
        assertArrayEquals(range(30), sortedIds(first));
        it.reset();
        List<int[]> second = drainPass(it);
        assertArrayEquals(range(30), sortedIds(second));
        assertFalse(Arrays.equals(first.get(0), second.get(0)), "reshuffled each epoch");

        PruningIterator again = PruningIterator.builder(data, 8).seed(3).build();
        assertArrayEquals(first.get(0), TestData.idsOf(again.next().getFeatures()), "same seed, same order");
    }

    @Test
    void subsetTakesEffectAtTheNextResetOnly() {
        PruningIterator it = PruningIterator.builder(TestData.blobs(2, 10, 2, 1), 4).build();
        it.registerListener();
        it.markListenerActive();
        it.next();
        it.keepFromNextEpoch(new int[] {1, 5, 7, 19}, null);
        assertArrayEquals(range(20), sortedIds(concat(List.of(TestData.idsOf(
                dataOfPrevious(it))), drainPass(it))), "the epoch under way still serves everything");
        assertEquals(20, it.activeCount());
        it.reset();
        assertEquals(4, it.activeCount());
        assertArrayEquals(new int[] {1, 5, 7, 19}, sortedIds(drainPass(it)));
        it.reset();
        assertArrayEquals(new int[] {1, 5, 7, 19}, sortedIds(drainPass(it)), "and every epoch after");
    }

    private static INDArray dataOfPrevious(PruningIterator it) {
        ServedBatch first = it.pollServed();
        double[][] col = new double[first.ids().length][1];
        for (int i = 0; i < col.length; i++) {
            col[i][0] = first.ids()[i] / 1000.0;
        }
        return Nd4j.create(col);
    }

    private static List<int[]> concat(List<int[]> a, List<int[]> b) {
        List<int[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void midEpochResetStartsAFullEpoch() {
        PruningIterator it = PruningIterator.builder(TestData.blobs(2, 10, 2, 1), 4).build();
        it.registerListener();
        it.markListenerActive();
        it.next();
        assertNotNull(it.pollServed());
        it.next();
        assertNotNull(it.pollServed());
        it.reset();
        assertEquals(null, it.pollServed());
        assertArrayEquals(range(20), sortedIds(drainPass(it)), "the abandoned epoch's order does not carry over");
    }

    @Test
    void exhaustedIteratorThrowsNoSuchElement() {
        PruningIterator it = PruningIterator.builder(TestData.blobs(2, 2, 2, 1), 10).build();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void keepsPreProcessorAndMasks() {
        DataSet data = TestData.blobs(2, 5, 2, 1);
        INDArray labelsMask = Nd4j.create(DataType.FLOAT, 10, 1);
        for (int i = 0; i < 10; i++) {
            labelsMask.putScalar(i, 0, i % 2);
        }
        data.setLabelsMaskArray(labelsMask);
        PruningIterator it = PruningIterator.builder(data, 4).preProcessor(ds -> ds.getFeatures().addi(0)).build();
        assertNotNull(it.getPreProcessor());
        DataSet batch = it.next();
        int[] ids = TestData.idsOf(batch.getFeatures());
        double[] mask = batch.getLabelsMaskArray().toDoubleVector();
        for (int r = 0; r < ids.length; r++) {
            assertEquals(ids[r] % 2, mask[r], 0.0, "mask row follows its example");
        }
    }

    @Test
    void gathersImageShapedFeatures() {
        int n = 6;
        INDArray features = Nd4j.create(DataType.FLOAT, n, 1, 2, 2);
        for (int i = 0; i < n; i++) {
            features.putScalar(new long[] {i, 0, 1, 1}, i);
        }
        INDArray labels = Nd4j.eye(n).castTo(DataType.FLOAT);
        PruningIterator it = PruningIterator.builder(new DataSet(features, labels), 4).seed(9).build();
        DataSet batch = it.next();
        assertArrayEquals(new long[] {4, 1, 2, 2}, batch.getFeatures().shape());
        for (int r = 0; r < 4; r++) {
            double id = batch.getFeatures().getDouble(r, 0, 1, 1);
            assertEquals(1.0, batch.getLabels().getDouble(r, (int) id), 0.0, "label row follows its image");
        }
    }

    @Test
    void inMemoryLabelsAreServedAsTheOriginalOneHotRowsInTheirOwnDataType() {
        DataSet data = TestData.blobs(4, 5, 2, 1);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.HALF}) {
            DataSet typed = new DataSet(data.getFeatures(), data.getLabels().castTo(type));
            PruningIterator it = PruningIterator.builder(typed, 7).seed(5).unpruned().build();
            while (it.hasNext()) {
                DataSet batch = it.next();
                assertEquals(type, batch.getLabels().dataType());
                int[] ids = TestData.idsOf(batch.getFeatures());
                assertEquals(typed.getLabels().getRows(ids), batch.getLabels(), "the one-hot rows of the served ids");
            }
        }
    }

    @Test
    void streamedSourceKeepsOrderRebatchesAndFilters() {
        DataSet data = TestData.blobs(2, 10, 2, 1);
        PruningIterator it = PruningIterator.builder(ScriptedIterator.of(data, 3)).batchSize(4).build();
        it.registerListener();
        it.markListenerActive();
        assertEquals(20, it.numExamples());
        List<int[]> pass = drainPass(it);
        assertArrayEquals(range(20), pass.stream().flatMapToInt(Arrays::stream).toArray(), "stream order kept");
        assertEquals(List.of(4, 4, 4, 4, 4), pass.stream().map(b -> b.length).toList(), "re-batched to 4");
        it.keepFromNextEpoch(new int[] {0, 2, 3, 4, 9, 10, 11, 19}, null);
        it.reset();
        List<int[]> kept = drainPass(it);
        assertArrayEquals(new int[] {0, 2, 3, 4, 9, 10, 11, 19}, kept.stream().flatMapToInt(Arrays::stream).toArray());
        assertEquals(List.of(4, 4), kept.stream().map(b -> b.length).toList());
    }

    @Test
    void streamedSourceThatChangesSizeFailsOnTheTrainingThreadWhenTheShortPassEnds() {
        DataSet data = TestData.blobs(2, 10, 2, 1);
        List<DataSet> full = data.batchBy(5);
        ScriptedIterator source = new ScriptedIterator(pass -> pass < 3 ? full : full.subList(0, 3));
        PruningIterator it = PruningIterator.builder(source).build();
        it.registerListener();
        it.markListenerActive();
        drainPass(it);
        it.reset();
        List<int[]> served = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            while (it.hasNext()) {
                served.add(TestData.idsOf(it.next().getFeatures()));
                it.pollServed();
            }
        });
        assertEquals(3, served.size(), "the three batches the short pass had were served first");
        assertTrue(e.getMessage().contains("yielded 15 examples this epoch but 20 on its first pass"), e.getMessage());
    }

    @Test
    void streamedSourceThatReordersFails() {
        DataSet data = TestData.blobs(2, 10, 2, 1);
        List<DataSet> batches = data.batchBy(5);
        List<DataSet> reversed = new ArrayList<>(batches);
        java.util.Collections.reverse(reversed);
        ScriptedIterator source = new ScriptedIterator(pass -> pass < 3 ? batches : reversed);
        PruningIterator it = PruningIterator.builder(source).build();
        it.registerListener();
        it.markListenerActive();
        drainPass(it);
        it.reset();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> drainPass(it));
        assertTrue(e.getMessage().contains("changed its order"), e.getMessage());
    }

    @Test
    void aStreamedSourceThatSwapsTwoExamplesOfTheSameLabelIsCaughtByTheirFeatures() {
        DataSet data = TestData.blobs(2, 10, 2, 1);
        DataSet swapped = data.copy();
        // ids 0 and 2 are both class 0: the label sequence stays the same
        swapped.getFeatures().putRow(0, data.getFeatures().getRow(2));
        swapped.getFeatures().putRow(2, data.getFeatures().getRow(0));
        List<DataSet> original = data.batchBy(5);
        List<DataSet> reordered = swapped.batchBy(5);
        PruningIterator it = PruningIterator.builder(new ScriptedIterator(pass -> pass < 3 ? original : reordered))
                .build();
        it.registerListener();
        it.markListenerActive();
        assertEquals(4, drainPass(it).size());
        it.reset();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> drainPass(it));
        assertTrue(e.getMessage().contains("features of the example at position 0 differ"), e.getMessage());
    }

    @Test
    void batchesThatNoListenerSawAreAnErrorAtTheNextBatchOrReset() {
        PruningIterator it = PruningIterator.builder(TestData.blobs(2, 4, 2, 1), 4).build();
        it.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
        assertTrue(e.getMessage().contains("build a PruningListener for this iterator"), e.getMessage());

        PruningIterator registered = PruningIterator.builder(TestData.blobs(2, 4, 2, 1), 4).build();
        registered.registerListener();
        registered.next();
        e = assertThrows(IllegalStateException.class, registered::reset);
        assertTrue(e.getMessage().contains("net.addListeners(listener)"), e.getMessage());
        assertTrue(e.getMessage().contains("served 1 batch(es) that no PruningListener saw"), e.getMessage());
    }

    @Test
    void anUnprunedIteratorServesThePrePruningBatchesEveryEpochAndRefusesAListener() {
        DataSet data = TestData.blobs(3, 10, 2, 5);
        PruningIterator baseline = PruningIterator.builder(data, 7).seed(9).unpruned().build();
        PruningIterator pruning = PruningIterator.builder(data, 7).seed(9).build();
        pruning.registerListener();
        pruning.markListenerActive();
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            while (baseline.hasNext()) {
                for (int id : TestData.idsOf(baseline.next().getFeatures())) {
                    a.add(id);
                }
            }
            while (pruning.hasNext()) {
                for (int id : TestData.idsOf(pruning.next().getFeatures())) {
                    b.add(id);
                }
                assertNotNull(pruning.pollServed());
            }
            assertEquals(b, a, "epoch " + epoch + ": the same batches in the same order");
            assertEquals(30, new HashSet<>(a).size());
            baseline.reset();
            pruning.reset();
        }
        assertNull(baseline.pollServed(), "no record is kept for a listener that cannot exist");
        assertNull(pruning.pollServed());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PruningListener.builder(baseline, ScoreRangeRule.keepHardest(0.5)).build());
        assertTrue(e.getMessage().contains("unpruned()"), e.getMessage());
    }

    @Test
    void badSourcesAreRejectedWithWhatToDo() {
        DataSet empty = new DataSet(Nd4j.create(DataType.FLOAT, 0, 3), Nd4j.create(DataType.FLOAT, 0, 2));
        assertMessage(() -> PruningIterator.builder(empty, 4), "empty");
        assertMessage(() -> PruningIterator.builder(new ScriptedIterator(pass -> List.of())), "yielded no examples");
        DataSet sequence = new DataSet(Nd4j.create(DataType.FLOAT, 4, 3, 5), Nd4j.create(DataType.FLOAT, 4, 2, 5));
        assertMessage(() -> PruningIterator.builder(sequence, 4), "a label per time step");
        DataSet soft = new DataSet(Nd4j.create(DataType.FLOAT, 2, 3),
                Nd4j.create(new double[][] {{1, 0}, {0.5, 0.5}}).castTo(DataType.FLOAT));
        assertMessage(() -> PruningIterator.builder(soft, 4), "example 1 has label [0.5, 0.5]");
        assertMessage(() -> PruningIterator.builder(TestData.blobs(2, 2, 2, 1), 0).build(), "batchSize must be at least 1");
        PruningIterator it = PruningIterator.builder(TestData.blobs(2, 2, 2, 1), 2).build();
        assertMessage(() -> it.keepFromNextEpoch(new int[0], null), "at least one example");
        assertMessage(() -> it.keepFromNextEpoch(new int[] {3, 1}, null), "ascending");
        assertMessage(() -> it.keepFromNextEpoch(new int[] {4}, null), "not an example id");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }
}
