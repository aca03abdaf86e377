package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.RecordingListener;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/** The DL4J hook sequence the listener's design relies on (see DL4J-FACTS), checked on this DL4J version. */
class Dl4jHookOrderTest {

    @Test
    void eachEpochIsStartThenOneForwardPassPerBatchThenEnd() {
        PruningIterator it = PruningIterator.builder(TestData.blobs(3, 20, 4, 7), 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .build();
        RecordingListener recorder = new RecordingListener();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(pruning, recorder);
        net.fit(it, 2);
        List<String> expected = new ArrayList<>();
        expected.add("epochStart");
        expected.addAll(Collections.nCopies(4, "forward"));
        expected.add("epochEnd");
        expected.add("epochStart");
        expected.addAll(Collections.nCopies(2, "forward"));
        expected.add("epochEnd");
        assertEquals(expected, recorder.calls(), "60 examples in batches of 16, then 30 kept");
    }
}
