package org.dataprune4j.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ScheduleType;

class FittedScheduleTest {

    @Test
    void cosineStartsAtTheInitialValuePassesTheMidpointAndEndsAtTheFinalValue() {
        FittedSchedule s = FittedSchedule.cosine(1e-2).finalValue(1e-4).build();
        s.planIterations(101);
        assertEquals(1e-2, s.valueAt(0, 0), 1e-15);
        assertEquals((1e-2 + 1e-4) / 2, s.valueAt(50, 0), 1e-12, "half way: (1 + cos(pi/2)) / 2 = 1/2");
        assertEquals(1e-4, s.valueAt(100, 0), 1e-15, "the last planned iteration");
        assertEquals(1e-4, s.valueAt(500, 3), 1e-15, "and after it");
    }

    @Test
    void linearPolynomialAndStepShapes() {
        FittedSchedule linear = FittedSchedule.linear(1.0).build();
        linear.planIterations(11);
        assertEquals(0.7, linear.valueAt(3, 0), 1e-12);
        FittedSchedule square = FittedSchedule.polynomial(1.0, 2).build();
        square.planIterations(11);
        assertEquals(0.49, square.valueAt(3, 0), 1e-12);
        FittedSchedule step = FittedSchedule.step(0.1, 0.001, 2).build();
        step.planIterations(9); // progress 0..1 over 9 iterations, drops at q = 1/3 and 2/3
        assertEquals(0.1, step.valueAt(2, 0), 1e-12);
        assertEquals(0.01, step.valueAt(3, 0), 1e-12);
        assertEquals(0.001, step.valueAt(8, 0), 1e-12);
    }

    @Test
    void theRampClimbsLinearlyThenTheDecayBegins() {
        FittedSchedule s = FittedSchedule.cosine(1.0).rampShare(0.2).build();
        s.planIterations(11); // progress 0.1 per iteration; the ramp covers progress [0, 0.2)
        assertEquals(0.5, s.valueAt(0, 0), 1e-12, "the next iteration's progress 0.1 of the ramp's 0.2");
        assertEquals(1.0, s.valueAt(1, 0), 1e-12);
        assertEquals(1.0, s.valueAt(2, 0), 1e-12, "the decay starts at the ramp's end");
        assertEquals(0.0, s.valueAt(10, 0), 1e-12);
    }

    @Test
    void replanningGoesOnFromWhereItIsAndEndsAtTheLastIteration() {
        FittedSchedule s = FittedSchedule.linear(1.0).build();
        s.planIterations(101);            // planned for 101 iterations
        double at40 = s.valueAt(40, 0);   // 0.6
        s.replan(40, 21);                 // the run turned out shorter: 21 iterations left from 40
        assertEquals(at40, s.valueAt(40, 0), 1e-12, "no jump at the re-plan");
        assertEquals(0.3, s.valueAt(50, 0), 1e-12, "half of what was left");
        assertEquals(0.0, s.valueAt(60, 0), 1e-12, "the final value at the new last iteration");
        s.replan(60, 1);
        assertEquals(0.0, s.valueAt(60, 0), 1e-12, "one iteration left: the final value");
    }

    @Test
    void anEpochScheduleChangesOncePerEpochAndEndsInTheLastEpoch() {
        FittedSchedule s = FittedSchedule.linear(1.0).scheduleType(ScheduleType.EPOCH).build();
        s.planEpochs(5);
        assertEquals(1.0, s.valueAt(123, 0), 1e-12);
        assertEquals(0.5, s.valueAt(7, 2), 1e-12);
        assertEquals(0.0, s.valueAt(0, 4), 1e-12);
    }

    @Test
    void itTravelsThroughDl4jsConfigurationJsonWithItsPlan() {
        FittedSchedule s = FittedSchedule.cosine(1e-3).finalValue(1e-5).rampShare(0.1).build();
        s.planIterations(200);
        s.replan(80, 50);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().updater(new Adam(s)).list()
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(3).nOut(2).activation(Activation.SOFTMAX)
                        .build()).build();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        Adam adam = (Adam) ((org.deeplearning4j.nn.conf.layers.BaseLayer) back.getConf(0).getLayer()).getIUpdater();
        FittedSchedule restored = (FittedSchedule) adam.getLearningRateSchedule();
        for (int i : new int[] {80, 100, 129}) {
            assertEquals(s.valueAt(i, 1), restored.valueAt(i, 1), 0.0, "iteration " + i);
        }
        assertEquals(1e-5, restored.valueAt(129, 1), 1e-15);
        FittedSchedule copy = s.clone();
        assertEquals(s.valueAt(100, 1), copy.valueAt(100, 1), 0.0);
    }

    @Test
    void badSettingsAndAnUnplannedReadSayWhatToDo() {
        assertThrows(IllegalArgumentException.class, () -> FittedSchedule.cosine(0));
        assertThrows(IllegalArgumentException.class, () -> FittedSchedule.cosine(1e-3).finalValue(1e-2));
        assertThrows(IllegalArgumentException.class, () -> FittedSchedule.cosine(1e-3).rampShare(1));
        assertThrows(IllegalArgumentException.class, () -> FittedSchedule.step(0.1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> FittedSchedule.polynomial(0.1, -1));
        FittedSchedule s = FittedSchedule.cosine(1e-3).build();
        assertThrows(IllegalArgumentException.class, () -> s.planIterations(0));
        assertThrows(IllegalArgumentException.class, () -> s.replan(-1, 3));
        IllegalStateException unplanned = assertThrows(IllegalStateException.class, () -> s.valueAt(0, 0));
        assertTrue(unplanned.getMessage().contains("epochs(n)") && unplanned.getMessage().contains("planIterations"),
                unplanned.getMessage());
    }

    @Test
    void trainingWellPastThePlannedRunIsWarnedAboutOnce() {
        FittedSchedule s = FittedSchedule.cosine(0.1).build();
        s.planIterations(10);
        try (org.dataprune4j.testing.CapturedLog log = org.dataprune4j.testing.CapturedLog.of(FittedSchedule.class)) {
            s.valueAt(9, 0);
            s.valueAt(10, 1); // the rate just after the last iteration, as listeners read it: no warning
            assertEquals(0, log.warnings().size(), log.warnings().toString());
            assertEquals(0.0, s.valueAt(11, 1), 0.0);
            s.valueAt(40, 4);
            assertEquals(1, log.warnings().size(), "once: " + log.warnings());
            assertTrue(log.warnings().get(0).contains("fitted to a run of iterations up to 9 is asked for iteration"
                    + " 11, past that run's end: it trains at its final value, 0.0"), log.warnings().get(0));
            assertTrue(log.warnings().get(0).contains("lr.replan(net.getIterationCount(), iterations);"
                    + " net.setLearningRate(lr)"), log.warnings().get(0));
        }
        FittedSchedule copy = s.clone();
        assertEquals(s, copy, "the warning is not part of the schedule");
    }
}
