package org.dataprune4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** The README's Spark snippets run as written. */
class SparkQuickStartTest {
    private static final DataSet DATA = SparkTestData.blobs(3, 100, 6, 8);
    private static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = SparkTestData.localSpark();
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    @Test
    void theInLoopSnippetTrainsTheKeptHalfAndWritesTheScores(@TempDir Path dir) throws Exception {
        SparkPruningTrainer.Outcome outcome = SparkQuickStart.trainWithPruning(sc, SparkTestData.mlp(6, 3, 2),
                sc.parallelize(DATA.batchBy(30), 3), 4,
                dir.resolve("scores").toUri().toString());
        // keeps ranks round(0.48 * 300) = 144 to round(0.98 * 300) = 294: 150 examples
        assertEquals(List.of(300, 300, 150, 150), outcome.ledger().examplesPerEpoch());
        assertEquals(3, Files.list(dir.resolve("scores")).filter(p -> p.getFileName().toString().startsWith("part-"))
                .count());
    }

    @Test
    void theScoringSnippetKeepsHalfOfEveryClass() {
        MultiLayerNetwork net = SparkTestData.mlp(6, 3, 2);
        net.fit(DATA);
        JavaPairRDD<Long, ExampleRecord> examples = ExampleIds.of(sc.parallelize(DATA.asList(), 4));
        JavaPairRDD<Long, ExampleRecord> kept = SparkQuickStart.scoreAndSelect(net, examples);
        long total = 0;
        for (int c = 0; c < 3; c++) {
            int cls = c;
            long inClass = examples.filter(t -> t._2().label() == cls).count();
            long keptInClass = kept.filter(t -> t._2().label() == cls).count();
            assertEquals(Math.round(inClass - Math.round(0.5 * inClass)), keptInClass, "class " + c);
            total += keptInClass;
        }
        assertEquals(kept.count(), total);
    }
}
