package org.dataprune4j.extrapolate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.dataprune4j.score.ScoreKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScoreExtrapolationTest {

    @Test
    void theScoredSubsetIsSeededSortedAndOfTheRequestedSize() {
        ScoreExtrapolation setting = ScoreExtrapolation.of(ScoreKind.GRAND, 0.1);
        int[] ids = setting.scoredIds(1000);
        assertEquals(100, ids.length);
        assertArrayEquals(ids, setting.scoredIds(1000), "same seed, same subset");
        assertEquals(100, Arrays.stream(ids).distinct().count());
        for (int i = 1; i < ids.length; i++) {
            assertTrue(ids[i] > ids[i - 1]);
        }
        assertTrue(!Arrays.equals(ids, setting.withSeed(2).scoredIds(1000)), "another seed, another subset");
    }

    @Test
    void aSmoothScoreIsPredictedWellAndTheCostIsAccounted() {
        // Score = distance of a 2-d point from the origin: nearest neighbours predict it closely.
        int n = 2000;
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[n][2];
        double[] truth = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble() * 2 - 1;
            x[i][1] = random.nextDouble() * 2 - 1;
            truth[i] = Math.hypot(x[i][0], x[i][1]);
        }
        INDArray embeddings = Nd4j.create(x);
        ScoreExtrapolation setting = ScoreExtrapolation.of(ScoreKind.GRAND, 0.2);
        int[] ids = setting.scoredIds(n);
        double[] values = Arrays.stream(ids).mapToDouble(id -> truth[id]).toArray();
        ScoreExtrapolation.Outcome outcome = setting.extrapolate(embeddings, ids, values, 2.0, 0.5, true);
        ExtrapolationSummary s = outcome.summary();
        assertEquals(400, s.scored());
        assertEquals(80, s.heldOut());
        assertTrue(s.holdoutSpearman() > 0.97, s::describe);
        assertTrue(Spearman.correlation(truth, outcome.scores()) > 0.98);
        assertEquals(10.0, s.fullScoringSecondsEstimate(), 1e-12, "2 s for a fifth: 10 s for all");
        assertEquals(10.0 - 2.0 - 0.5 - s.searchSeconds(), s.secondsSaved(), 1e-12);
        for (int j = 0; j < ids.length; j++) {
            assertEquals(values[j], outcome.scores()[ids[j]], 0.0);
        }
    }
}
