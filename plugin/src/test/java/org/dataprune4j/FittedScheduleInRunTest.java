package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.dataprune4j.lr.FittedSchedule;
import org.dataprune4j.schedule.RandomDynamicSchedule;
import org.dataprune4j.schedule.ReselectSchedule;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A {@link FittedSchedule} in pruned runs: the learning rate DL4J applies at the run's last iteration is the
 * schedule's final value, under every pruning schedule, for a network and a graph, ITERATION and EPOCH types.
 */
class FittedScheduleInRunTest {
    /** 120 examples (5 features and the id) in batches of 16: 8 iterations a full epoch; keep-hardest 25% keeps 30, 2 iterations. */
    private static final DataSet DATA = TestData.blobs(3, 40, 5, 3);
    private static final double INITIAL = 0.05;
    private static final double FINAL = 0.0005;
    private static final int EPOCHS = 6;

    /**
     * The learning rate SGD applied at each iteration, measured from the parameters: SGD's step is lr x gradient /
     * batch size (DL4J divides the summed gradient by the minibatch's rows), so lr = (before - after) x rows /
     * gradient on the entry with the largest gradient.
     */
    private static final class AppliedRate extends BaseTrainingListener {
        final List<Double> rates = new ArrayList<>();
        private INDArray before;
        private INDArray gradient;
        private int rows;

        @Override
        public void onGradientCalculation(Model model) {
            before = model.params().dup();
            gradient = model.gradient().gradient().dup();
            rows = model.batchSize();
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            int k = (int) org.nd4j.linalg.factory.Nd4j.getExecutioner()
                    .exec(new org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax(
                            org.nd4j.linalg.ops.transforms.Transforms.abs(gradient)))[0].getInt(0);
            rates.add((before.getDouble(k) - model.params().getDouble(k)) * rows / gradient.getDouble(k));
        }
    }

    private static FittedSchedule cosine() {
        return FittedSchedule.cosine(INITIAL).finalValue(FINAL).build();
    }

    /** Trains with SGD and the schedule for EPOCHS epochs, pruned as {@code listener} says; the applied rates. */
    private static List<Double> train(FittedSchedule lr, Function<PruningIterator, PruningListener> listener) {
        MultiLayerNetwork net = TestData.mlp(6, 8, 3, 7, new Sgd(lr));
        PruningIterator it = PruningIterator.builder(DATA, 16).seed(1).build();
        AppliedRate applied = new AppliedRate();
        net.setListeners(listener.apply(it), applied);
        net.fit(it, EPOCHS);
        return applied.rates;
    }

    private static void assertEndsAtTheFinalValue(List<Double> rates, int expectedIterations) {
        assertEquals(expectedIterations, rates.size(), "iterations of the run");
        assertEquals(INITIAL, rates.get(0), INITIAL * 1e-3, "the first iteration");
        assertEquals(FINAL, rates.get(rates.size() - 1), FINAL * 1e-3, "the last iteration: " + rates);
        for (int i = 1; i < rates.size(); i++) {
            assertTrue(rates.get(i) <= rates.get(i - 1) * (1 + 1e-3), "the rate never rises: " + rates);
        }
    }

