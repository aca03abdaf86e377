package org.dataprune4j.spark;

import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dataprune4j.Outlier;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassBalancedRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The README's Spark snippets, compiled and run by {@link SparkQuickStartTest}: {@link #trainWithPruning} is the
 * in-loop snippet, {@link #scoreAndSelect} the score-and-select snippet.
 */
final class SparkQuickStart {
    private SparkQuickStart() {
    }

    static SparkPruningTrainer.Outcome trainWithPruning(JavaSparkContext sc, MultiLayerNetwork net,
                                                        JavaRDD<DataSet> data, int epochs, String scoresDir) {
        // README Spark snippet begins
        JavaPairRDD<Long, ExampleRecord> examples = ExampleIds.of(data);   // one record an example, stable ids, persisted
        TrainingMaster<?, ?> trainingMaster = new ParameterAveragingTrainingMaster.Builder(1)   // 1 example a record
                .batchSizePerWorker(32)
                .rddTrainingApproach(RDDTrainingApproach.Direct)   // Export needs a shared file system (HDFS, S3)
                .build();
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, net, trainingMaster);
        SparkPruningTrainer.Outcome outcome = SparkPruningTrainer.builder(ScoreRangeRule.quantiles(0.48, 0.98))
                .warmupEpochs(2)                    // spark.fit on every example for 2 epochs,
                .build()                            // then the executors score them all by EL2N
                .fit(spark, examples, epochs);      // and the remaining epochs train on the kept 50%

        SparkSelection kept = outcome.lastSelection();
        kept.writeScores(scoresDir);                // the executors write id, label, scores, decision, reason
        List<Outlier> suspects = kept.outliers(20); // the 20 highest scores: often mislabelled
        // README Spark snippet ends
        return outcome;
    }

    static JavaPairRDD<Long, ExampleRecord> scoreAndSelect(MultiLayerNetwork warmedUp, JavaPairRDD<Long, ExampleRecord> examples) {
        // README Spark scoring snippet begins
        SparkScores scores = SparkScoring.builder().build().score(warmedUp, examples);  // broadcast parameters
        SparkSelection selection = SparkSelection.select(ClassBalancedRule.of(ScoreRangeRule.keepHardest(0.5)),
                scores, ScoreKind.EL2N);            // a distributed sort; the same kept set as on one machine
        JavaPairRDD<Long, ExampleRecord> kept = selection.kept(examples);
        // README Spark scoring snippet ends
        return kept;
    }
}
