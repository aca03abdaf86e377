package org.dataprune4j.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dataprune4j.spark.ExampleIds;
import org.dataprune4j.spark.ExampleRecord;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.spark.SparkPruningTrainer;
import org.dataprune4j.spark.SparkScores;
import org.dataprune4j.spark.SparkScoring;
import org.dataprune4j.spark.SparkSelection;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A user's Spark job, as spark-submit runs it: reads (generates) its examples on the executors; scores them on the
 * executors with an MLP trained on the driver and selects 50% ({@code kept.txt}, {@code el2n.csv}); then trains an MLP
 * with {@link SparkPruningTrainer} for 3 epochs (2 warm-up, then the kept 50%; {@code trainer.txt}: examples per
 * epoch, kept counts, accuracy on the training examples). Arguments: {@code out examples partitions [workerPidToKill]}; with a pid, the Worker with that pid
 * (and its executor) is killed with SIGKILL when the first task of the scoring pass has finished
 * ({@link WorkerKiller}). On a cluster it first tries dl4j-spark's default Export training approach and writes the
 * library's refusal to {@code out/export-refused.txt}.
 */
public final class ClusterDriver {
    static final int FEATURES = 20;
    static final int CLASSES = 4;

    private ClusterDriver() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int examples = Integer.parseInt(args[1]);
        int partitions = Integer.parseInt(args[2]);
        long killPid = args.length > 3 ? Long.parseLong(args[3]) : 0;
        Files.createDirectories(out);
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("dataprune4j-cluster-test"));
        try {
            WorkerKiller killer = killPid > 0 ? WorkerKiller.register(sc, killPid) : null;
            JavaPairRDD<Long, ExampleRecord> keyed = ExampleIds.of(generated(sc, examples, partitions));
            // which Guava the driver and an executor load first (Spark's, if the cluster is set up as a real one)
            write(out.resolve("guava.txt"), List.of(guavaJar(), sc.parallelize(List.of(0), 1)
                    .map(i -> guavaJar()).collect().get(0)));

            // 1. score and select with a model trained on the driver (the same on every run): the pass the Worker dies in
            MultiLayerNetwork warmedUp = mlp();
            List<DataSet> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.addAll(partition(p, examples / partitions).batchBy(32));
            }
            for (int epoch = 0; epoch < 2; epoch++) {
                warmedUp.fit(new ListDataSetIterator<>(all));
            }
            SparkScores scores = SparkScoring.builder().build().score(warmedUp, keyed);
            SparkSelection selection = SparkSelection.select(ScoreRangeRule.quantiles(0.45, 0.95), scores,
                    ScoreKind.EL2N);
            write(out.resolve("kept.txt"), selection.decisions().filter(t -> t._2() == Decision.KEPT).keys()
                    .collect().stream().sorted().map(String::valueOf).collect(Collectors.toList()));
            Map<Long, Double> el2n = new TreeMap<>(scores.scores(ScoreKind.EL2N).collectAsMap());
            write(out.resolve("el2n.csv"), el2n.entrySet().stream().map(e -> e.getKey() + "," + e.getValue())
                    .collect(Collectors.toList()));
            if (killer != null) {
                write(out.resolve("kill.txt"), List.of(killer.describe()));
            }

            // 2. the in-loop trainer: dl4j-spark's parameter averaging, Direct
            if (!sc.master().startsWith("local")) {
                refusedExport(sc, keyed, out);
            }
            ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(1)
                    .batchSizePerWorker(32).averagingFrequency(5).workerPrefetchNumBatches(0).rngSeed(12)
                    .rddTrainingApproach(RDDTrainingApproach.Direct).build();
            SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, mlp(), master);
            SparkPruningTrainer.Outcome outcome = SparkPruningTrainer.builder(ScoreRangeRule.quantiles(0.45, 0.95))
                    .warmupEpochs(2).build().fit(spark, keyed, 3);
            Evaluation eval = spark.getNetwork().evaluate(new ListDataSetIterator<>(all));
            write(out.resolve("trainer.txt"), List.of(outcome.ledger().examplesPerEpoch().toString(),
                    String.valueOf(outcome.keptPerSelection()), fmt("%.4f", eval.accuracy())));
        } finally {
            sc.stop();
        }
    }

    private static void refusedExport(JavaSparkContext sc, JavaPairRDD<Long, ExampleRecord> keyed, Path out)
            throws IOException {
        SparkDl4jMultiLayer export = new SparkDl4jMultiLayer(sc, mlp(),
                new ParameterAveragingTrainingMaster.Builder(1).batchSizePerWorker(32).build());
        String refusal;
        try {
            SparkPruningTrainer.builder(ScoreRangeRule.keepHardest(0.5)).build().fit(export, keyed, 3);
            refusal = "NOT REFUSED";
        } catch (IllegalStateException e) {
            refusal = e.getMessage();
        }
        write(out.resolve("export-refused.txt"), List.of(refusal));
    }

    /**
     * The examples, generated on the executors from each partition's index (a deterministic source, so the ids
     * survive the loss of an executor): Gaussian blobs around class centres, 5% of the labels flipped.
     */
    static JavaRDD<DataSet> generated(JavaSparkContext sc, int examples, int partitions) {
        List<Integer> parts = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
        int per = examples / partitions;
        return sc.parallelize(parts, partitions).map(p -> partition(p, per));
    }

    /** Partition {@code p}'s examples: the same wherever and however often it is computed. */
    static DataSet partition(int p, int per) {
        SplittableRandom centres = new SplittableRandom(7);
        float[][] c = new float[CLASSES][FEATURES];
        for (float[] row : c) {
            for (int d = 0; d < FEATURES; d++) {
                row[d] = (float) (2.0 * (centres.nextDouble() - 0.5) * 2);
            }
        }
        SplittableRandom random = new SplittableRandom(1000L + p);
        float[][] x = new float[per][FEATURES];
        float[][] y = new float[per][CLASSES];
        for (int i = 0; i < per; i++) {
            int k = i % CLASSES;
            for (int d = 0; d < FEATURES; d++) {
                x[i][d] = (float) (c[k][d] + Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                        * Math.cos(2 * Math.PI * random.nextDouble()));
            }
            y[i][random.nextDouble() < 0.05 ? random.nextInt(CLASSES) : k] = 1;
        }
        return new DataSet(Nd4j.create(x), Nd4j.create(y));
    }

    /** The jar {@code com.google.common.base.Preconditions} is loaded from here, or "none". */
    static String guavaJar() {
        try {
            return String.valueOf(Class.forName("com.google.common.base.Preconditions").getProtectionDomain()
                    .getCodeSource().getLocation());
        } catch (ClassNotFoundException e) {
            return "none";
        }
    }

    static MultiLayerNetwork mlp() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(32).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.write(file, new ArrayList<>(lines), StandardCharsets.UTF_8);
    }

    static String fmt(String f, Object... a) {
        return String.format(Locale.ROOT, f, a);
    }
}
