package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dataprune4j.loss.WeightedLoss;
import org.dataprune4j.schedule.RandomDynamicSchedule;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.RecordingListener;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

@Timeout(120)
class DynamicScheduleTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 4, 5);

    private static Set<Integer> ids(int[] kept) {
        return Arrays.stream(kept).boxed().collect(Collectors.toSet());
    }

    /** Trains one epoch per fit call; returns the kept ids each plan chose, by the epoch that trains them. */
    private static List<int[]> train(MultiLayerNetwork net, PruningIterator it, PruningListener pruning,
                                     RecordingListener recorder, int epochs) {
        net.setListeners(pruning, recorder);
        List<int[]> plannedFor = new ArrayList<>();
        plannedFor.add(null);
        for (int e = 0; e < epochs; e++) {
            net.fit(it, 1);
            plannedFor.add(pruning.hasSwapped() ? pruning.report().selection().keptIds() : null);
        }
        return plannedFor;
    }

    @Test
    void reselectingEveryEpochServesExactlyEachEpochsPlanAndTheFreshScoresChangeIt() {
        for (boolean prefetch : new boolean[] {true, false}) {
            PruningIterator it = PruningIterator.builder(DATA, 16).asyncPrefetch(prefetch).build();
            PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                    .schedule(ReselectSchedule.every(1, 1)).build();
            RecordingListener recorder = new RecordingListener();
            List<int[]> planned = train(TestData.mlp(5, 8, 3, 1), it, pruning, recorder, 5);
            assertEquals(120, recorder.distinctIds(0).size(), "warm-up: all data");
            boolean changed = false;
            for (int e = 1; e < 5; e++) {
                assertEquals(ids(planned.get(e)), recorder.distinctIds(e), "prefetch " + prefetch + ", epoch " + e);
                assertEquals(60, planned.get(e).length);
                changed |= e > 1 && !Arrays.equals(planned.get(e), planned.get(e - 1));
            }
            assertTrue(changed, "scores stay fresh after the swap, so some re-selection changes the kept set");
            PruningLedger ledger = pruning.ledger();
            assertEquals(List.of(120, 60, 60, 60, 60), ledger.examplesPerEpoch());
            assertEquals(1 - 360.0 / 600, ledger.effectivePruningRatio(), 1e-12);
            assertEquals(0, ledger.weightedEpochs());
        }
    }

    @Test
    void softPruningLeavesOutHalfTheLowScoresWeightsTheRestTwiceAndAnnealsOnAllDataUnweighted() {
        for (boolean prefetch : new boolean[] {true, false}) {
            PruningIterator it = PruningIterator.builder(DATA, 16).asyncPrefetch(prefetch).build();
            SoftPruningSchedule schedule = SoftPruningSchedule.builder(8).build();
            assertEquals(7, schedule.firstAnnealingEpoch(), "ceil(0.875 * 8): the 8th epoch anneals");
            PruningListener pruning = PruningListener.builder(it, schedule).score(ScoreKind.LOSS).build();
            WeightProbe probe = new WeightProbe(it);
            MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
            net.setListeners(pruning, probe);
            List<PruningReport> plans = new ArrayList<>();
            plans.add(null);
            for (int e = 0; e < 8; e++) {
                net.fit(it, 1);
                plans.add(pruning.report());
            }
            for (int e = 1; e < 7; e++) {
                PruningReport plan = plans.get(e);
                double[] loss = plan.scores().scores(ScoreKind.LOSS);
                double mean = Arrays.stream(loss).average().orElseThrow();
                int low = (int) Arrays.stream(loss).filter(v -> v < mean).count();
                int leftOut = plan.count(Decision.PRUNED_SOFT);
                assertEquals(Math.round(0.5 * low), leftOut, "epoch " + e);
                assertEquals(ids(plan.selection().keptIds()), probe.weightsOf(e).keySet(), "served = planned, epoch " + e);
                for (Map.Entry<Integer, Float> w : probe.weightsOf(e).entrySet()) {
                    boolean isLow = loss[w.getKey()] < mean;
                    assertEquals(isLow ? 2f : 1f, w.getValue(), "epoch " + e + ", id " + w.getKey());
                }
                assertTrue(probe.weightedLossSeen(e), "the output layer trains with the WeightedLoss, epoch " + e);
            }
            assertEquals(120, probe.weightsOf(7).size(), "annealing: every example");
            assertTrue(probe.weightsOf(7).values().stream().allMatch(w -> w == 1f), "annealing: unweighted");
            assertFalse(probe.weightedLossSeen(7));
            assertEquals(120, probe.weightsOf(0).size());
            assertInstanceOf(LossMCXENT.class, ((BaseOutputLayer) net.getOutputLayer().conf().getLayer()).getLossFn(),
                    "the layer's own loss is back after training");
            PruningLedger ledger = pruning.ledger();
            assertEquals(6, ledger.weightedEpochs());
            assertEquals(1, ledger.annealingEpochs());
            for (int e = 0; e < 8; e++) {
                assertEquals(probe.weightsOf(e).size(), ledger.examplesPerEpoch().get(e), "ledger = served, epoch " + e);
            }
        }
    }

    @Test
    void randomDynamicDrawsAFreshSubsetOfTheSameSizeEveryEpochReproducibly() {
        List<List<int[]>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            PruningIterator it = PruningIterator.builder(DATA, 16).build();
            PruningListener pruning = PruningListener.builder(it, RandomDynamicSchedule.keep(0.4, 1)).build();
            RecordingListener recorder = new RecordingListener();
            List<int[]> planned = train(TestData.mlp(5, 8, 3, 1), it, pruning, recorder, 4);
            for (int e = 1; e < 4; e++) {
                assertEquals(48, planned.get(e).length);
                assertEquals(ids(planned.get(e)), recorder.distinctIds(e));
            }
            assertFalse(Arrays.equals(planned.get(1), planned.get(2)), "a fresh draw every epoch");
            runs.add(planned);
        }
        for (int e = 1; e < 4; e++) {
            assertArrayEquals(runs.get(0).get(e), runs.get(1).get(e), "same seeds, same draws");
        }
    }

    @Test
    void aGraphTrainsSoftPrunedEpochsWithWeightsAndGetsItsOwnLossBack() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        // annealing from ceil(0.75 * 4) = epoch 3 (from 0); with the default 0.875 no epoch of 4 anneals, as in InfoBatch
        PruningListener pruning = PruningListener.builder(it, SoftPruningSchedule.builder(4).annealFrom(0.75).build())
                .score(ScoreKind.LOSS).build();
        WeightProbe probe = new WeightProbe(it);
        var graph = ComputationGraphTest.mlpGraph(3);
        graph.setListeners(pruning, probe);
        graph.fit(it, 4);
        assertTrue(probe.weightedLossSeen(1) && probe.weightedLossSeen(2), "epochs 2 and 3 are soft-pruned");
        assertEquals(120, probe.weightsOf(3).size(), "epoch 4 anneals");
        assertTrue(probe.weightsOf(1).size() < 120);
        assertInstanceOf(LossMCXENT.class, ((BaseOutputLayer) graph.getOutputLayer(0).conf().getLayer()).getLossFn());
        assertEquals(2, pruning.ledger().weightedEpochs());
    }

    @Test
    void dynamicSchedulesRejectScoresComputedOnceAndAMismatchedRuleWhenBuilt() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        IllegalArgumentException grand = assertThrows(IllegalArgumentException.class, () -> PruningListener
                .builder(it, ScoreRangeRule.keepHardest(0.5)).schedule(ReselectSchedule.every(1, 1))
                .score(ScoreKind.GRAND).build());
        assertTrue(grand.getMessage().contains("Rank by LOSS, EL2N from TRAINING_PASSES or FORGETTING"),
                grand.getMessage());
        PruningIterator it3 = PruningIterator.builder(DATA, 16).build();
        IllegalArgumentException withRule = assertThrows(IllegalArgumentException.class, () -> PruningListener
                .builder(it3, ScoreRangeRule.keepHardest(0.5)).schedule(SoftPruningSchedule.builder(8).build())
                .build());
        assertTrue(withRule.getMessage().contains("PruningListener.builder(iterator, schedule)"), withRule.getMessage());
        IllegalArgumentException noRule = assertThrows(IllegalArgumentException.class, () -> PruningListener
                .builder(it3, ReselectSchedule.every(2, 1)));
        assertTrue(noRule.getMessage().contains("builder(iterator, rule).schedule(schedule)"), noRule.getMessage());
        IllegalArgumentException nothingPruned = assertThrows(IllegalArgumentException.class,
                () -> SoftPruningSchedule.builder(4).annealFrom(0.75).warmupEpochs(3).build());
        assertTrue(nothingPruned.getMessage().contains("no epoch is pruned"), nothingPruned.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> SoftPruningSchedule.builder(8).pruneFraction(1.0));
        assertTrue(fraction.getMessage().contains("pruneFraction must be in (0, 1)"), fraction.getMessage());
    }

    @Test
    void forgettingIsCountedOverTheWholeRunWithADynamicSchedule() {
        // Frozen weights (SGD with rate 0): every prediction stays what it was, so an example is always right (0
        // events) or never learned, and a never-learned example's score is its number of presentations, which
        // grows with each epoch it is trained, warm-up and re-selected epochs alike.
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .schedule(ReselectSchedule.every(1, 1)).score(ScoreKind.FORGETTING).build();
        RecordingListener recorder = new RecordingListener();
        List<int[]> planned = train(TestData.mlp(5, 8, 3, 1, new org.nd4j.linalg.learning.config.Sgd(0.0)), it,
                pruning, recorder, 4);
        double[] forgetting = pruning.report().scores().scores(ScoreKind.FORGETTING);
        int[] presentations = new int[DATA.numExamples()];
        for (int e = 0; e < 4; e++) {
            for (int id : recorder.distinctIds(e)) {
                presentations[id]++;
            }
        }
        int neverLearned = 0;
        for (int id = 0; id < forgetting.length; id++) {
            assertTrue(forgetting[id] == 0 || forgetting[id] == presentations[id], "id " + id + ": " + forgetting[id]
                    + " with " + presentations[id] + " presentations");
            neverLearned += forgetting[id] > 0 ? 1 : 0;
        }
        assertTrue(neverLearned > 0 && Arrays.stream(presentations).anyMatch(p -> p > 2),
                "some never-learned examples were presented in re-selected epochs too");
        assertEquals(ids(planned.get(4)), ids(pruning.report().selection().keptIds()));
        String summary = pruning.report().summary();
        assertTrue(summary.startsWith("DataPrune4J selection at the end of epoch 4 (counted from 1; schedule"
                + " ReselectSchedule["), summary);
    }

    @Test
    void theSameSeedsGiveTheSameSoftPrunedEpochsAndParameters() {
        List<List<Integer>> perEpoch = new ArrayList<>();
        List<INDArray> params = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            PruningIterator it = PruningIterator.builder(DATA, 16).build();
            PruningListener pruning = PruningListener.builder(it, SoftPruningSchedule.builder(6).build())
                    .score(ScoreKind.LOSS).build();
            MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
            net.setListeners(pruning);
            net.fit(it, 6);
            perEpoch.add(pruning.ledger().examplesPerEpoch());
            params.add(net.params().dup());
        }
        assertEquals(perEpoch.get(0), perEpoch.get(1));
        assertEquals(params.get(0), params.get(1), "bit-identical parameters");
    }

    @Test
    void aSoftPrunedRunResumedFromItsCheckpointEndsAsTheUninterruptedRunDid(@TempDir Path dir) throws Exception {
        SoftPruningSchedule schedule = SoftPruningSchedule.builder(6).build();
        PruningIterator whole = PruningIterator.builder(DATA, 16).build();
        PruningListener wholeListener = PruningListener.builder(whole, schedule).score(ScoreKind.LOSS)
                .checkpoints(dir.resolve("whole")).build();
        MultiLayerNetwork wholeNet = TestData.mlp(5, 8, 3, 1);
        wholeNet.setListeners(wholeListener);
        for (int e = 0; e < 6; e++) {
            wholeNet.fit(whole, 1);
        }

        Path run = dir.resolve("interrupted");
        PruningIterator first = PruningIterator.builder(DATA, 16).build();
        PruningListener firstListener = PruningListener.builder(first, schedule).score(ScoreKind.LOSS)
                .checkpoints(run).build();
        MultiLayerNetwork firstNet = TestData.mlp(5, 8, 3, 1);
        firstNet.setListeners(firstListener);
        for (int e = 0; e < 3; e++) {
            firstNet.fit(first, 1);   // epochs 2 and 3 soft-pruned and weighted; the run stops here
        }
        MultiLayerNetwork resumedNet = (MultiLayerNetwork) PruningCheckpoint.restoreModel(run);
        PruningIterator again = PruningIterator.builder(DATA, 16).build();
        PruningListener resumed = PruningListener.builder(again, schedule).score(ScoreKind.LOSS)
                .checkpoints(run).resumeFrom(run).build();
        assertEquals(3, resumed.epochsSeen());
        resumedNet.setListeners(resumed);
        for (int e = resumed.epochsSeen(); e < 6; e++) {
            resumedNet.fit(again, 1);
        }
        assertEquals(wholeListener.ledger().examplesPerEpoch(), resumed.ledger().examplesPerEpoch());
        assertEquals(wholeListener.ledger().examplesPerClass(), resumed.ledger().examplesPerClass(),
                "the examples of each class trained before the checkpoint are kept in it");
        assertEquals(resumed.ledger().examplesTrained(),
                resumed.ledger().examplesPerClass().stream().mapToLong(Long::longValue).sum());
        assertEquals(5, resumed.ledger().weightedEpochs(), "epochs 2-6 weighted (ceil(0.875 * 6) = 6: no annealing)");
        assertEquals(wholeListener.ledger().weightedEpochs(), resumed.ledger().weightedEpochs());
        assertArrayEquals(wholeListener.report().selection().keptIds(), resumed.report().selection().keptIds());
        assertEquals(wholeNet.params(), resumedNet.params(), "bit-identical parameters");
    }

    @Test
    void epochBasedLearningRateSchedulesStepAtTheSameEpochsUnderEveryScheduleIterationBasedOnesDoNot() {
        Map<String, List<Double>> epochBased = new java.util.LinkedHashMap<>();
        Map<String, List<Double>> iterationBased = new java.util.LinkedHashMap<>();
        for (String run : List.of("full", "static", "reselect", "soft", "random")) {
            epochBased.put(run, learningRates(run, ScheduleType.EPOCH, Map.of(0, 0.1, 2, 0.05, 4, 0.01)));
            // 120 examples in batches of 16: 8 iterations per full epoch; steps at iterations 16 and 32
            iterationBased.put(run, learningRates(run, ScheduleType.ITERATION, Map.of(0, 0.1, 16, 0.05, 32, 0.01)));
        }
        List<Double> expected = List.of(0.1, 0.1, 0.05, 0.05, 0.01, 0.01);
        epochBased.forEach((run, rates) -> assertEquals(expected, rates, run));
        assertEquals(expected, iterationBased.get("full"), "on full data 8 iterations an epoch: the same steps");
        assertFalse(expected.equals(iterationBased.get("static")),
                "pruned epochs have fewer iterations, so an iteration schedule steps later: " + iterationBased);
    }

    /** The learning rate at the start of each of 6 epochs under the named pruning. */
    private static List<Double> learningRates(String run, ScheduleType type, Map<Integer, Double> steps) {
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1, new org.nd4j.linalg.learning.config.Sgd(
                new MapSchedule(type, steps)));
        PruningIterator it = run.equals("full") ? PruningIterator.builder(DATA, 16).unpruned().build()
                : PruningIterator.builder(DATA, 16).build();
        List<Double> rates = new ArrayList<>();
        BaseTrainingListener probe = new BaseTrainingListener() {
            @Override
            public void onEpochStart(Model model) {
                rates.add(((MultiLayerNetwork) model).getLearningRate(0));
            }
        };
        PruningListener pruning = switch (run) {
            case "full" -> null;
            case "static" -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).build();
            case "reselect" -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                    .schedule(ReselectSchedule.every(1, 1)).build();
            case "soft" -> PruningListener.builder(it, SoftPruningSchedule.builder(6).build()).build();
            default -> PruningListener.builder(it, RandomDynamicSchedule.keep(0.3, 1)).build();
        };
        if (pruning == null) {
            net.setListeners(probe);
        } else {
            net.setListeners(pruning, probe);
        }
        net.fit(it, 6);
        return rates;
    }

    /** Records, per epoch, each served example's published loss weight and whether the WeightedLoss was in place. */
    private static final class WeightProbe extends BaseTrainingListener {
        private final PruningIterator iterator;
        private final List<Map<Integer, Float>> weights = new ArrayList<>();
        private final Set<Integer> weightedEpochs = new HashSet<>();

        WeightProbe(PruningIterator iterator) {
            this.iterator = iterator;
        }

        Map<Integer, Float> weightsOf(int epoch) {
            return weights.get(epoch);
        }

        boolean weightedLossSeen(int epoch) {
            return weightedEpochs.contains(epoch);
        }

        @Override
        public void onEpochStart(Model model) {
            weights.add(new java.util.HashMap<>());
        }

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            record(model, activations.get(0));
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            record(model, activations.get("in"));
        }

        private void record(Model model, INDArray features) {
            int[] ids = TestData.idsOf(features);
            float[] w = iterator.batchWeights().current();
            for (int r = 0; r < ids.length; r++) {
                weights.get(weights.size() - 1).put(ids[r], w == null ? 1f : w[r]);
            }
            var layer = model instanceof MultiLayerNetwork net ? net.getOutputLayer()
                    : ((org.deeplearning4j.nn.graph.ComputationGraph) model).getOutputLayer(0);
            if (((BaseOutputLayer) layer.conf().getLayer()).getLossFn() instanceof WeightedLoss) {
                weightedEpochs.add(weights.size() - 1);
            }
        }
    }
}
