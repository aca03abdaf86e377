package org.dataprune4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dataprune4j.embed.EmbeddingSpec;
import org.dataprune4j.extrapolate.ExtrapolationSummary;
import org.dataprune4j.extrapolate.ScoreExtrapolation;
import org.dataprune4j.extrapolate.Spearman;
import org.dataprune4j.score.ClusteringSummary;
import org.dataprune4j.score.PrototypeScorer;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.testing.TestData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Prototype scores and score extrapolation, wired through the listener, the rules and the iterator. */
class PruningListenerEmbeddingTest {
    private static final DataSet DATA = TestData.blobs(3, 40, 4, 7);

    private static <T extends Throwable> void assertMessage(Class<T> type, Executable call, String expected) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }

    /** Trains one warm-up epoch (so the network at the end is the one that was embedded) and returns the report. */
    private static PruningReport warmUp(MultiLayerNetwork net, PruningListenerBuilder builder, PruningIterator it) {
        PruningListener listener = builder.build();
        net.setListeners(listener);
        net.fit(it, 1);
        return listener.report();
    }

    @Test
    void labelFreePrototypeScoresRankTheRuleAndEqualKMeansOnTheLastHiddenLayer() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        PruningReport report = warmUp(net, PruningListener.builder(it, ScoreRangeRule.keepHardest(0.25))
                .warmupEpochs(1).score(ScoreKind.PROTOTYPE), it);

        assertEquals(30, report.keptCount());
        INDArray embeddings = EmbeddingSpec.lastHiddenLayer().embed(net, DATA, 1000);
        assertEquals(8, embeddings.columns());
        PrototypeScorer.Result expected = PrototypeScorer.labelFree(3, PruningIterator.DEFAULT_SEED).score(embeddings, report.scores().labels());
        // the report keeps scores as floats (compact state), so they agree to float precision
        assertArrayEquals(expected.scores(), report.scores().scores(ScoreKind.PROTOTYPE), 1e-6);
        ClusteringSummary clustering = report.scoringDetails().clusterings().get(0);
        assertEquals(3, clustering.clusters(), "k defaults to the number of classes");
        assertEquals(expected.summary().inertia(), clustering.inertia(), 1e-9);
        assertTrue(clustering.iterations() >= 1);
        double lowestKept = report.keptScoreRange().lowerEndpoint();
        for (var pruned : report.prunedExamples()) {
            assertTrue(pruned.score() <= lowestKept, "keep-hardest keeps the farthest from the prototypes");
        }
        net.fit(it, 1);
        assertEquals(30, it.activeCount(), "the iterator serves the prototype-ranked subset after the swap");
    }

    @Test
    void classAlignedPrototypeIsTheDistanceToTheOwnClassMean() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        PruningReport report = warmUp(net, PruningListener.builder(it, ScoreRangeRule.keepEasiest(0.5))
                .warmupEpochs(1).score(ScoreKind.PROTOTYPE_CLASS).alsoCompute(ScoreKind.PROTOTYPE)
                .prototypeClusters(2).embedding(EmbeddingSpec.trainedModelLayer(0)), it);

        double[][] x = EmbeddingSpec.trainedModelLayer(0).embed(net, DATA, 7).toDoubleMatrix();
        int[] labels = report.scores().labels();
        double[][] mean = new double[3][x[0].length];
        int[] count = new int[3];
        for (int i = 0; i < x.length; i++) {
            count[labels[i]]++;
            for (int d = 0; d < x[i].length; d++) {
                mean[labels[i]][d] += x[i][d];
            }
        }
        double[] scores = report.scores().scores(ScoreKind.PROTOTYPE_CLASS);
        for (int i = 0; i < x.length; i++) {
            double sq = 0;
            for (int d = 0; d < x[i].length; d++) {
                double diff = x[i][d] - mean[labels[i]][d] / count[labels[i]];
                sq += diff * diff;
            }
            assertEquals(Math.sqrt(sq), scores[i], 1e-4, "example " + i);
        }
        assertEquals(60, report.keptCount());
        assertEquals(List.of(ScoreKind.PROTOTYPE, ScoreKind.PROTOTYPE_CLASS),
                report.scoringDetails().clusterings().stream().map(ClusteringSummary::kind).sorted().toList());
        assertEquals(2, report.scoringDetails().clusterings().stream()
                .filter(c -> c.kind() == ScoreKind.PROTOTYPE).findFirst().orElseThrow().clusters());
    }

    @Test
    void aPretrainedNetworkEmbedsAndAPlantedFarExampleScoresHighestByClassAlignedDistance() {
        // Label-free k-means gives an isolated point a centroid of its own (distance 0), so the planted example is
        // checked with the class-aligned score, whose one centroid per class is the class mean.
        DataSet data = DATA.copy();
        data.getFeatures().getRow(17).addi(40.0);
        data.getFeatures().putScalar(17, 0, 17 / 1000.0);
        MultiLayerNetwork pretrained = TestData.mlp(5, 16, 3, 99);
        PruningIterator it = PruningIterator.builder(data, 16).build();
        PruningReport report = warmUp(TestData.mlp(5, 8, 3, 1), PruningListener.builder(it,
                ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).score(ScoreKind.PROTOTYPE_CLASS).outliers(1)
                .alsoCompute(ScoreKind.PROTOTYPE).embedding(EmbeddingSpec.pretrained(pretrained, 0)), it);
        assertEquals(17, report.outliers().get(0).id());
        assertEquals(0.0, report.scores().score(ScoreKind.PROTOTYPE, 17), 1e-6,
                "the planted point is a label-free cluster of its own");
        assertEquals(16, report.scoringDetails().clusterings().get(0).dimensions());
    }

    @Test
    void anExtrapolatedScoreKeepsTheComputedValuesOfItsSubsetAndReportsItsQuality(@TempDir Path dir)
            throws Exception {
        PruningIterator fullIt = PruningIterator.builder(DATA, 16).build();
        PruningReport full = warmUp(TestData.mlp(5, 8, 3, 1), PruningListener.builder(fullIt,
                ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1), fullIt);

        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        Path csv = dir.resolve("scores.csv");
        ScoreExtrapolation setting = ScoreExtrapolation.of(ScoreKind.EL2N, 0.5).withNeighbours(5);
        PruningReport report = warmUp(TestData.mlp(5, 8, 3, 1), PruningListener.builder(it,
                ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).extrapolate(setting).scoresCsv(csv), it);

        ExtrapolationSummary summary = report.scoringDetails().extrapolation().orElseThrow();
        assertEquals(60, summary.scored());
        assertEquals(12, summary.heldOut());
        assertFalse(summary.scoredByExtraPasses());
        assertTrue(summary.holdoutSpearman() > 0.6, summary::describe);
        double[] exact = full.scores().scores(ScoreKind.EL2N);
        double[] extrapolated = report.scores().scores(ScoreKind.EL2N);
        int computed = 0;
        for (int id : setting.scoredIds(120)) {
            assertEquals(exact[id], extrapolated[id], 0.0, "a scored example keeps its computed score");
            assertFalse(report.scoringDetails().isPredicted(id));
            computed++;
        }
        assertEquals(60, computed);
        // Measured 0.880 against the full score and 0.965 on the hold-out (data seed 7, network seed 1).
        double rho = Spearman.correlation(exact, extrapolated);
        assertTrue(rho > 0.75, "Spearman against the full EL2N: " + rho);
        assertEquals(60, Files.readAllLines(csv).stream().filter(l -> l.contains(",true,") && l.split(",")[13]
                .equals("true")).count(), "60 rows are marked as predicted");
        assertEquals(60, report.keptCount());
    }

    @Test
    void extrapolatingGrandRunsItsFreshInitialisationPassesOnTheSubsetOnly() {
        PruningIterator fullIt = PruningIterator.builder(DATA, 16).build();
        PruningReport full = warmUp(TestData.mlp(5, 8, 3, 1), PruningListener.builder(fullIt,
                ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).alsoCompute(ScoreKind.GRAND).grandInitialisations(2),
                fullIt);
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        ScoreExtrapolation setting = ScoreExtrapolation.of(ScoreKind.GRAND, 0.25).withNeighbours(3);
        PruningReport report = warmUp(TestData.mlp(5, 8, 3, 1), PruningListener.builder(it,
                ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1).score(ScoreKind.GRAND).grandInitialisations(2)
                .extrapolate(setting), it);
        ExtrapolationSummary summary = report.scoringDetails().extrapolation().orElseThrow();
        assertTrue(summary.scoredByExtraPasses());
        assertEquals(summary.scoringSeconds() * 4, summary.fullScoringSecondsEstimate(), 1e-9);
        double[] exact = full.scores().scores(ScoreKind.GRAND);
        double[] extrapolated = report.scores().scores(ScoreKind.GRAND);
        for (int id : setting.scoredIds(120)) {
            assertEquals(exact[id], extrapolated[id], 1e-9, "the subset pass computes the same GraNd");
        }
        assertEquals(60, report.keptCount());
    }

    @Test
    void badSettingsFailWithTheReason() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        assertMessage(IllegalArgumentException.class, () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .prototypeClusters(0), "prototypeClusters (k) must be at least 1, got 0");
        assertMessage(IllegalArgumentException.class, () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .score(ScoreKind.PROTOTYPE).prototypeClusters(500).build(),
                "k=500 prototype clusters need at least 500 examples, but the iterator has 120");
        assertMessage(IllegalArgumentException.class, () -> ScoreExtrapolation.of(ScoreKind.GRAND, 0.0),
                "the scored subset can be neither empty nor larger than the data");
        assertMessage(IllegalArgumentException.class, () -> ScoreExtrapolation.of(ScoreKind.GRAND, 1.5),
                "the scored subset can be neither empty nor larger than the data; got 1.5");
        assertMessage(IllegalArgumentException.class, () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .extrapolate(ScoreExtrapolation.of(ScoreKind.GRAND, 0.001)).build(), "the scored subset is empty");
        assertMessage(IllegalArgumentException.class, () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .extrapolate(ScoreExtrapolation.of(ScoreKind.GRAND, 0.05)).build(),
                "a hold-out of 0.2 of 6 scored examples is 1; the rank correlation needs at least 2");
        assertMessage(IllegalArgumentException.class, () -> PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                .extrapolate(ScoreExtrapolation.of(ScoreKind.GRAND, 0.05).withHoldout(0)).build(),
                "6 scored examples (0 held out) are fewer than the 10 neighbours");
        assertMessage(IllegalArgumentException.class, () -> ScoreExtrapolation.of(ScoreKind.PROTOTYPE, 0.1),
                "extrapolate EL2N, GraNd or forgetting instead");
        assertMessage(IllegalArgumentException.class, () -> EmbeddingSpec.pretrained(TestData.mlp(5, 8, 3, 1), 2),
                "Embedding layer index 2 does not exist: the pretrained network has 2 layers, indices 0 to 1");
        assertMessage(IllegalArgumentException.class, () -> EmbeddingSpec.trainedModelLayer(-1),
                "the embedding layer index must be >= 0");
    }

    @Test
    void aMissingLayerOfTheTrainedModelFailsAtTheFirstBatchNotAfterWarmUp() {
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener listener = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(3)
                .score(ScoreKind.PROTOTYPE).embedding(EmbeddingSpec.trainedModelLayer(5)).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener);
        assertMessage(IllegalArgumentException.class, () -> net.fit(it, 3),
                "Embedding layer index 5 does not exist: the trained network has 2 layers");
        assertEquals(0, listener.epochsSeen());
    }

    @Test
    void nanEmbeddingsAreRejectedWithTheReason() {
        MultiLayerNetwork broken = TestData.mlp(5, 8, 3, 99);
        broken.params().assign(Double.NaN);
        PruningIterator it = PruningIterator.builder(DATA, 16).build();
        PruningListener listener = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5)).warmupEpochs(1)
                .score(ScoreKind.PROTOTYPE).embedding(EmbeddingSpec.pretrained(broken, 0)).build();
        MultiLayerNetwork net = TestData.mlp(5, 8, 3, 1);
        net.setListeners(listener);
        assertMessage(IllegalArgumentException.class, () -> net.fit(it, 1), "embeddings must be finite");
    }
}
