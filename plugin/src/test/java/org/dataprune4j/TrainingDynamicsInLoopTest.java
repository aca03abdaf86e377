package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Dynamic Uncertainty, TDDS and DUAL computed by the listener from the warm-up's training passes. */
class TrainingDynamicsInLoopTest {

    /** Blobs with every 10th example's label moved to the next class. */
    private static DataSet flipped() {
        DataSet data = TestData.blobs(3, 40, 4, 11);
        for (int i = 0; i < data.numExamples(); i += 10) {
            int c = data.getLabels().getRow(i).argMax().getInt(0);
            data.getLabels().putScalar(i, c, 0);
            data.getLabels().putScalar(i, (c + 1) % 3, 1);
        }
        return data;
    }

    /** Per example, the softmax output at each training forward pass, from DL4J's forward-pass hook. */
    private static final class RecordedPasses extends BaseTrainingListener {
        final List<List<double[]>> byId = new ArrayList<>();

        RecordedPasses(int n) {
            for (int i = 0; i < n; i++) {
                byId.add(new ArrayList<>());
            }
        }

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            int[] ids = TestData.idsOf(activations.get(0));
            // DL4J hands the training pass's activations up to the output layer's input; its softmax is computed here
            // from the output layer's parameters at this pass (before this iteration's update)
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            INDArray h = activations.get(activations.size() - 1);
            INDArray out = Transforms.softmax(h.mmul(net.getLayer(1).getParam("W")).addRowVector(
                    net.getLayer(1).getParam("b")), true);
            for (int r = 0; r < ids.length; r++) {
                byId.get(ids[r]).add(out.getRow(r).toDoubleVector());
            }
        }
    }

    @Test
    void theListenersScoresEqualThePapersFormulasOverTheRecordedTrainingPasses() {
        DataSet data = flipped();
        int[] labels = data.getLabels().argMax(1).toIntVector();
        PruningIterator it = PruningIterator.builder(data, 16).build();
        PruningListener pruning = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).score(ScoreKind.DUAL)
                .alsoCompute(ScoreKind.DYNAMIC_UNCERTAINTY, ScoreKind.TDDS).warmupEpochs(5).dynamicsWindow(3).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        RecordedPasses passes = new RecordedPasses(data.numExamples());
        net.setListeners(pruning, passes);
        net.fit(it, 6);
        assertEquals(60, pruning.report().keptCount());
        ScoreTable t = pruning.report().scores();
        int moving = 0;
        for (int id = 0; id < labels.length; id++) {
            assertTrue(passes.byId.get(id).size() >= 5, "passes of " + id);
            List<double[]> p = passes.byId.get(id).subList(0, 5);
            int label = labels[id];
            double[] target = p.stream().mapToDouble(row -> row[label]).toArray();
            // Dynamic Uncertainty: windows of 3 ending at passes 3 and 4 (not 5), sample std, averaged
            double du = (std(target, 0, 3) + std(target, 1, 3)) / 2;
            // DUAL: windows starting at 0, 1, 2, std x (1 - mean), averaged
            double dual = 0;
            for (int k = 0; k < 3; k++) {
                dual += std(target, k, 3) * (1 - mean(target, k, 3)) / 3;
            }
            // TDDS: contributions d1..d4, windows (d1, d2), (d2, d3), (d3, d4), moving average with decay 0.9
            double[] d = new double[5];
            for (int j = 1; j < 5; j++) {
                for (int c = 0; c < 3; c++) {
                    double q = p.get(j)[c];
                    d[j] += Math.abs(q * (Math.log(q + 1e-8) - Math.log(p.get(j - 1)[c] + 1e-8)));
                }
            }
            double tdds = 0;
            for (int k = 0; k < 3; k++) {
                tdds = 0.9 * Math.abs(d[k + 1] - d[k + 2]) / Math.sqrt(2) + 0.1 * tdds;
            }
            assertEquals(du, t.score(ScoreKind.DYNAMIC_UNCERTAINTY, id), 1e-5, "Dynamic Uncertainty of " + id);
            assertEquals(dual, t.score(ScoreKind.DUAL, id), 1e-5, "DUAL of " + id);
            assertEquals(tdds, t.score(ScoreKind.TDDS, id), 1e-5, "TDDS of " + id);
            moving += du > 1e-3 ? 1 : 0;
        }
        assertTrue(moving > labels.length / 2, "the network learned little: only " + moving + " examples moved");
    }

    private static double mean(double[] x, int from, int len) {
        double s = 0;
        for (int i = from; i < from + len; i++) {
            s += x[i];
        }
        return s / len;
    }

    private static double std(double[] x, int from, int len) {
        double m = mean(x, from, len);
        double ss = 0;
        for (int i = from; i < from + len; i++) {
            ss += (x[i] - m) * (x[i] - m);
        }
        return Math.sqrt(ss / (len - 1));
    }

    @Test
    void dualSamplingComputesItsTwoScoresAndKeepsItsShare() {
        PruningIterator it = PruningIterator.builder(flipped(), 16).build();
        PruningListener pruning = PruningListener.builder(it,
                org.dataprune4j.schedule.DualSamplingSchedule.keep(0.3, 4)).dynamicsWindow(3).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 3);
        net.setListeners(pruning);
        net.fit(it, 5);
        assertEquals(java.util.List.of(120, 120, 120, 120, 36), pruning.ledger().examplesPerEpoch());
        ScoreTable t = pruning.report().scores();
        assertTrue(t.has(ScoreKind.DUAL) && t.has(ScoreKind.DIFFICULTY), t.toString());
    }

    @Test
    void aWindowLongerThanTheWarmUpIsRefusedAtBuildNamingBothFixes() {
        PruningIterator it = PruningIterator.builder(flipped(), 16).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).score(ScoreKind.TDDS).build());
        // two scored epochs fit no TDDS window (3 at least), so only the warm-up is named
        assertTrue(e.getMessage().contains("needs 10 scored epochs before the swap, but the schedule scores 2")
                && e.getMessage().contains("Raise warmupEpochs to 10;") && !e.getMessage().contains("dynamicsWindow("),
                e.getMessage());
        IllegalArgumentException du = assertThrows(IllegalArgumentException.class,
                () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                        .score(ScoreKind.DYNAMIC_UNCERTAINTY).warmupEpochs(3).dynamicsWindow(3).build());
        assertTrue(du.getMessage().contains("needs 4 scored epochs") && du.getMessage().contains("dynamicsWindow(2)"),
                du.getMessage());
    }
}
