package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.ScriptedIterator;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Random augmentation with pruning (issue 27): on the {@code PruningIterator} ({@code augmentation(...)}), applied
 * to training batches only; or inside a streamed source ({@code sourceAugments()}), whose examples are then checked
 * by position, label and count but not by feature values.
 */
class AugmentationTest {

    /** Counts the rows it augments; shifts the signal columns by a small random amount (never column 0, the id). */
    private static final class CountingAugmentation implements DataSetPreProcessor {
        private final SplittableRandom random = new SplittableRandom(3);
        private long rows;
        private final List<Float> firstSignals = new ArrayList<>();

        @Override
        public void preProcess(org.nd4j.linalg.dataset.api.DataSet batch) {
            INDArray f = batch.getFeatures();
            firstSignals.add(f.getFloat(0, 1));
            rows += f.size(0);
            for (int r = 0; r < f.size(0); r++) {
                for (int c = 1; c < f.size(1); c++) {
                    f.putScalar(r, c, f.getFloat(r, c) + (float) (random.nextDouble() * 0.2 - 0.1));
                }
            }
        }
    }

    @Test
    void theAugmentationTouchesTrainingBatchesOnlyNotScoringPassesOrEvaluation() {
        DataSet data = TestData.blobs(2, 50, 4, 1);
        CountingAugmentation augmentation = new CountingAugmentation();
        List<Float> seenByPre = new ArrayList<>();
        PruningIterator it = PruningIterator.builder(data, 10).seed(5)
                .preProcessor(b -> seenByPre.add(b.getFeatures().getFloat(0, 1)))
                .augmentation(augmentation).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 2, 1);
        PruningListener listener = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .el2nInput(ScoreInput.END_OF_WARMUP_PASS).build();
        net.addListeners(listener);
        net.fit(it, 3);

        PruningLedger ledger = listener.ledger();
        assertEquals(List.of(100, 50, 50), ledger.examplesPerEpoch());
        assertEquals(200, augmentation.rows, "every trained example was augmented once, and nothing else was");
        assertTrue(ledger.extraInferenceExamples() >= 100, "the end-of-warm-up pass read every example: "
                + ledger.extraInferenceExamples());
        assertTrue(seenByPre.size() > augmentation.firstSignals.size(), "the pre-processor saw the scoring pass's"
                + " batches too: " + seenByPre.size() + " against " + augmentation.firstSignals.size());

        net.evaluate(it);
        assertEquals(200, augmentation.rows, "evaluation through the iterator is not augmented");
    }

    @Test
    void anAugmentingSourceIsCheckedByPositionLabelAndCountButNotByItsFeatures() {
        DataSet data = TestData.blobs(2, 10, 2, 1);
        IntFunction<List<DataSet>> augmentedPasses = pass -> augmented(data, pass).batchBy(5);

        PruningIterator unsaid = PruningIterator.builder(new ScriptedIterator(augmentedPasses)).build();
        unsaid.registerListener();
        unsaid.markListenerActive();
        OutsideReads.trainingByHand(true);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> drain(unsaid));
            assertTrue(e.getMessage().contains("sourceAugments()"), "the error says what to do: " + e.getMessage());

            PruningIterator it = PruningIterator.builder(new ScriptedIterator(augmentedPasses)).sourceAugments()
                    .batchSize(4).build();
            it.registerListener();
            it.markListenerActive();
            assertEquals(20, drain(it).length);
            it.keepFromNextEpoch(new int[] {1, 4, 5, 18}, null);
            it.reset();
            assertArrayEquals(new int[] {1, 4, 5, 18}, drain(it), "ids are stream positions, kept as without"
                    + " augmentation");
            assertEquals(it.passes().fingerprint(), it.passes().fingerprint(), "a saved tuning's fingerprint leaves"
                    + " out the features that change at every read");

            List<DataSet> batches = data.batchBy(5);
            List<DataSet> reversed = new ArrayList<>(batches);
            java.util.Collections.reverse(reversed);
            PruningIterator reordered = PruningIterator.builder(new ScriptedIterator(pass -> pass < 3 ? batches
                    : reversed)).sourceAugments().build();
            reordered.registerListener();
            reordered.markListenerActive();
            drain(reordered);
            reordered.reset();
            IllegalStateException order = assertThrows(IllegalStateException.class, () -> drain(reordered));
            assertTrue(order.getMessage().contains("changed its order: the example at position 0 had label 0"),
                    order.getMessage());

            PruningIterator shorter = PruningIterator.builder(new ScriptedIterator(pass -> pass < 3 ? batches
                    : batches.subList(0, 3))).sourceAugments().build();
            shorter.registerListener();
            shorter.markListenerActive();
            drain(shorter);
            shorter.reset();
            IllegalStateException size = assertThrows(IllegalStateException.class, () -> drain(shorter));
            assertTrue(size.getMessage().contains("yielded 15 examples this epoch but 20"), size.getMessage());
        } finally {
            OutsideReads.trainingByHand(false);
        }
    }

    @Test
    void sourceAugmentsIsRefusedForADataSetInMemory() {
        PruningIteratorBuilder builder = PruningIterator.builder(TestData.blobs(2, 10, 2, 1), 5).sourceAugments();
        IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);
        assertTrue(e.getMessage().contains("augmentation(...)"), e.getMessage());
    }

    /** The data with seeded noise on the signal columns, other noise every pass; column 0 (the id) untouched. */
    private static DataSet augmented(DataSet data, int pass) {
        DataSet copy = data.copy();
        INDArray f = copy.getFeatures();
        SplittableRandom random = new SplittableRandom(pass);
        for (int r = 0; r < f.rows(); r++) {
            for (int c = 1; c < f.columns(); c++) {
                f.putScalar(r, c, f.getFloat(r, c) + (float) random.nextDouble());
            }
        }
        return copy;
    }

    private static int[] drain(PruningIterator it) {
        List<Integer> ids = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            Arrays.stream(TestData.idsOf(batch.getFeatures())).forEach(ids::add);
            it.pollServed();
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