    @Test
    void staticSwap() {
        List<Double> rates = train(cosine(), it -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25))
                .warmupEpochs(2).epochs(EPOCHS).build());
        assertEndsAtTheFinalValue(rates, 2 * 8 + 4 * 2);
    }

    @Test
    void reselectionEveryEpoch() {
        List<Double> rates = train(cosine(), it -> PruningListener.builder(it, ScoreRangeRule.keepEasiest(0.5))
                .schedule(ReselectSchedule.every(1, 1)).epochs(EPOCHS).build());
        assertEndsAtTheFinalValue(rates, 8 + 5 * 4);
    }

    @Test
    void softPruningWithVaryingEpochSizes() {
        List<Double> rates = train(cosine(), it -> PruningListener.builder(it, SoftPruningSchedule.builder(EPOCHS)
                .annealFrom(0.75).build()).epochs(EPOCHS).build());
        assertEquals(FINAL, rates.get(rates.size() - 1), FINAL * 1e-3, "the last iteration: " + rates);
        assertTrue(rates.size() < EPOCHS * 8, "soft pruning left examples out: " + rates.size());
    }

    @Test
    void aFreshRandomSubsetEveryEpoch() {
        List<Double> rates = train(cosine(), it -> PruningListener.builder(it, RandomDynamicSchedule.keep(0.4, 1))
                .epochs(EPOCHS).build());
        assertEndsAtTheFinalValue(rates, 8 + 5 * 3);
    }

    @Test
    void rs2FromTheFirstEpoch() {
        List<Double> rates = train(cosine(), it -> PruningListener.builder(it,
                org.dataprune4j.schedule.Rs2Schedule.keep(0.5)).epochs(EPOCHS).build());
        assertEndsAtTheFinalValue(rates, EPOCHS * 4);
    }

    @Test
    void anEpochScheduleHoldsOneValuePerEpochAndReachesTheFinalValueInTheLastEpoch() {
        FittedSchedule lr = FittedSchedule.linear(INITIAL).finalValue(FINAL).scheduleType(ScheduleType.EPOCH).build();
        List<Double> rates = train(lr, it -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25))
                .warmupEpochs(2).epochs(EPOCHS).build());
        assertEquals(2 * 8 + 4 * 2, rates.size());
        assertEquals(INITIAL, rates.get(7), INITIAL * 1e-3, "the first epoch at the initial value");
        double step = (INITIAL - FINAL) / (EPOCHS - 1);
        assertEquals(INITIAL - step, rates.get(8), INITIAL * 1e-3, "the second epoch one step lower");
        assertEquals(FINAL, rates.get(rates.size() - 1), FINAL * 1e-3);
        assertEquals(FINAL, rates.get(rates.size() - 2), FINAL * 1e-3, "the whole last epoch");
    }

    @Test
    void withoutTheListenerAScheduleSizedForFullDataNeverFinishesDecaying() {
        // the mistake the fitted schedule removes: planned for 6 full epochs, the pruned run stops at 24 of 48
        FittedSchedule sizedForFullData = cosine();
        sizedForFullData.planIterations(EPOCHS * 8);
        List<Double> rates = train(sizedForFullData, it -> PruningListener.builder(it,
                ScoreRangeRule.keepHardest(0.25)).warmupEpochs(2).build());
        assertTrue(rates.get(rates.size() - 1) > 50 * FINAL, "stopped half way: " + rates.get(rates.size() - 1));
    }

    @Test
    void aScheduleSharedByAPrunedRunAndItsBaselineStopsTheBaselineAtItsFirstIteration() {
        // planned once for the baseline, then re-planned by the pruned run's listener: the baseline would start at the
        // initial rate and drop to the final one at the pruned run's last iteration; it is refused instead
        FittedSchedule shared = cosine();
        shared.planIterations(EPOCHS * 8);
        List<Double> pruned = train(shared, it -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25))
                .warmupEpochs(2).epochs(EPOCHS).build());
        assertEndsAtTheFinalValue(pruned, 2 * 8 + 4 * 2);
        MultiLayerNetwork baseline = TestData.mlp(6, 8, 3, 7, new Sgd(shared));
        PruningIterator all = PruningIterator.builder(DATA, 16).seed(1).unpruned().build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> baseline.fit(all, EPOCHS));
        assertTrue(e.getMessage().contains("asks it for iteration 0") && e.getMessage().contains("shared by two models")
                && e.getMessage().contains("Give each model its own"), e.getMessage());

        shared.planIterations(EPOCHS * 8); // planned again for the baseline: it trains on its own plan
        AppliedRate applied = new AppliedRate();
        MultiLayerNetwork again = TestData.mlp(6, 8, 3, 7, new Sgd(shared));
        again.setListeners(applied);
        again.fit(PruningIterator.builder(DATA, 16).seed(1).unpruned().build(), EPOCHS);
        assertEndsAtTheFinalValue(applied.rates, EPOCHS * 8);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aGraphWithAdamOrNesterovs(boolean adam) {
        FittedSchedule lr = cosine();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3)
                .updater(adam ? new Adam(lr) : new Nesterovs(lr, 0.9)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        PruningIterator it = PruningIterator.builder(DATA, 16).seed(1).build();
        graph.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25)).warmupEpochs(2)
                .epochs(EPOCHS).build());
        graph.fit(it, EPOCHS);
        int last = graph.getIterationCount() - 1;
        assertEquals(2 * 8 + 4 * 2 - 1, last);
        org.deeplearning4j.nn.conf.layers.BaseLayer dense = (org.deeplearning4j.nn.conf.layers.BaseLayer)
                graph.getLayer("dense").conf().getLayer();
        assertEquals(FINAL, dense.getIUpdater().getLearningRate(last, EPOCHS - 1), FINAL * 1e-9,
                "the rate the updater reads at the last iteration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ITERATION", "EPOCH"})
    void aRunResumedFromItsCheckpointEndsWithTheSameRatesAsTheUninterruptedRun(String type,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // the schedule's plan travels in the checkpointed model's configuration; the resumed listener re-plans it;
        // the checkpoint's epoch count includes its last epoch (DL4J increments it only after onEpochEnd)
        java.util.function.Supplier<FittedSchedule> lr = () -> FittedSchedule.cosine(INITIAL).finalValue(FINAL)
                .scheduleType(ScheduleType.valueOf(type)).build();
        List<Double> whole = train(lr.get(), it -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25))
                .schedule(ReselectSchedule.every(1, 2)).epochs(EPOCHS).build());
        MultiLayerNetwork first = TestData.mlp(6, 8, 3, 7, new Sgd(lr.get()));
        PruningIterator it = PruningIterator.builder(DATA, 16).seed(1).build();
        AppliedRate before = new AppliedRate();
        first.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25))
                .schedule(ReselectSchedule.every(1, 2)).epochs(EPOCHS).checkpoints(dir).build(), before);
        for (int e = 0; e < 3; e++) {
            first.fit(it, 1); // the run stops after epoch 3
        }
        MultiLayerNetwork resumed = (MultiLayerNetwork) PruningCheckpoint.restoreModel(dir);
        PruningIterator again = PruningIterator.builder(DATA, 16).seed(1).build();
        PruningListener listener = PruningListener.builder(again, ScoreRangeRule.keepHardest(0.25))
                .schedule(ReselectSchedule.every(1, 2)).epochs(EPOCHS).checkpoints(dir).resumeFrom(dir).build();
        AppliedRate after = new AppliedRate();
        resumed.setListeners(listener, after);
        for (int e = listener.epochsSeen(); e < EPOCHS; e++) {
            resumed.fit(again, 1);
        }
        List<Double> joined = new ArrayList<>(before.rates);
        joined.addAll(after.rates);
        assertEquals(whole.size(), joined.size(), "iterations of the run");
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i), joined.get(i), INITIAL * 1e-4, "iteration " + i);
        }
        assertEquals(FINAL, joined.get(joined.size() - 1), FINAL * 1e-3);
    }

    @Test
    void adamResumedFromACheckpointContinuesAsTheUninterruptedRun(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        // Adam keeps per-parameter state, laid out by DL4J in one block per run of layers whose updater configurations
        // are equal. Every layer shares one FittedSchedule instance in the built model but holds its own copy once
        // restored from JSON: without value equality the restored model split the block per layer and read the
        // saved state in another layout (its second moments from first moments: NaN at the first update).
        java.util.function.Supplier<MultiLayerNetwork> model = () -> TestData.mlp(6, 8, 3, 7,
                new Adam(FittedSchedule.cosine(1e-2).finalValue(1e-4).build()));
        java.util.function.Function<PruningIterator, PruningListenerBuilder> listener = it -> PruningListener
                .builder(it, ScoreRangeRule.keepHardest(0.25)).schedule(ReselectSchedule.every(1, 2)).epochs(EPOCHS);
        MultiLayerNetwork whole = model.get();
        PruningIterator wholeData = PruningIterator.builder(DATA, 16).seed(1).build();
        whole.setListeners(listener.apply(wholeData).build());
        whole.fit(wholeData, EPOCHS);

        MultiLayerNetwork first = model.get();
        PruningIterator it = PruningIterator.builder(DATA, 16).seed(1).build();
        first.setListeners(listener.apply(it).checkpoints(dir).build());
        first.fit(it, 3);
        MultiLayerNetwork resumed = PruningCheckpoint.restoreNetwork(dir);
        PruningIterator again = PruningIterator.builder(DATA, 16).seed(1).build();
        PruningListener pruning = listener.apply(again).checkpoints(dir).resumeFrom(dir).build();
        resumed.setListeners(pruning);
        resumed.fit(again, EPOCHS - pruning.epochsSeen());
        assertTrue(Double.isFinite(resumed.params().sumNumber().doubleValue()), "finite parameters");
        // same process, batches and kernel: the same computation; 1e-5 allows for nothing but float noise
        assertTrue(whole.params().equalsWithEps(resumed.params(), 1e-5), "the uninterrupted run's parameters");
    }

    @Test
    void aFittedScheduleWithoutTheRunsLengthIsRefusedBeforeTraining() {
        MultiLayerNetwork net = TestData.mlp(6, 8, 3, 7, new Sgd(cosine()));
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        net.setListeners(PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25)).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.fit(it, 3));
        assertTrue(e.getMessage().contains("epochs(n)"), e.getMessage());
        assertEquals(0, net.getIterationCount(), "nothing trained");
    }
}
