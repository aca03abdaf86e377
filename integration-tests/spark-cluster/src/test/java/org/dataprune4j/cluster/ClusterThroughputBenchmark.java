package org.dataprune4j.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scoring-throughput benchmark on the standalone cluster (docs/BENCHMARKS.md, "Scoring on a Spark cluster"): a
 * Master and {@code workers} one-core Workers (2 unless told), and {@link ThroughputDriver} sent with spark-submit to
 * the cluster and to {@code local[workers]}, alternately, {@code rounds} times; each run also times the single-machine
 * pass in its driver. With {@code workers=1} the second core is left to the driver and the Master, so the one worker's
 * rate is a core's rate without a neighbour competing for the machine.
 * Not a test (no verdict on speed; it only checks that every run scored every example the same): run with
 * {@code mvn -B -Pcluster-benchmark verify -pl integration-tests/spark-cluster -am}, settings in
 * {@code -Dbenchmark.args="copies=1,10 partitions=4 runs=5 rounds=2 workers=2 warmup=0"} ({@code warmup}: untimed
 * passes before the timed ones). Writes
 * {@code target/cluster-throughput.md}.
 */
class ClusterThroughputBenchmark {

    @Test
    void scoringThroughputOnTheClusterBesideLocalModeAndOneMachine() throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String kv : System.getProperty("benchmark.args", "").trim().split("\\s+")) {
            if (kv.contains("=")) {
                a.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        int[] copies = Arrays.stream(a.getOrDefault("copies", "1,10").split(",")).mapToInt(Integer::parseInt).toArray();
        int partitions = Integer.parseInt(a.getOrDefault("partitions", "4"));
        int runs = Integer.parseInt(a.getOrDefault("runs", "5"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "2"));
        int workers = Integer.parseInt(a.getOrDefault("workers", "2"));
        // untimed Spark passes (each with its single-machine pass) before the timed ones: the executors' JIT warm-up
        String warmup = "warmup=" + Integer.parseInt(a.getOrDefault("warmup", "0"));
        String local = "local[" + workers + "]";
        // the executors' heap must hold their share of the cached records (3.2 KB an example) in Spark's storage
        // memory, 0.6 of (heap - 300 MB); what does not fit is read back from disk every pass
        String executorMemory = a.getOrDefault("executorMemory", "3g");
        String workerMemory = a.getOrDefault("workerMemory", "4g");
        Path dir = Path.of(System.getProperty("cluster.dir"));
        List<String> rows = new ArrayList<>();
        List<String> singles = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(dir, workers, workerMemory)) {
            for (int c : copies) {
                for (int round = 1; round <= rounds; round++) {
                    for (String master : List.of(cluster.masterUrl(), local)) {
                        String name = "throughput-" + workers + "w-" + c + "-" + round
                                + (master.startsWith("local") ? "-local" : "");
                        Path out = dir.resolve("out-" + name);
                        cluster.submit(master, name, ThroughputDriver.class.getName(), List.of(out.toString(),
                                String.valueOf(c), String.valueOf(partitions), String.valueOf(runs), warmup,
                                // with every core busy, also this machine's cores busy with single-machine passes
                                workers == 2 ? "pair-each-pass" : "-"), "5g",
                                executorMemory, 1800);
                        String line = Files.readAllLines(out.resolve("throughput.txt"), StandardCharsets.UTF_8)
                                .get(0);
                        System.out.println("ClusterThroughputBenchmark: " + line);
                        rows.add(row(line, round, workers));
                    }
                    if (workers != 2) {
                        continue; // the two-core references below are for the two-worker cluster
                    }
                    // the single-machine pass with a BLAS thread per core of the machine (2), alone
                    String name = "throughput-" + c + "-" + round + "-single2";
                    Path out = dir.resolve("out-" + name);
                    cluster.submit("local[1]", name, ThroughputDriver.class.getName(), List.of(out.toString(),
                            String.valueOf(c), String.valueOf(partitions), String.valueOf(runs), "single-only"),
                            "5g", "1g", 1800, "2");
                    String line = Files.readAllLines(out.resolve("throughput.txt"), StandardCharsets.UTF_8).get(0);
                    System.out.println("ClusterThroughputBenchmark: " + line);
                    singles.add(line);
                    // two single-machine passes at once, a BLAS thread each: both cores busy, as on the cluster
                    name = "throughput-" + c + "-" + round + "-pair";
                    out = dir.resolve("out-" + name);
                    cluster.submit("local[1]", name, ThroughputDriver.class.getName(), List.of(out.toString(),
                            String.valueOf(c), String.valueOf(partitions), String.valueOf(runs), "pair"),
                            "5g", "1g", 1800, "1");
                    line = Files.readAllLines(out.resolve("throughput.txt"), StandardCharsets.UTF_8).get(0);
                    System.out.println("ClusterThroughputBenchmark: " + line);
                    singles.add(line);
                }
            }
        }
        String table = String.join("\n", List.of(
                "| where | round | examples | partitions | Spark passes s | Spark median s | examples/s |"
                        + " single-machine passes s (same JVM as the driver, 1 core) | single median s |"
                        + " examples/s per core, Spark / single (medians) | each pass's ratio, Spark / the single"
                        + " pass after it |"
                        + " each pass against both cores' single-machine passes after it (per core; median) |"
                        + " keyed s | selection s | max EL2N difference |"
                        + " cached RDDs, memory MB/disk MB/partitions cached:partitions |",
                "|---|---:|---:|---:|---|---:|---:|---|---:|---:|---|---|---:|---:|---:|---|")) + "\n" + String.join("\n", rows)
                + "\n\nThe single-machine pass alone with 2 BLAS threads (OMP_NUM_THREADS=2), and two single-machine passes at once with a thread each (pairWall: from the start of both to the end of both), per round:\n\n"
                + String.join("\n", singles) + "\n";
        Path md = Path.of(System.getProperty("benchmark.out", "target/cluster-throughput.md"));
        Files.writeString(md, table);
        System.out.println(table);
    }

    private static String row(String line, int round, int workers) {
        Map<String, String> f = new HashMap<>();
        for (String kv : line.split(" ")) {
            f.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        long n = Long.parseLong(f.get("examples"));
        double spark = median(f.get("spark"));
        double single = median(f.get("single"));
        boolean local = f.get("master").startsWith("local");
        int cores = workers;
        double perCore = (n / spark / cores) / (n / single);
        // each Spark pass against the single-machine pass run right after it (the driver alternates them)
        double[] sparkRuns = Arrays.stream(f.get("spark").split(",")).mapToDouble(Double::parseDouble).toArray();
        double[] singleRuns = Arrays.stream(f.get("single").split(",")).mapToDouble(Double::parseDouble).toArray();
        String paired = perPass(singleRuns, sparkRuns, cores);
        // a core of the cluster against a core of this machine while both run single-machine passes (pairWall: two
        // passes of n examples, one a core, from the start of both to the end of both)
        String busy = "-";
        if (!f.getOrDefault("pairWall", "-").equals("-")) {
            String each = perPass(Arrays.stream(f.get("pairWall").split(",")).mapToDouble(Double::parseDouble)
                    .toArray(), sparkRuns, cores);
            busy = each + " (median " + String.format(Locale.ROOT, "%.2f", median(each)) + ")";
        }
        assertTrue(Double.parseDouble(f.get("maxEl2nDiff")) < 1e-5, line);
        return String.format(Locale.ROOT, "| %s | %d | %,d | %s | %s | %.3f | %,.0f | %s | %.3f | %.2f | %s (median %s) | %s | %s | %s | %s | %s |",
                local ? "local[" + workers + "]" : "cluster, " + workers + " one-core worker" + (workers == 1 ? "" : "s"), round, n, f.get("partitions"), f.get("spark"),
                spark, n / spark, f.get("single"), single, perCore, paired, String.format(Locale.ROOT, "%.2f",
                median(paired)), busy, f.get("keySeconds"), f.get("selectSeconds"),
                f.get("maxEl2nDiff"), f.getOrDefault("cached", "-"));
    }

    /** Each Spark pass's per-core rate against the reference pass timed after it: reference s / Spark s / cores. */
    private static String perPass(double[] reference, double[] spark, int cores) {
        return java.util.stream.IntStream.range(0, Math.min(spark.length, reference.length))
                .mapToObj(i -> String.format(Locale.ROOT, "%.2f", reference[i] / spark[i] / cores))
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static double median(String csv) {
        double[] v = Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
