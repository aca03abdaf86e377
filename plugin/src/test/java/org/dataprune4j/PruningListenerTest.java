package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.Agreement;
import org.dataprune4j.testing.RecordingListener;
import org.dataprune4j.testing.ScriptedIterator;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

class PruningListenerTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 4, 7);

    private static Set<Integer> asSet(int[] ids) {
        return Arrays.stream(ids).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Integer> all(int n) {
        return asSet(java.util.stream.IntStream.range(0, n).toArray());
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {true, false})
    void warmupEpochsServeEverythingThenEveryLaterEpochServesExactlyTheKeptSet(boolean prefetch) {
        PruningIterator it = PruningIterator.builder(DATA, 16).asyncPrefetch(prefetch).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25)).warmupEpochs(3)
                .build();
        RecordingListener recorder = new RecordingListener();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(pruning, recorder);

        net.fit(it, 2);
        assertFalse(pruning.hasSwapped(), "epochs 0 and 1 are warm-up");
        net.fit(it, 3);
        assertEquals(5, pruning.epochsSeen());
        PruningReport report = pruning.report();
        assertEquals(2, report.swapEpoch(), "the swap happens at the end of the third (last warm-up) epoch");
        assertEquals(30, report.keptCount());

        for (int e = 0; e < 3; e++) {
            assertEquals(all(120), recorder.distinctIds(e), "warm-up epoch " + e + " trains on every example");
        }
        Set<Integer> kept = asSet(report.selection().keptIds());
        for (int e = 3; e < 5; e++) {
            assertEquals(kept, recorder.distinctIds(e), "epoch " + e + " trains on exactly the kept examples");
        }
        assertEquals(30, it.activeCount());
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {true, false})
    void aStreamedSourceSwapsAfterTheExtraScoringPasses(boolean prefetch) {
        // The evaluation pass and GraNd read a streamed source once more at the end of warm-up; the next
        // epoch must still start with a reset that applies the kept subset.
        PruningIterator it = PruningIterator.builder(ScriptedIterator.of(DATA, 16)).asyncPrefetch(prefetch).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25)).warmupEpochs(1)
                .el2nInput(ScoreInput.END_OF_WARMUP_PASS).alsoCompute(ScoreKind.GRAND).grandInitialisations(2)
                .build();
        RecordingListener recorder = new RecordingListener();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(pruning, recorder);
        net.fit(it, 3);
        Set<Integer> kept = asSet(pruning.report().selection().keptIds());
        assertEquals(30, kept.size());
        assertEquals(all(120), recorder.distinctIds(0));
        assertEquals(kept, recorder.distinctIds(1));
        assertEquals(kept, recorder.distinctIds(2));
    }

    @Test
    void aHandWrittenEpochLoopBehavesLikeFitWithEpochs() {
        PruningReport viaFit = train(true, false, ScoreInput.TRAINING_PASSES);
        PruningReport viaLoop = train(true, true, ScoreInput.TRAINING_PASSES);
        // the same batches, in the same order, through the same kernel in one process: bit for bit
        assertArrayEquals(viaFit.selection().keptIds(), viaLoop.selection().keptIds());
        assertArrayEquals(viaFit.scores().scores(ScoreKind.EL2N), viaLoop.scores().scores(ScoreKind.EL2N), 0.0);
    }

    @Test
    void prefetchOnAndOffGiveIdenticalScoresAndSubsets() {
        PruningReport on = train(true, false, ScoreInput.TRAINING_PASSES);
        PruningReport off = train(false, false, ScoreInput.TRAINING_PASSES);
        // with prefetch on the batches are built on another thread: EL2N within a relative 1e-6 and the kept set equal
        // up to boundary ties within it (Agreement); forgetting (whole counts) within the same tolerance
        Agreement.assertClose(on.scores().scores(ScoreKind.FORGETTING), off.scores().scores(ScoreKind.FORGETTING),
                "forgetting");
        Agreement.assertAgrees("prefetch on against off", on, off, ScoreKind.EL2N);
    }

    @Test
    void sameSeedsGiveIdenticalScoresAndSubset() {
        PruningReport a = train(true, false, ScoreInput.END_OF_WARMUP_PASS);
        PruningReport b = train(true, false, ScoreInput.END_OF_WARMUP_PASS);
        // the same seeds, batches and kernel in one process: bit for bit
        assertArrayEquals(a.scores().scores(ScoreKind.EL2N), b.scores().scores(ScoreKind.EL2N), 0.0);
        assertEquals(a.selection(), b.selection());
    }

    private static PruningReport train(boolean prefetch, boolean handWrittenLoop, ScoreInput el2nInput) {
        PruningIterator it = PruningIterator.builder(DATA, 16).asyncPrefetch(prefetch).seed(5).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.quantiles(0.1, 0.9)).warmupEpochs(2)
                .el2nInput(el2nInput).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        net.setListeners(pruning);
        if (handWrittenLoop) {
            for (int e = 0; e < 3; e++) {
                net.fit(it);
            }
        } else {
            net.fit(it, 3);
        }
        assertEquals(96, pruning.report().keptCount());
        return pruning.report();
    }

    @ParameterizedTest(name = "prefetch {0}")
    @ValueSource(booleans = {true, false})
    void trainingPassScoresAreAttributedToTheRightExample(boolean prefetch) {
        // With frozen weights (SGD, learning rate 0) the training-pass EL2N of every example must equal its EL2N from
        // the network's own output(): any mix-up of ids between iterator and listener would break this.
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 9, new Sgd(0.0));
        PruningIterator it = PruningIterator.builder(DATA, 16).asyncPrefetch(prefetch).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).build();
        net.setListeners(pruning);
        net.fit(it, 1);
        double[] fromTraining = pruning.report().scores().scores(ScoreKind.EL2N);

        INDArray p = net.output(DATA.getFeatures(), false);
        double[] expected = p.sub(DATA.getLabels()).norm2(1).toDoubleVector();
        assertArrayEquals(expected, fromTraining, 1e-5);
    }

    @Test
    void evaluationPassEqualsTrainingPassWhenWeightsAreFrozen() {
        double[][] el2n = new double[2][];
        ScoreInput[] inputs = {ScoreInput.TRAINING_PASSES, ScoreInput.END_OF_WARMUP_PASS};
        for (int i = 0; i < 2; i++) {
            MultiLayerNetwork net = TestData.mlp(5, 8, 3, 9, new Sgd(0.0));
            PruningIterator it = PruningIterator.builder(DATA, 16).build();
            PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                    .el2nInput(inputs[i]).build();
            net.setListeners(pruning);
            net.fit(it, 1);
            el2n[i] = pruning.report().scores().scores(ScoreKind.EL2N);
        }
        assertArrayEquals(el2n[0], el2n[1], 1e-5);
    }

    @Test
    void grandAveragesOverFreshInitialisationsWithDifferentSeeds() {
        double[] k1Seed1 = grand(1, 1);
        double[] k1Seed2 = grand(1, 2);
        double[] k2Seed1 = grand(2, 1);
        assertFalse(Arrays.equals(k1Seed1, k1Seed2), "different seeds give different initialisations");
        for (int id = 0; id < k2Seed1.length; id++) {
            assertEquals((k1Seed1[id] + k1Seed2[id]) / 2, k2Seed1[id], 1e-5, "K=2 is the mean of seeds 1 and 2");
        }
    }

    private static double[] grand(int k, long seed) {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .score(ScoreKind.GRAND).grandInitialisations(k).grandSeed(seed).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        net.setListeners(pruning);
        net.fit(it, 1);
        PruningReport report = pruning.report();
        assertEquals(ScoreKind.GRAND, report.scoreKind());
        assertTrue(report.scores().kinds().containsAll(Set.of(ScoreKind.GRAND, ScoreKind.EL2N, ScoreKind.FORGETTING)));
        return report.scores().scores(ScoreKind.GRAND);
    }

    @Test
    void rankingByForgettingUsesTheForgettingColumn() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(2)
                .score(ScoreKind.FORGETTING).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        net.setListeners(pruning);
        net.fit(it, 2);
        PruningReport report = pruning.report();
        double[] forgetting = report.scores().scores(ScoreKind.FORGETTING);
        double minKept = Double.MAX_VALUE;
        double maxPruned = -1;
        for (int id = 0; id < forgetting.length; id++) {
            if (report.selection().isKept(id)) {
                minKept = Math.min(minKept, forgetting[id]);
            } else {
                maxPruned = Math.max(maxPruned, forgetting[id]);
            }
        }
        assertTrue(minKept >= maxPruned, "every kept example is at least as forgotten as every pruned one");
    }
}
