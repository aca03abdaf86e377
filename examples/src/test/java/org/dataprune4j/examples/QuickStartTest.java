package org.dataprune4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dataprune4j.record.PruningReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class QuickStartTest {

    @Test
    void theReadmeSnippetTrainsAndKeepsTheConfiguredHalf(@TempDir Path dir) throws Exception {
        int n = 500;
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        float[][] x = new float[n][20];
        float[][] y = new float[n][4];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            for (int d = 0; d < 20; d++) {
                x[i][d] = (float) ((d % 4 == c ? 1.5 : 0) + random.nextGaussian());
            }
            y[i][c] = 1;
        }
        DataSet data = new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
        Path csv = dir.resolve("scores.csv");
        PruningReport report = QuickStart.trainWithPruning(ExampleNetworks.mlp(20, new int[] {16}, 4, 3), data, 4, csv);
        assertEquals(250, report.keptCount(), "round(0.98*500) - round(0.48*500) = 490 - 240");
        assertEquals(10, report.count(org.dataprune4j.select.Decision.PRUNED_ABOVE_RANGE));
        assertEquals(n + 1, Files.readAllLines(csv).size());
        assertTrue(report.keptScoreRange().lowerEndpoint() > 0);
    }
}
