package org.dataprune4j.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The scoring-throughput benchmark's Spark job (spark-submit runs it on the standalone cluster and on
 * {@code local[2]}): Fashion-MNIST's 60,000 training images and {@code copies - 1} copies with seeded pixel noise, read
 * on the executors from the idx files (every executor parses them once) and keyed as {@link ExampleRecord}s; an MLP
 * 784-256-10 warmed up for one epoch on the driver; {@code runs} scoring passes ({@link SparkScoring#score}) timed,
 * each followed by the single-machine pass (the listener's end-of-warm-up pass: batches through {@code output},
 * {@link ScoredBatch}, {@link El2nScorer}) over the same examples in this driver's JVM, and every Spark EL2N compared
 * with it. Before each timed pass the driver and the executors collect their garbage and pause 2 s, untimed.
 *
 * <p>Arguments: {@code out copies partitions runs [single-only|pair] [warmup=N] [pair-each-pass]};
 * {@code pair-each-pass} also times, after each Spark pass and its single-machine pass, two single-machine passes at
 * once (one a core, over copies built beforehand; field {@code pairWall}); {@code warmup=N}
 * takes N untimed passes on both sides before the timed ones; each timed Spark pass also reports, per executor, its
 * JVM's JIT and CPU milliseconds and the machine's steal time (tasks.txt). With {@code single-only} it starts no Spark
 * and times the single-machine pass alone (run with as many BLAS threads as the machine has cores); with {@code pair},
 * two single-machine passes at once in two threads (one BLAS thread each), over copies built beforehand, timed from
 * the start of both to the end of both. Writes {@code out/throughput.txt}: one line of
 * {@code key=value} fields.
 */
public final class ThroughputDriver {
    private static final double NOISE = 0.05;
    private static final int BATCH = 256;
    private static final Map<String, LabelledImages> PARSED = new ConcurrentHashMap<>();

    private ThroughputDriver() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int copies = Integer.parseInt(args[1]);
        int partitions = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        boolean singleOnly = Arrays.asList(args).contains("single-only");
        boolean pair = Arrays.asList(args).contains("pair");
        boolean pairEachPass = Arrays.asList(args).contains("pair-each-pass");
        int warmup = Arrays.stream(args).filter(a -> a.startsWith("warmup=")).mapToInt(a -> Integer.parseInt(a
                .substring("warmup=".length()))).findFirst().orElse(0);
        // fetched and verified by the driver; the executors read the files where the driver put them (one machine
        // here; on a real cluster, a shared file system)
        Path data = Datasets.ensure(ImageDataset.FASHION_MNIST, Datasets.defaultCacheDir());
        String images = data.resolve("train-images-idx3-ubyte.gz").toString();
        String labels = data.resolve("train-labels-idx1-ubyte.gz").toString();
        Files.createDirectories(out);
        LabelledImages base = images(images, labels);
        int perCopy = base.size();
        int n = perCopy * copies;
        MultiLayerNetwork net = warmedUp(base.toDataSet());
        // two single-machine passes at once, one a core: what a core of this machine does while the other works
        MultiLayerNetwork twin = pair || pairEachPass ? net.clone() : null;
        List<DataSet> built = pair || pairEachPass ? builtCopies(base, copies) : null;
        if (pair) {
            double[] pairSeconds = new double[runs];
            for (int r = 0; r < runs; r++) {
                pairSeconds[r] = pairPass(net, twin, built, perCopy);
            }
            Files.write(out.resolve("throughput.txt"), List.of("master=none examples=" + n + " threads="
                    + System.getenv("OMP_NUM_THREADS") + " pairWall=" + join(pairSeconds)), StandardCharsets.UTF_8);
            return;
        }
        if (singleOnly) {
            double[] singleSeconds = singleMachine(net, base, copies, runs, null);
            Files.write(out.resolve("throughput.txt"), List.of("master=none examples=" + n + " threads="
                    + System.getenv("OMP_NUM_THREADS") + " single=" + join(singleSeconds)), StandardCharsets.UTF_8);
            return;
        }
        JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("dataprune4j-throughput"));
        TaskTimes taskTimes = new TaskTimes();
        sc.sc().addSparkListener(taskTimes);
        try {
            long t = System.nanoTime();
            JavaPairRDD<Long, ExampleRecord> examples = ExampleIds.ofRecords(read(sc, images, labels, n, perCopy,
                    partitions));
            double keySeconds = (System.nanoTime() - t) / 1e9;
            SparkScoring scoring = SparkScoring.builder().batchSize(BATCH).build();
            double[] seconds = new double[runs];
            double[] singleSeconds = new double[runs];
            double[] pairSeconds = new double[pairEachPass ? runs : 0];
            double[][] single = new double[1][];
            List<String> passTasks = new ArrayList<>();
            SparkScores scores = null;
            // untimed passes first, each followed by the single-machine pass, as the timed ones (the executors' JIT)
            for (int r = 0; r < warmup; r++) {
                settle(sc, partitions);
                scoring.score(net, examples).unpersist();
                singleMachine(net, base, copies, 1, null);
            }
            Map<String, long[]> before = settle(sc, partitions);
            // a Spark pass, then the single-machine pass, in turn: a slow spell of this shared machine slows both
            for (int r = 0; r < runs; r++) {
                if (scores != null) {
                    scores.unpersist();
                    before = settle(sc, partitions);
                }
                taskTimes.reset();
                long steal = stealTicks();
                t = System.nanoTime();
                scores = scoring.score(net, examples);
                seconds[r] = (System.nanoTime() - t) / 1e9;
                steal = stealTicks() - steal;
                String tasks = taskTimes.describe(); // the pass's tasks, before the settle's
                Map<String, long[]> after = settle(sc, partitions);
                passTasks.add(tasks + " " + jvmDeltas(before, after)
                        + String.format(Locale.ROOT, " steal=%dms", steal * 10));
                singleSeconds[r] = singleMachine(net, base, copies, 1, single)[0];
                if (pairEachPass) { // and this machine's two cores at once, after the same settling
                    settle(sc, partitions);
                    pairSeconds[r] = pairPass(net, twin, built, perCopy);
                }
            }
            t = System.nanoTime();
            SparkSelection selection = SparkSelection.select(ScoreRangeRule.keepHardest(0.5), scores, ScoreKind.EL2N);
            double selectSeconds = (System.nanoTime() - t) / 1e9;
            Broadcast<double[]> reference = sc.broadcast(single[0]);
            double maxDiff = scores.scores(ScoreKind.EL2N)
                    .map(s -> Math.abs(s._2() - reference.value()[(int) (long) s._1()])).fold(0.0, Math::max);
            List<String> fields = new ArrayList<>(List.of("master=" + sc.master(), "examples=" + n,
                    "partitions=" + examples.getNumPartitions(), "executors=" + (sc.sc().getExecutorMemoryStatus()
                            .size() - (sc.master().startsWith("local") ? 0 : 1)),
                    "keySeconds=" + fmt(keySeconds), "cached=" + cached(sc),
                    "cachedByExecutor=" + cachedByExecutor(sc), "spark=" + join(seconds),
                    "single=" + join(singleSeconds), "warmup=" + warmup,
                    "pairWall=" + (pairEachPass ? join(pairSeconds) : "-"),
                    "selectSeconds=" + fmt(selectSeconds), "kept=" + selection.keptCount(),
                    "maxEl2nDiff=" + String.format(Locale.ROOT, "%.2e", maxDiff)));
            Files.write(out.resolve("throughput.txt"), List.of(String.join(" ", fields)), StandardCharsets.UTF_8);
            Files.write(out.resolve("tasks.txt"), passTasks, StandardCharsets.UTF_8);
        } finally {
            sc.stop();
        }
    }

    /**
     * Before each timed pass, untimed: a full GC in the driver and on every executor (a job of one task a partition),
     * then 2 s for native memory to be freed and background threads to finish, so that neither pass pays for the
     * garbage of the one before it (the 2 vCPUs are shared by every JVM of the cluster). Returns, per executor id,
     * its JVM's total JIT compilation ms and process CPU ms so far (read after its GC).
     */
    private static Map<String, long[]> settle(JavaSparkContext sc, int partitions) {
        List<String> counters = sc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                .map(i -> {
                    System.gc();
                    long jit = java.lang.management.ManagementFactory.getCompilationMXBean()
                            .getTotalCompilationTime();
                    long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                            .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
                    return org.apache.spark.SparkEnv.get().executorId() + ":" + jit + ":" + cpu;
                }).collect();
        Map<String, long[]> byExecutor = new java.util.TreeMap<>();
        for (String c : counters) {
            String[] f = c.split(":");
            byExecutor.merge(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
                    (a, b) -> new long[] {Math.max(a[0], b[0]), Math.max(a[1], b[1])});
        }
        System.gc();
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while settling before a timed pass", e);
        }
        return byExecutor;
    }

    /**
     * Per executor, between two settles (so over one Spark pass and the settle after it): the ms its JIT compilers
     * worked and the CPU ms its whole JVM used (tasks, JIT, GC and Spark's own threads).
     */
    private static String jvmDeltas(Map<String, long[]> before, Map<String, long[]> after) {
        StringBuilder jit = new StringBuilder();
        StringBuilder cpu = new StringBuilder();
        after.forEach((id, a) -> {
            long[] b = before.getOrDefault(id, new long[2]);
            jit.append(jit.length() == 0 ? "" : ",").append(id).append(':').append(a[0] - b[0]).append("ms");
            cpu.append(cpu.length() == 0 ? "" : ",").append(id).append(':').append(a[1] - b[1]).append("ms");
        });
        return "jit=" + jit + " cpu=" + cpu;
    }

    /** This machine's steal time so far (USER_HZ ticks, 10 ms each; /proc/stat), 0 where there is none to read. */
    private static long stealTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.UTF_8).get(0).trim().split("\\s+");
            return f.length > 8 ? Long.parseLong(f[8]) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The single-machine pass in this JVM, {@code runs} times, copy by copy (each copy built outside the timed part);
     * its seconds, and its scores in {@code scores[0]} if {@code scores} is not null.
     */
    private static double[] singleMachine(MultiLayerNetwork net, LabelledImages base, int copies, int runs,
                                          double[][] scores) {
        int perCopy = base.size();
        double[] seconds = new double[runs];
        for (int r = 0; r < runs; r++) {
            El2nScorer scorer = new El2nScorer(perCopy * copies, ScoreInput.END_OF_WARMUP_PASS);
            long nanos = 0;
            for (int k = 0; k < copies; k++) {
                DataSet copy = NoisyCopies.copy(base, k, NOISE);
                long s = System.nanoTime();
                scoreOnOneMachine(net, copy, k * perCopy, scorer);
                nanos += System.nanoTime() - s;
            }
            seconds[r] = nanos / 1e9;
            if (scores != null) {
                scores[0] = scorer.scores();
            }
        }
        return seconds;
    }

    /** The copies built once, before any timing (the pair passes' input). */
    private static List<DataSet> builtCopies(LabelledImages base, int copies) {
        List<DataSet> built = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
            built.add(NoisyCopies.copy(base, k, NOISE));
        }
        return built;
    }

    /** Two single-machine passes at once, a thread and a network each: seconds from the start of both to the end of both. */
    private static double pairPass(MultiLayerNetwork net, MultiLayerNetwork twin, List<DataSet> built, int perCopy) {
        long t = System.nanoTime();
        Thread other = new Thread(() -> scoreCopies(twin, built, perCopy));
        other.start();
        scoreCopies(net, built, perCopy);
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - t) / 1e9;
    }

    private static void scoreCopies(MultiLayerNetwork net, List<DataSet> copies, int perCopy) {
        El2nScorer scorer = new El2nScorer(perCopy * copies.size(), ScoreInput.END_OF_WARMUP_PASS);
        for (int k = 0; k < copies.size(); k++) {
            scoreOnOneMachine(net, copies.get(k), k * perCopy, scorer);
        }
    }

    /** Sums the task metrics Spark reports for the jobs of a scoring pass (where its time goes). */
    static final class TaskTimes extends org.apache.spark.scheduler.SparkListener {
        private long tasks;
        private long runMs;
        private long deserializeMs;
        private long gcMs;
        private long wallMs;
        /** Per executor id: tasks and their run time in ms (where the tasks ran, and whether one executor waited). */
        private final Map<String, long[]> byExecutor = new java.util.TreeMap<>();

        synchronized void reset() {
            byExecutor.clear();
            tasks = 0;
            runMs = 0;
            deserializeMs = 0;
            gcMs = 0;
            wallMs = 0;
        }

        @Override
        public synchronized void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            if (end.taskMetrics() == null) {
                return;
            }
            tasks++;
            runMs += end.taskMetrics().executorRunTime();
            deserializeMs += end.taskMetrics().executorDeserializeTime();
            gcMs += end.taskMetrics().jvmGCTime();
            wallMs += end.taskInfo().duration();
            long[] e = byExecutor.computeIfAbsent(end.taskInfo().executorId(), k -> new long[2]);
            e[0]++;
            e[1] += end.taskMetrics().executorRunTime();
        }

        synchronized String describe() {
            StringBuilder executors = new StringBuilder();
            byExecutor.forEach((id, e) -> executors.append(executors.length() == 0 ? "" : ",").append(id).append(':')
                    .append(e[0]).append('/').append(e[1]).append("ms"));
            return String.format(Locale.ROOT, "tasks=%d run=%dms deserialize=%dms gc=%dms launchToEnd=%dms"
                    + " byExecutor=%s", tasks, runMs, deserializeMs, gcMs, wallMs, executors);
        }
    }

    /** The examples, read on the executors: partition p parses the idx files (once per JVM) and builds its ids. */
    static JavaRDD<ExampleRecord> read(JavaSparkContext sc, String images, String labels, int n, int perCopy,
                                       int partitions) {
        List<Integer> parts = IntStream.range(0, partitions).boxed().collect(Collectors.toList());
        return sc.parallelize(parts, partitions).flatMap(p -> {
            LabelledImages base = images(images, labels);
            int from = (int) ((long) n * p / partitions);
            int to = (int) ((long) n * (p + 1) / partitions);
            List<ExampleRecord> records = new ArrayList<>(to - from);
            for (int id = from; id < to; id++) {
                int i = id % perCopy;
                records.add(ExampleRecord.of(NoisyCopies.pixels(base, id / perCopy, i, NOISE), base.labels()[i],
                        base.numClasses()));
            }
            return records.iterator();
        });
    }

    private static LabelledImages images(String images, String labels) {
        return PARSED.computeIfAbsent(images + "|" + labels,
                k -> Datasets.fromIdxFiles(Path.of(images), Path.of(labels), 10));
    }

    private static void scoreOnOneMachine(MultiLayerNetwork net, DataSet data, int firstId, El2nScorer scorer) {
        int n = data.numExamples();
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            int[] ids = new int[to - from];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = firstId + from + i;
            }
            INDArray x = data.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray y = data.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            scorer.observe(ScoredBatch.ofOutputs(ids, net.output(x, false), y));
        }
    }

    private static MultiLayerNetwork warmedUp(DataSet train) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER).dataType(DataType.FLOAT).list()
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

    /**
     * Where Spark holds the cached RDDs after the passes: "memMB/diskMB/cachedPartitions:partitions" per RDD (a keyed
     * RDD that does not fit the executors' storage memory is read back from disk and deserialised every pass).
     */
    private static String cached(JavaSparkContext sc) {
        return Arrays.stream(sc.sc().getRDDStorageInfo()).map(r -> String.format(Locale.ROOT, "%d/%d/%d:%d",
                r.memSize() >> 20, r.diskSize() >> 20, r.numCachedPartitions(), r.numPartitions()))
                .collect(Collectors.joining(";"));
    }

    /** Each block manager's cached MB, as port=MB (the driver's included): how the cached examples are spread. */
    private static String cachedByExecutor(JavaSparkContext sc) {
        return Arrays.stream(sc.sc().statusTracker().getExecutorInfos())
                .map(e -> e.port() + "=" + (e.cacheSize() >> 20)).collect(Collectors.joining(","));
    }

    private static String join(double[] v) {
        return Arrays.stream(v).mapToObj(ThroughputDriver::fmt).collect(Collectors.joining(","));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
