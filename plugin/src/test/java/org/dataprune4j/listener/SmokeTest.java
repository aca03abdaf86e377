package org.dataprune4j.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dataprune4j.iterator.PruningIterator;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;

class SmokeTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void swapsAfterWarmup(boolean prefetch) {
        DataSet data = TestData.blobs(3, 100, 4, 7);
        PruningIterator it = PruningIterator.builder(data, 32).asyncPrefetch(prefetch).build();
        PruningListener l = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.addListeners(l);
        net.fit(it, 4);
        assertEquals(150, it.activeCount());
        assertEquals(150, l.report().orElseThrow().keptCount());
    }
}
