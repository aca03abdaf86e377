package org.dataprune4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * End to end on Spark (local[2]) with real data: Fashion-MNIST, warm-up epochs trained with dl4j-spark's parameter
 * averaging, the swap scored and selected on the executors, the remaining epochs on the kept subset.
 */
class FashionMnistSparkIT {
    private static final int TRAIN = 12_000;
    private static final int EPOCHS = 6;
    private static final int WARMUP = 2;

    @Test
    void warmUpSwapAndTrainOnTheKeptSubsetOnSpark() {
        LabelledImages train = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).head(TRAIN);
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).toDataSet();
        JavaSparkContext sc = SparkTestData.localSpark();
        try {
            // minibatches of 100 in 8 partitions, keyed into single examples with stable ids
            List<DataSet> batches = train.toDataSet().batchBy(100);
            JavaPairRDD<Long, ExampleRecord> examples = ExampleIds.of(sc.parallelize(batches, 8));
            assertEquals(TRAIN, examples.count());
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, SparkTestData.mlp(784, 128, 10, 1e-3, 42),
                    new ParameterAveragingTrainingMaster.Builder(1).batchSizePerWorker(64).averagingFrequency(5)
                            .workerPrefetchNumBatches(0).rngSeed(42).build());
            SparkPruningTrainer.Outcome outcome = SparkPruningTrainer.builder(ScoreRangeRule.quantiles(0.45, 0.95))
                    .warmupEpochs(WARMUP).build().fit(spark, examples, EPOCHS);

            assertEquals(List.of(TRAIN, TRAIN, 6_000, 6_000, 6_000, 6_000), outcome.ledger().examplesPerEpoch());
            SparkSelection selection = outcome.lastSelection();
            assertEquals(ScoreKind.EL2N, selection.scoreKind());
            long accounted = selection.countsByClass().values().stream()
                    .mapToLong(m -> m.get(Decision.KEPT) + m.get(Decision.PRUNED_BELOW_RANGE)
                            + m.get(Decision.PRUNED_ABOVE_RANGE)).sum();
            assertEquals(TRAIN, accounted);
            Evaluation eval = new Evaluation(10);
            eval.eval(test.getLabels(), spark.getNetwork().output(test.getFeatures(), false));
            double accuracy = eval.accuracy();
            System.out.printf("FashionMnistSparkIT: test accuracy %.4f after %s%n", accuracy,
                    outcome.ledger().describe());
            // measured 2026-12-03 on 2 loaded cores: 0.817 and 0.830 (parameter averaging on local[2] is not
            // bit-reproducible); the same run on all data (keepHardest(1.0)) 0.803.
            // Parameter averaging every 5 batches of 64 learns more slowly than one machine's 6 epochs (about 0.85).
            assertTrue(accuracy >= 0.78, "test accuracy " + accuracy);
        } finally {
            sc.stop();
        }
    }
}
