package org.dataprune4j.examples;

import java.util.Arrays;
import java.util.Comparator;
import org.dataprune4j.data.LabelNoise;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * How well scores find planted mislabelled examples: used by the benchmark and the integration tests.
 */
public final class NoiseDetection {
    private NoiseDetection() {
    }

    /**
     * Trains the reference MLP for {@code warmupEpochs} epochs with a listener and returns its report.
     *
     * @param train training data
     * @param seed network and shuffle seed
     * @param el2nInput where EL2N comes from
     * @param warmupEpochs warm-up epochs; the swap happens at the end of the last, and training stops there
     */
    public static PruningReport warmupReport(DataSet train, long seed, ScoreInput el2nInput, int warmupEpochs) {
        PruningIterator it = PruningIterator.builder(train, TrainingRuns.BATCH_SIZE).seed(seed).build();
        PruningListener listener = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .warmupEpochs(warmupEpochs).el2nInput(el2nInput).build();
        MultiLayerNetwork net = ExampleNetworks.mlp(seed);
        net.setListeners(listener);
        net.fit(it, warmupEpochs);
        return listener.report();
    }

    /**
     * Of the k highest-scoring examples (k = number flipped, ties by id), the share that were flipped. With
     * k equal to the number flipped, this is both the precision and the recall of the flipped examples.
     */
    public static double flippedShareOfTop(double[] scores, LabelNoise.Noisy noisy) {
        return flippedShareOfTop(scores, noisy, noisy.flippedIds().length);
    }

    /** Of the k highest-scoring examples (ties by id), the share that were flipped. */
    public static double flippedShareOfTop(double[] scores, LabelNoise.Noisy noisy, int k) {
        Integer[] ids = new Integer[scores.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        Arrays.sort(ids, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int hits = 0;
        for (int i = 0; i < k; i++) {
            hits += noisy.isFlipped(ids[i]) ? 1 : 0;
        }
        return (double) hits / k;
    }
}
