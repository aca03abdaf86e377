package org.dataprune4j.benchmarks.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.bytedeco.javacpp.Pointer;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.data.NoisyCopies;
import org.dataprune4j.score.El2nScorer;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoredBatch;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.spark.ExampleIds;
import org.dataprune4j.spark.ExampleRecord;
import org.dataprune4j.spark.SparkScores;
import org.dataprune4j.spark.SparkScoring;
import org.dataprune4j.spark.SparkSelection;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Scoring throughput on Spark against the single-machine scoring pass, on the same examples and model: Fashion-MNIST's
 * 60,000 training images and {@code copies - 1} copies of them with seeded pixel noise (600,000 examples at the
 * default 10), an MLP 784-256-10 warmed up for one epoch. The single-machine pass is the listener's end-of-warm-up
 * pass (batches through the model, {@link ScoredBatch}, {@link El2nScorer}); the Spark pass is
 * {@link SparkScoring#score} over the keyed, cached examples, on {@code local[1]} and {@code local[2]}; then the
 * selection (keep-hardest 50%, a distributed sort). Every Spark score is checked against the single machine's.
 *
 * <p>Arguments: {@code copies=10 runs=3 partitions=24 batchSize=256 cores=1,2 out=target/spark-benchmark.md}.
 */
public final class SparkScoringBenchmark {
    private static final Logger log = LoggerFactory.getLogger(SparkScoringBenchmark.class);
    private static final double NOISE = 0.05;

    private SparkScoringBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            for (String kv : arg.trim().split("\\s+")) {
                if (kv.contains("=")) {
                    a.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
        }
        int copies = Integer.parseInt(a.getOrDefault("copies", "10"));
        int runs = Integer.parseInt(a.getOrDefault("runs", "3"));
        int partitions = Integer.parseInt(a.getOrDefault("partitions", "24"));
        int batchSize = Integer.parseInt(a.getOrDefault("batchSize", "256"));
        int[] coreCounts = Arrays.stream(a.getOrDefault("cores", "1,2").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        Path out = Path.of(a.getOrDefault("out", "target/spark-benchmark.md"));

        LabelledImages base = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN);
        int perCopy = base.size();
        int n = perCopy * copies;
        MultiLayerNetwork net = warmedUp(base.toDataSet());
        log.info("{} examples ({} copies of {}), model warmed up for one epoch", n, copies, perCopy);

        // the single-machine pass, copy by copy (each copy generated outside the timed part)
        double[] singleSeconds = new double[runs];
        El2nScorer scorer = null;
        for (int r = 0; r < runs; r++) {
            scorer = new El2nScorer(n, ScoreInput.END_OF_WARMUP_PASS);
            long nanos = 0;
            for (int k = 0; k < copies; k++) {
                DataSet copy = NoisyCopies.copy(base, k, NOISE);
                long t = System.nanoTime();
                scoreOnOneMachine(net, copy, k * perCopy, batchSize, scorer);
                nanos += System.nanoTime() - t;
            }
            singleSeconds[r] = nanos / 1e9;
            log.info("single machine, run {}: {} s", r + 1, String.format(Locale.ROOT, "%.2f", singleSeconds[r]));
        }
        double[] single = scorer.scores();
        double singleMedian = median(singleSeconds);

        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "| single machine (the listener's pass), 1 core | %.2f | %,.0f | 1.00 | - | - | - |",
                singleMedian, n / singleMedian));
        for (int cores : coreCounts) {
            rows.add(sparkRun(cores, partitions, batchSize, runs, base, copies, net, single, singleMedian));
        }
        String table = String.join("\n", List.of(
                "| pass | median s | examples/s | time vs single machine | max abs EL2N difference | selection s |"
                        + " kept-set differences (keep-hardest 50%) |",
                "|---|---:|---:|---:|---:|---:|---:|")) + "\n" + String.join("\n", rows) + "\n";
        String md = String.format(Locale.ROOT, "%,d examples (Fashion-MNIST x %d, seeded noise sd %.2f), MLP"
                + " 784-256-10, batches of %d, %d partitions, median of %d runs; single-machine runs: %s%n%n%s",
                n, copies, NOISE, batchSize, partitions, runs, Arrays.toString(singleSeconds), table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        log.info("\n{}", md);
    }

    private static String sparkRun(int cores, int partitions, int batchSize, int runs, LabelledImages base,
                                   int copies, MultiLayerNetwork net, double[] single, double singleMedian) {
        System.gc();
        long heapBefore = usedHeap();
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster("local[" + cores + "]")
                .setAppName("spark-scoring-benchmark").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "localhost"));
        try {
            int perCopy = base.size();
            Broadcast<byte[][]> pixels = sc.broadcast(base.pixels());
            Broadcast<int[]> labels = sc.broadcast(base.labels());
            List<int[]> chunks = new ArrayList<>();
            int chunk = (perCopy * copies + partitions - 1) / partitions;
            for (int from = 0; from < perCopy * copies; from += chunk) {
                chunks.add(new int[] {from, Math.min(perCopy * copies, from + chunk)});
            }
            JavaRDD<ExampleRecord> generated = sc.parallelize(chunks, chunks.size()).flatMap(range -> {
                List<ExampleRecord> examples = new ArrayList<>(range[1] - range[0]);
                LabelledImages images = new LabelledImages(pixels.value(), labels.value(), 10);
                for (int id = range[0]; id < range[1]; id++) {
                    int i = id % perCopy;
                    examples.add(ExampleRecord.of(NoisyCopies.pixels(images, id / perCopy, i, NOISE), labels.value()[i],
                            10));
                }
                return examples.iterator();
            });
            long t = System.nanoTime();
            JavaPairRDD<Long, ExampleRecord> examples = ExampleIds.ofRecords(generated);
            double keySeconds = (System.nanoTime() - t) / 1e9;
            SparkScoring scoring = SparkScoring.builder().batchSize(batchSize).build();
            double[] seconds = new double[runs];
            SparkScores scores = null;
            for (int r = 0; r < runs; r++) {
                if (scores != null) {
                    scores.unpersist();
                }
                t = System.nanoTime();
                scores = scoring.score(net, examples);
                seconds[r] = (System.nanoTime() - t) / 1e9;
                log.info("Spark local[{}], run {}: {} s", cores, r + 1, String.format(Locale.ROOT, "%.2f", seconds[r]));
            }
            double maxDiff = scores.scores(ScoreKind.EL2N).map(s -> Math.abs(s._2() - single[(int) (long) s._1()]))
                    .fold(0.0, Math::max);
            t = System.nanoTime();
            SparkSelection selection = SparkSelection.select(ScoreRangeRule.keepHardest(0.5), scores, ScoreKind.EL2N);
            double selectSeconds = (System.nanoTime() - t) / 1e9;
            // the single machine's kept set for the same rule on its own scores, against Spark's, id by id
            int[] allLabels = new int[single.length];
            for (int id = 0; id < single.length; id++) {
                allLabels[id] = base.labels()[id % perCopy];
            }
            java.util.BitSet keptHere = new java.util.BitSet(single.length);
            for (int id : ScoreRangeRule.keepHardest(0.5).select(single, allLabels).keptIds()) {
                keptHere.set(id);
            }
            Broadcast<java.util.BitSet> keptOnOneMachine = sc.broadcast(keptHere);
            long differ = selection.decisions()
                    .filter(d -> d._2().isKept() != keptOnOneMachine.value().get((int) (long) d._1())).count();
            System.gc();
            long heapAfter = usedHeap();
            double median = median(seconds);
            log.info("local[{}]: keyed and cached in {} s; scoring runs {}; selection {} s kept {}; JVM heap {} MB"
                    + " before Spark, {} MB with the examples and scores cached; off-heap {} MB", cores,
                    String.format(Locale.ROOT, "%.1f", keySeconds), Arrays.toString(seconds),
                    String.format(Locale.ROOT, "%.1f", selectSeconds), selection.keptCount(), heapBefore >> 20,
                    heapAfter >> 20, Pointer.physicalBytes() >> 20);
            return String.format(Locale.ROOT, "| Spark local[%d] (runs: %s; heap %d MB before, %d MB with the data"
                    + " cached) | %.2f | %,.0f | %.2f | %.1e | %.1f | %d |", cores, Arrays.toString(round(seconds)),
                    heapBefore >> 20, heapAfter >> 20, median, single.length / median, median / singleMedian, maxDiff,
                    selectSeconds, differ);
        } finally {
            sc.stop();
        }
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 10) / 10.0).toArray();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void scoreOnOneMachine(MultiLayerNetwork net, DataSet data, int firstId, int batchSize,
                                          El2nScorer scorer) {
        int n = data.numExamples();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int[] ids = new int[to - from];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = firstId + from + i;
            }
            INDArray x = data.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray y = data.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            scorer.observe(ScoredBatch.ofOutputs(ids, net.output(x, false), y));
        }
    }

    private static MultiLayerNetwork warmedUp(DataSet train) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(256).nOut(10).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        for (DataSet batch : train.batchBy(128)) {
            net.fit(batch);
        }
        return net;
    }
}
