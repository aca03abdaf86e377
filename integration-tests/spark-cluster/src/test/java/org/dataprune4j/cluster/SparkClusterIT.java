package org.dataprune4j.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark module on a real standalone cluster: a Master and two one-core Workers on 127.0.0.1, started from Spark's
 * own jars (Guava 16.0.1 among them) as a Spark distribution starts them, and the driver sent with spark-submit, Spark's
 * jars first on the driver's and the executors' classpaths and the application's jars shipped with {@code --jars}.
 * The same job runs in local[2] for the reference. One Worker is killed (SIGKILL, with its executor) when the first
 * task of the scoring pass has finished; Spark recomputes what it held from the deterministic source, and the kept
 * set must be local mode's.
 */
class SparkClusterIT {
    private static final int EXAMPLES = 2_048;
    private static final int PARTITIONS = 64;
    private static final double ACCURACY_FLOOR = 0.90; // measured 2026-12-05: 0.9614 on both runs
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        cluster = LocalCluster.start(Path.of(System.getProperty("cluster.dir")), 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void onTheClusterTheKeptSetIsLocalModesEvenWithAWorkerKilledMidPass() throws Exception {
        Path local = cluster.submit("local[2]", "local", EXAMPLES, PARTITIONS, 0);
        Path onCluster = cluster.submit(cluster.masterUrl(), "cluster", EXAMPLES, PARTITIONS,
                cluster.workerPid(1));

        for (String guava : read(onCluster.resolve("guava.txt"))) {
            assertTrue(guava.endsWith("guava-16.0.1.jar"), "Spark's Guava first, as on a real cluster: " + guava);
        }
        String kill = read(onCluster.resolve("kill.txt")).get(0);
        Map<String, String> k = fields(kill);
        assertEquals("JobSucceeded", k.get("result"), kill);
        assertTrue(Integer.parseInt(k.get("doneAtKill")) < Integer.parseInt(k.get("tasks")),
                "the Worker was killed before the scoring pass ended: " + kill);
        assertTrue(Integer.parseInt(k.get("executorsRemoved")) >= 1, "Spark saw the executor go: " + kill);

        Set<String> keptLocal = new HashSet<>(read(local.resolve("kept.txt")));
        Set<String> keptCluster = new HashSet<>(read(onCluster.resolve("kept.txt")));
        assertEquals(EXAMPLES / 2, keptLocal.size());
        assertEquals(EXAMPLES / 2, keptCluster.size());
        // the same model scores the same partitions in the same batches on both, but another process may run
        // another BLAS kernel: scores agree to a tolerance, and a tie at a boundary of the range could move
        Set<String> differ = new HashSet<>(keptLocal);
        differ.removeAll(keptCluster);
        assertTrue(differ.size() <= 2, differ.size() + " kept examples differ: " + differ);
        Map<String, Double> el2nLocal = scores(local.resolve("el2n.csv"));
        Map<String, Double> el2nCluster = scores(onCluster.resolve("el2n.csv"));
        assertEquals(EXAMPLES, el2nLocal.size());
        assertEquals(el2nLocal.keySet(), el2nCluster.keySet(), "every id scored once, on both");
        for (Map.Entry<String, Double> e : el2nLocal.entrySet()) {
            assertEquals(e.getValue(), el2nCluster.get(e.getKey()), 1e-5, "EL2N of example " + e.getKey());
        }

        // the trainer: the same plan on both; dl4j-spark's parameter averaging differs between runs (the order in
        // which workers' results arrive), so the accuracy is held to a floor
        List<String> trainerLocal = read(local.resolve("trainer.txt"));
        List<String> trainerCluster = read(onCluster.resolve("trainer.txt"));
        assertEquals(trainerLocal.subList(0, 2), trainerCluster.subList(0, 2), "examples per epoch, kept counts");
        assertEquals("[2048, 2048, 1024]", trainerCluster.get(0));
        for (List<String> t : List.of(trainerLocal, trainerCluster)) {
            assertTrue(Double.parseDouble(t.get(2)) >= ACCURACY_FLOOR, "training accuracy " + t);
        }

        String refusal = read(onCluster.resolve("export-refused.txt")).get(0);
        assertTrue(refusal.contains(".rddTrainingApproach(RDDTrainingApproach.Direct)"), refusal);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> out = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\\S+)").matcher(line);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static Map<String, Double> scores(Path csv) throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (String line : read(csv)) {
            String[] f = line.split(",");
            out.put(f[0], Double.parseDouble(f[1]));
        }
        return out;
    }

    private static List<String> read(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
