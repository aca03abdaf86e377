package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class PruningObserverTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 4, 7);

    @Test
    void anObserverIsToldEveryEpochWithTheLedgerAndTheSwapsReport() {
        PruningIterator it = PruningIterator.builder(DATA, 20).seed(1).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2)
                .build();
        List<EpochSummary> seen = new ArrayList<>();
        pruning.addObserver(seen::add);
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        net.addListeners(pruning);
        net.fit(it, 4);

        assertEquals(4, seen.size());
        assertEquals(List.of("warm-up", "warm-up", "pruned", "pruned"), seen.stream().map(EpochSummary::phase).toList());
        assertEquals(List.of(120, 120, 60, 60), seen.stream().map(EpochSummary::examplesTrained).toList());
        assertEquals(List.of(120, 60, 60, 60), seen.stream().map(EpochSummary::nextEpochExamples).toList());
        assertTrue(seen.get(1).decision().isPresent() && seen.get(1).decision().get().keptCount() == 60);
        assertTrue(seen.stream().filter(s -> s.epoch() != 1).allMatch(s -> s.decision().isEmpty()));
        assertEquals(pruning.ledger().examplesTrained(), seen.get(3).ledger().examplesTrained());
        assertEquals(0.01, seen.get(0).learningRateFirst(), 1e-12, "TestData.mlp trains with Adam 1e-2");
    }

    /**
     * A re-selecting run told its length decides for every epoch it trains and not after its last: the report after
     * fit is the subset the last epoch trained, not a draw for an epoch that never comes.
     */
    @Test
    void aRunToldItsLengthDecidesNothingAfterItsLastEpoch() {
        PruningIterator it = PruningIterator.builder(DATA, 20).seed(1).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .schedule(ReselectSchedule.every(1, 1)).epochs(4).build();
        List<EpochSummary> seen = new ArrayList<>();
        pruning.addObserver(seen::add);
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        net.addListeners(pruning);
        net.fit(it, 4);

        assertEquals(List.of(true, true, true, false), seen.stream().map(s -> s.decision().isPresent()).toList(),
                "a decision at the end of epochs 1-3 for epochs 2-4, none after epoch 4");
        assertEquals(List.of(120, 60, 60, 60), seen.stream().map(EpochSummary::examplesTrained).toList());
        assertSame(seen.get(2).decision().get().selection(), pruning.report().selection(),
                "the report is the decision epoch 4 trained");
    }

    /** Not told its length, the listener cannot know the last epoch: it decides after every epoch, the last too. */
    @Test
    void aRunNotToldItsLengthDecidesAfterEveryEpoch() {
        PruningIterator it = PruningIterator.builder(DATA, 20).seed(1).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .schedule(ReselectSchedule.every(1, 1)).build();
        List<EpochSummary> seen = new ArrayList<>();
        pruning.addObserver(seen::add);
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        net.addListeners(pruning);
        net.fit(it, 3);
        assertEquals(List.of(true, true, true), seen.stream().map(s -> s.decision().isPresent()).toList());
    }

    /** A failing observer is logged and skipped; training and the other observers go on. */
    @Test
    void aFailingObserverDoesNotStopTrainingOrTheOthers() {
        PruningIterator it = PruningIterator.builder(DATA, 20).seed(1).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .build();
        List<Integer> told = new ArrayList<>();
        pruning.addObserver(s -> {
            throw new IllegalStateException("dashboard down");
        });
        pruning.addObserver(s -> told.add(s.epoch()));
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        net.addListeners(pruning);
        net.fit(it, 3);
        assertEquals(List.of(0, 1, 2), told);
        assertEquals(3, pruning.epochsSeen());
        PruningObserver once = s -> { };
        pruning.addObserver(once);
        assertThrows(IllegalArgumentException.class, () -> pruning.addObserver(once));
    }

    @Test
    void examplesByIdAreTheSourcesRowsAndAStreamedSourceSaysWhyNot() {
        PruningIterator it = PruningIterator.builder(DATA, 20).seed(1).build();
        DataSet two = it.examples(7, 3);
        assertEquals(DATA.getFeatures().getRow(7), two.getFeatures().getRow(0));
        assertEquals(DATA.getFeatures().getRow(3), two.getFeatures().getRow(1));
        assertEquals(DATA.getLabels().getRow(3), two.getLabels().getRow(1));
        assertThrows(IllegalArgumentException.class, () -> it.examples(120));
        assertThrows(IllegalArgumentException.class, () -> it.examples());

        PruningIterator streamed = PruningIterator.builder(new ListDataSetIterator<>(DATA.asList(), 20)).build();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> streamed.examples(0));
        assertTrue(e.getMessage().contains("builder(DataSet, batchSize)"), e.getMessage());
    }
}
