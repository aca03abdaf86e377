package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dataprune4j.select.ClassBalancedRule;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.RecordingListener;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Cases that once trained on without a word (issue 12): each now fails or explains itself, early. */
class NothingSilentTest {
    private static final DataSet DATA = TestData.blobs(3, 20, 4, 7);

    @Test
    void askingForTheReportBeforeTheSwapExplainsWhenTheSwapComes() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(3)
                .build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(pruning);
        net.fit(it, 2);
        assertFalse(pruning.hasSwapped());
        IllegalStateException e = assertThrows(IllegalStateException.class, pruning::report);
        assertTrue(e.getMessage().contains("has seen 2 complete epoch(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("end of epoch 3 (epochs counted from 1)"), e.getMessage());

        PruningIterator unused = PruningIterator.builder(DATA, 16).build();
        PruningListener neverAdded = PruningListener.builder(unused, ScoreRangeRule.keepHardest(0.5)).build();
        e = assertThrows(IllegalStateException.class, neverAdded::report);
        assertTrue(e.getMessage().contains("no model has called it"), e.getMessage());
    }

    @Test
    void aSecondModelTrainedOnTheIteratorAfterTheSwapIsStoppedAtItsSecondBatch() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork pruned = TestData.mlp(5, 8, 3, 1);
        pruned.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).build());
        pruned.fit(it, 2);

        MultiLayerNetwork baseline = TestData.mlp(5, 8, 3, 2);
        RecordingListener recorder = new RecordingListener();
        baseline.setListeners(recorder);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> baseline.fit(it, 1));
        assertTrue(e.getMessage().contains("another model is training on this iterator"), e.getMessage());
        assertTrue(e.getMessage().contains("unpruned()"), e.getMessage());
        assertEquals(1, recorder.forwardPasses(), "stopped before its second batch");
    }

    @Test
    void replacingTheListenersDuringWarmUpIsStoppedAtTheNextBatch() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2)
                .build();
        net.setListeners(pruning);
        net.fit(it, 1);
        RecordingListener recorder = new RecordingListener();
        net.setListeners(recorder);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.fit(it, 1));
        assertTrue(e.getMessage().contains("its listener was removed from the model"), e.getMessage());
        assertEquals(1, recorder.forwardPasses());
        assertFalse(pruning.hasSwapped());
    }

    @Test
    void anUnprunedBaselineBesideAPrunedRunTrainsOnEverythingEveryEpoch() {
        PruningIterator baselineData = PruningIterator.builder(DATA, 16).unpruned().build();
        MultiLayerNetwork baseline = TestData.mlp(5, 8, 3, 2);
        RecordingListener recorder = new RecordingListener();
        baseline.setListeners(recorder);
        baseline.fit(baselineData, 3);
        for (int e = 0; e < 3; e++) {
            assertEquals(60, recorder.distinctIds(e).size(), "epoch " + e);
        }
    }

    @Test
    void aClassBalancedRuleThatKeepsNoneOfAClassFailsWhenTheListenerIsBuilt() {
        // 60 examples, 20 per class: 2% of a class rounds to 0 kept (1.2 of all 60 would round to 1)
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PruningListener.builder(it,
                ClassBalancedRule.of(ScoreRangeRule.keepHardest(0.02))).build());
        assertTrue(e.getMessage().contains("In class 0 (20 examples)"), e.getMessage());
        assertTrue(e.getMessage().contains("before any training"), e.getMessage());
    }

    @Test
    void anUnwritableScoresCsvFailsWhenTheListenerIsBuilt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a directory");
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                        .scoresCsv(file.resolve("scores.csv")).build());
        assertTrue(e.getMessage().contains("cannot be written"), e.getMessage());
    }

    @Test
    void aStreamedSourceDefaultsToTheExamplesInItsFirstBatch() {
        List<DataSet> preBatched = DATA.batchBy(12);
        PruningIterator listed = PruningIterator.builder(new ListDataSetIterator<>(preBatched, 1)).build();
        assertEquals(12, listed.batch(), "not 1, the list elements ListDataSetIterator.batch() counts");
        PruningIterator existing = PruningIterator.builder(new ExistingDataSetIterator(preBatched)).build();
        assertEquals(12, existing.batch(), "not 0, what ExistingDataSetIterator.batch() says");
        PruningIterator chosen = PruningIterator.builder(new ExistingDataSetIterator(preBatched)).batchSize(5).build();
        assertEquals(5, chosen.batch());
    }

    @Test
    void examplesWithAZeroLabelsMaskAreNotRankedAndArePrunedWithTheirReason() {
        // 20 of 80 examples carry a placeholder label (class 0) and a zero mask: DL4J trains nothing from them, so
        // their EL2N is meaningless. Before issue 12 they were ranked and filled the outlier list.
        DataSet data = TestData.withLastMasked(TestData.blobs(4, 20, 4, 3), 20);
        PruningIterator it = PruningIterator.builder(data, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .outliers(10).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 4, 1);
        net.setListeners(pruning);
        net.fit(it, 2);
        PruningReport report = pruning.report();
        assertEquals(20, report.count(Decision.PRUNED_MASKED));
        assertEquals(30, report.keptCount(), "half of the 60 ranked examples");
        for (int id = 60; id < 80; id++) {
            assertEquals(Decision.PRUNED_MASKED, report.selection().decision(id));
        }
        assertTrue(report.outliers().stream().allMatch(o -> o.id() < 60), report.outliers().toString());
        assertTrue(report.summary().contains("20 examples with a zero labels mask were not ranked"), report.summary());
    }

    @Test
    void aLabelsMaskThatIsNotZeroOrOneIsRejectedWhenTheIteratorIsBuilt() {
        DataSet data = TestData.blobs(3, 4, 4, 3);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 12, 1);
        mask.putScalar(5, 0, 2);
        data.setLabelsMaskArray(mask);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningIterator.builder(data, 4).build());
        assertTrue(e.getMessage().contains("labels mask of example 5 holds 2.0"), e.getMessage());
    }
}
