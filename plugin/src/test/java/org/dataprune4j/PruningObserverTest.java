package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
