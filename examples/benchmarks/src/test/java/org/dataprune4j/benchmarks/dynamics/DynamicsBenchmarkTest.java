package org.dataprune4j.benchmarks.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicsBenchmarkTest {

    @Test
    void aTinyRunWritesEveryTableCountsTheScoringRunsAndResumes(@TempDir Path dir) throws Exception {
        String[] args = {"dataset=tiny", "seeds=1", "scoringEpochs=4", "window=3", "fractions=0.1,0.2", "kept=0.5",
            "epochs=3", "gcnEpochs=20", "pruneFraction=0.2", "out=" + dir};
        DynamicsBenchmark.main(args);
        List<String> spearman = Files.readAllLines(dir.resolve("spearman.csv"));
        assertEquals(1 + 2 * 2 * 3, spearman.size(), "2 fractions x 2 extrapolations x 3 scores");
        List<String> runs = Files.readAllLines(dir.resolve("runs.csv"));
        assertEquals(1 + 4 + 5 + 2 * 3, runs.size(), "full, fewer, RS2, random, 5 full scores, 2 x 3 extrapolated");
        for (String line : runs.subList(1, runs.size())) {
            List<String> f = DynamicsReport.fields(line);
            long examples = Long.parseLong(f.get(5));
            String method = f.get(2);
            if (method.endsWith(", full") && !method.startsWith("el2n")) {
                assertEquals(400 * 3 + 800 * 4, examples, method + ": 3 epochs of half the data + the 4-epoch run");
            } else if (method.contains("knn 20%")) {
                assertEquals(400 * 3 + 160 * 4, examples, method + ": + the subset run, 160 examples x 4 epochs");
            }
        }
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| tdds | 20% | gcn |") && report.contains("### kept 0.5"), report);
        DynamicsBenchmark.main(args);
        assertEquals(runs, Files.readAllLines(dir.resolve("runs.csv")), "a second start trains nothing again");
    }
}
