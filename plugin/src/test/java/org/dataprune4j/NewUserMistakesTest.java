package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.schedule.TrainingBudget;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.CapturedLog;
import org.dataprune4j.testing.RecordingListener;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.datasets.iterator.EarlyTerminationDataSetIterator;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.datasets.iterator.MultipleEpochsIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.deeplearning4j.optimize.listeners.EvaluativeListener;
import org.nd4j.evaluation.classification.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/** What new users met (issue 25): each mistake stops with an error that names it, or says so in the log. */
class NewUserMistakesTest {
    private static final DataSet DATA = TestData.blobs(3, 20, 4, 7);

    @Test
    void aLoopOfFitDataSetOverTheIteratorIsStoppedAtItsFirstBatch() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        RecordingListener recorder = new RecordingListener();
        net.setListeners(pruning, recorder);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int epoch = 0; epoch < 3; epoch++) {
                it.reset();
                while (it.hasNext()) {
                    net.fit(it.next());
                }
            }
        });
        assertTrue(e.getMessage().contains("outside an epoch"), e.getMessage());
        assertTrue(e.getMessage().contains("net.fit(pruningIterator, epochs)"), e.getMessage());
        assertEquals(0, recorder.forwardPasses(), "stopped in the first batch's forward pass, before the recorder");
        assertFalse(pruning.hasSwapped());
    }

    @Test
    void aListenerAddedTwiceIsRefusedAtTheFirstEpoch() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.addListeners(pruning, pruning);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.fit(it, 1));
        assertTrue(e.getMessage().contains("added to the model 2 times"), e.getMessage());
        assertTrue(e.getMessage().contains("Add it once"), e.getMessage());
    }

    @Test
    void aScoresCsvThatIsADirectoryFailsWhenTheListenerIsBuilt(@TempDir Path dir) throws Exception {
        Path existing = Files.createDirectories(dir.resolve("scores"));
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).scoresCsv(existing).build());
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(e.getMessage().contains(existing.resolve("scores.csv").toString()), e.getMessage());
    }

    @Test
    void aNewListenerOnAModelThatHasTrainedAlreadySaysItStartsANewRun() {
        // a restart that continued a model (from DL4J's CheckpointListener, say) without resumeFrom: the warm-up on
        // all data comes again; right for fine-tuning, wrong for an interrupted run, so it is said
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.fit(PruningIterator.builder(DATA, 16).unpruned().build(), 2);
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        net.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).build());
        try (CapturedLog log = CapturedLog.of(PruningListener.class)) {
            net.fit(it, 1);
            assertTrue(log.warned("the model has trained 2 epoch(s) already"), log.warnings().toString());
            assertTrue(log.warned("resumeFrom(dir)"), log.warnings().toString());
        }
    }

    @Test
    void settingsThatCannotTakeEffectAreRefusedWhereKnownAndSaidWhenTheReportIsRead() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PruningListener.builder(it,
                ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2).epochs(2).build());
        assertTrue(e.getMessage().contains("With 2 epochs no pruned epoch is trained"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PruningListener.builder(it,
                SoftPruningSchedule.builder(10).build()).epochs(4).build());
        assertTrue(e.getMessage().contains("is planned for 10 epochs, but epochs(4)"), e.getMessage());

        // epochs not said: DL4J does not tell a listener that fit ended, so the report says what did not happen
        PruningListener swapOnly = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2)
                .build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(swapOnly);
        net.fit(it, 2);
        try (CapturedLog log = CapturedLog.of(PruningListener.class)) {
            swapOnly.report();
            assertTrue(log.warned("no pruned epoch has been trained yet"), log.warnings().toString());
        }
        PruningIterator soft = PruningIterator.builder(DATA, 16).build();
        PruningListener neverAnneals = PruningListener.builder(soft, SoftPruningSchedule.builder(10).build()).build();
        MultiLayerNetwork net2 = TestData.mlp(5, 8, 3, 1);
        net2.setListeners(neverAnneals);
        net2.fit(soft, 4);
        try (CapturedLog log = CapturedLog.of(PruningListener.class)) {
            neverAnneals.report();
            assertTrue(log.warned("planned for 10 epochs and this listener has seen 4"), log.warnings().toString());
        }

        // a run of known length that ended early (early stopping): its fitted learning rate never finished decaying
        PruningIterator stopped = PruningIterator.builder(DATA, 16).build();
        PruningListener told4 = PruningListener.builder(stopped, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .epochs(4).build();
        MultiLayerNetwork net3 = TestData.mlp(5, 8, 3, 1, new Adam(FittedSchedule.cosine(1e-2).build()));
        net3.setListeners(told4);
        net3.fit(stopped, 3);
        try (CapturedLog log = CapturedLog.of(PruningListener.class)) {
            told4.report();
            assertTrue(log.warned("told the run has 4 epochs (epochs(n) or the budget) and has seen 3")
                    && log.warned("the learning rate fitted to 4 epochs (FittedSchedule) stopped before the end of its"
                    + " decay"), log.warnings().toString());
            net3.fit(stopped, 1);
            told4.report();
            assertEquals(1, log.warnings().size(), "no warning once the run has its 4 epochs: " + log.warnings());
        }
    }

    @Test
    void aClassAdaptiveRuleClippedForTheLossInAListenerRankingByAnotherScoreIsWarnedAbout() {
        try (CapturedLog log = CapturedLog.of(PruningListener.class)) {
            PruningListener.builder(PruningIterator.builder(DATA, 16).build(), ClassAdaptiveRule.rcap(0.5, 3, 1))
                    .build();
            assertTrue(log.warned("clips scores at 1.0986 (RCAP's ln C is for the loss), but the listener ranks by"
                    + " EL2N") && log.warned("score(ScoreKind.LOSS)"), log.warnings().toString());
            PruningListener.builder(PruningIterator.builder(DATA, 16).build(), ClassAdaptiveRule.rcap(0.5, 3, 1))
                    .score(ScoreKind.LOSS).build();
            PruningListener.builder(PruningIterator.builder(DATA, 16).build(), ClassAdaptiveRule.keep(0.5)).build();
            PruningListener.builder(PruningIterator.builder(DATA, 16).build(), TrainingBudget.of(0.5, 4)
                    .keptBy(share -> ClassAdaptiveRule.rcap(share, 3, 1))).score(ScoreKind.LOSS).build();
            assertEquals(1, log.warnings().size(), "only the first: " + log.warnings());
            PruningListener.builder(PruningIterator.builder(DATA, 16).build(), TrainingBudget.of(0.5, 4)
                    .keptBy(share -> ClassAdaptiveRule.rcap(share, 3, 1))).build();
            assertEquals(2, log.warnings().size(), "a budget's rule too: " + log.warnings());
        }
    }

    @Test
    void dl4jWrappersThatChangeWhatAnEpochIsAreRefusedNamingThem() {
        // before, MultipleEpochsIterator met "served batches that no PruningListener saw ... listener removed?" and
        // EarlyTerminationDataSetIterator "examples were never scored": true, but not the cause
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2).build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> net.fit(new MultipleEpochsIterator(3, it), 2));
        assertTrue(e.getMessage().contains("wrapped in DL4J's MultipleEpochsIterator")
                && e.getMessage().contains("net.fit(pruningIterator, epochs)"), e.getMessage());

        PruningIterator it2 = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net2 = TestData.mlp(5, 8, 3, 1);
        net2.setListeners(PruningListener.builder(it2, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2).build());
        e = assertThrows(IllegalStateException.class, () -> net2.fit(new EarlyTerminationDataSetIterator(it2, 2), 3));
        assertTrue(e.getMessage().contains("wrapped in DL4J's EarlyTerminationDataSetIterator"), e.getMessage());
    }

    @Test
    void examplesWithAZeroLabelsMaskStayPrunedThroughSoftPruningsAnnealing() {
        // 20 of 80 examples carry a placeholder label and a zero mask; soft pruning's last epoch (of 8) trains all
        // data: the report after it must still say they are masked, and list none of them as outliers
        DataSet data = TestData.withLastMasked(TestData.blobs(4, 20, 4, 3), 20);
        PruningIterator it = PruningIterator.builder(data, 16).build();
        PruningListener pruning = PruningListener.builder(it, SoftPruningSchedule.builder(8).build()).outliers(20)
                .build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 4, 1);
        net.setListeners(pruning);
        net.fit(it, 8);
        assertEquals(8, pruning.ledger().examplesPerEpoch().size());
        assertEquals(60, (int) pruning.ledger().examplesPerEpoch().get(7), "the annealing epoch serves the 60 unmasked");
        PruningReport report = pruning.report();
        assertEquals(20, report.count(Decision.PRUNED_MASKED));
        assertTrue(report.outliers().stream().allMatch(o -> o.id() < 60), report.outliers().toString());
    }

    @Test
    void aStreamedSourcesPerExampleLabelsMaskKeepsItsShapeThroughReBatching() {
        // DL4J trains this source alone; the iterator re-batches it (source batches of 12, training batches of 16,
        // and after the swap only the kept rows) and once widened the [n, 1] mask to [n, classes], which MCXENT
        // with softmax rejects ("Per output masking ... not supported")
        DataSet data = TestData.blobs(3, 20, 4, 7);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 60, 1);
        mask.putScalar(5, 0, 0);
        java.util.List<DataSet> parts = new java.util.ArrayList<>();
        for (int from = 0; from < 60; from += 12) {
            INDArrayIndex rows = NDArrayIndex.interval(from, from + 12);
            parts.add(new DataSet(data.getFeatures().get(rows).dup(), data.getLabels().get(rows).dup(), null,
                    mask.get(rows).dup()));
        }
        assertEquals(java.util.List.of(24L, 1L), java.util.Arrays.stream(StreamingSource.merge(parts.subList(0, 2))
                .getLabelsMaskArray().shape()).boxed().toList(), "two parts merged keep the [n, 1] mask");

        PruningIterator it = PruningIterator.builder(new ExistingDataSetIterator(parts)).batchSize(16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(pruning);
        net.fit(it, 3);
        assertEquals(java.util.List.of(60, 29, 29), pruning.ledger().examplesPerEpoch(), "half of the 59 unmasked");
        assertEquals(Decision.PRUNED_MASKED, pruning.report().selection().decision(5));
    }

    @Test
    void aNormalizerOnASourceThatKeepsItsDataSetsIsNamedWhenTheSecondEpochSeesOtherValues() {
        DataSet data = TestData.blobs(3, 20, 4, 7);
        ListDataSetIterator<DataSet> source = new ListDataSetIterator<>(data.batchBy(12), 1);
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(data);
        source.setPreProcessor(normalizer); // normalises the stored DataSets in place, again every epoch
        PruningIterator it = PruningIterator.builder(source).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2).build());
        Exception e = assertThrows(Exception.class, () -> net.fit(it, 2));
        Throwable cause = e;
        while (cause.getCause() != null && !cause.getMessage().contains("ListDataSetIterator")) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("a normalizer) set on a source that keeps its DataSets, such as"
                + " ListDataSetIterator"), e.toString());
        assertTrue(cause.getMessage().contains("preProcessor(...)"), cause.getMessage());
    }

    @Test
    void readsThatAreNotTrainingSeeEveryExampleAndLeaveTheRunAlone() {
        DataSet data = TestData.blobs(3, 20, 4, 7);
        PruningIterator it = PruningIterator.builder(data, 16).build();
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(it); // before the listener is built: a read, not training
        assertTrue(normalizer.getMean().reshape(-1).equalsWithEps(data.getFeatures().mean(0).reshape(-1), 1e-5),
                "fitted on all 60: " + normalizer.getMean() + " vs " + data.getFeatures().mean(0));
        it.setPreProcessor(normalizer);
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .build();
        assertEquals(16, it.next().numExamples(), "a peek at a batch");
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        EvaluativeListener perEpoch = new EvaluativeListener(it, 1, InvocationType.EPOCH_END);
        net.setListeners(pruning, perEpoch);
        net.fit(it, 3);
        assertEquals(java.util.List.of(60, 30, 30), pruning.ledger().examplesPerEpoch());
        Evaluation onTraining = net.evaluate(it);
        assertEquals(60, (int) onTraining.getNumRowCounter(), "every example, not the kept 30");
        net.fit(it);
        assertEquals(java.util.List.of(60, 30, 30, 30), pruning.ledger().examplesPerEpoch());
    }

    @Test
    void aReadOfAStreamedIteratorInTheMiddleOfAnEpochIsRefusedSayingWhy() {
        DataSet data = TestData.blobs(3, 20, 4, 7);
        PruningIterator it = PruningIterator.builder(new ExistingDataSetIterator(data.batchBy(12))).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).build(),
                new EvaluativeListener(it, 2, InvocationType.ITERATION_END));
        Exception e = assertThrows(Exception.class, () -> net.fit(it, 2));
        Throwable cause = e;
        while (cause.getCause() != null && !String.valueOf(cause.getMessage()).contains("streams its source")) {
            cause = cause.getCause();
        }
        assertTrue(String.valueOf(cause.getMessage()).contains("in the middle of a training epoch"), e.toString());
    }

    @Test
    void everyEpochIsReadAheadOnTheSameThread() {
        // a new prefetch thread per epoch grew the process by a malloc arena an epoch (docs/BENCHMARKS.md, "Over
        // 100 epochs"); the pre-processor runs on the prefetch thread, so it sees which thread read each epoch
        java.util.Set<Long> readers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        PruningIterator it = PruningIterator.builder(TestData.blobs(3, 200, 4, 7), 16)
                .preProcessor(batch -> readers.add(Thread.currentThread().getId())).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).build());
        net.fit(it, 4);
        assertEquals(1, readers.size(), "4 epochs read on one thread");
        assertFalse(readers.contains(Thread.currentThread().getId()), "read ahead, not on the training thread");
    }
}
