package org.dataprune4j.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class PrototypeScorerTest {
    //   id:    0       1       2       3       4
    //   x:   (0,0)   (2,0)   (10,0)  (10,2)  (10,4)
    //   label: 0       0       1       1       1
    private static final double[][] X = {{0, 0}, {2, 0}, {10, 0}, {10, 2}, {10, 4}};
    private static final int[] LABELS = {0, 0, 1, 1, 1};

    @Test
    void classAlignedIsTheDistanceToTheOwnClassMean() {
        PrototypeScorer.Result r = PrototypeScorer.classAligned(1, 1).score(Nd4j.create(X), LABELS);
        // class 0 mean (1, 0); class 1 mean (10, 2)
        assertArrayEquals(new double[] {1, 1, 2, 0, 2}, r.scores(), 1e-9);
        assertEquals(ScoreKind.PROTOTYPE_CLASS, r.summary().kind());
        assertEquals(2, r.summary().clusters());
        assertEquals(1 + 1 + 4 + 0 + 4, r.summary().inertia(), 1e-9);
    }

    @Test
    void labelFreeWithTwoClustersFindsTheSameTwoGroupsWithoutLabels() {
        PrototypeScorer.Result r = PrototypeScorer.labelFree(2, 1).score(Nd4j.create(X), new int[5]);
        assertArrayEquals(new double[] {1, 1, 2, 0, 2}, r.scores(), 1e-9);
        assertEquals(ScoreKind.PROTOTYPE, r.summary().kind());
    }

    @Test
    void tooManyClustersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrototypeScorer.classAligned(3, 1).score(Nd4j.create(X), LABELS));
        assertTrue(e.getMessage().contains("class 0 has 2 examples, fewer than clustersPerClass=3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PrototypeScorer.labelFree(6, 1).score(Nd4j.create(X), LABELS));
        assertTrue(e.getMessage().contains("k=6 prototype clusters need at least 6 examples, got 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PrototypeScorer.labelFree(0, 1));
        assertTrue(e.getMessage().contains("must be at least 1, got 0"), e.getMessage());
    }
}
