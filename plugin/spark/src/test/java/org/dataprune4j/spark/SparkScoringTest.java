package org.dataprune4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.dataprune4j.Outlier;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.score.ForgettingScorer;
import org.dataprune4j.score.ScoreInput;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoredBatch;
import org.dataprune4j.select.ClassBalancedRule;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.Selection;
import org.dataprune4j.select.SelectionAgreement;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores and selections on Spark (local[2], several partitions) against the single-machine listener and rules, for
 * the same model and data: example by example, and the same kept set.
 */
class SparkScoringTest {
    private static final Logger LOG = LoggerFactory.getLogger("agreement");
    private static final int CLASSES = 4;
    private static final int DIMS = 10;
    private static final DataSet DATA = SparkTestData.blobs(CLASSES, 150, DIMS, 3);
    private static final List<SelectionRule> RULES = List.of(ScoreRangeRule.keepHardest(0.4),
            ScoreRangeRule.keepEasiest(0.3), ScoreRangeRule.quantiles(0.2, 0.9),
            ClassBalancedRule.of(ScoreRangeRule.keepHardest(0.4)), ClassBalancedRule.of(ScoreRangeRule.quantiles(0.1,
                    0.75)));

    private static JavaSparkContext sc;
    private static JavaPairRDD<Long, ExampleRecord> examples;

    @BeforeAll
    static void startSpark() {
        sc = SparkTestData.localSpark();
        examples = ExampleIds.of(sc.parallelize(DATA.asList(), 5));
    }

    @AfterAll
    static void stopSpark() {
        sc.stop();
    }

    /** The listener's report after 2 warm-up epochs with EL2N from the end-of-warm-up pass (the model is the swap's). */
    private static PruningReport warmUp(Model model, SelectionRule rule) {
        PruningIterator it = PruningIterator.builder(DATA, 32).seed(42).build();
        PruningListener pruning = PruningListener.builder(it, rule).warmupEpochs(2)
                .el2nInput(ScoreInput.END_OF_WARMUP_PASS).build();
        if (model instanceof MultiLayerNetwork net) {
            net.addListeners(pruning);
            net.fit(it, 2);
        } else {
            ((ComputationGraph) model).addListeners(pruning);
            ((ComputationGraph) model).fit(it, 2);
        }
        return pruning.report();
    }

    private static void assertSameScoresAndKeptSets(Model model) {
        PruningReport report = warmUp(model, RULES.get(0));
        SparkScores scores = SparkScoring.builder().batchSize(64).build().score(model, examples);
        assertEquals(DATA.numExamples(), scores.count());
        Map<Long, Double> el2n = scores.scores(ScoreKind.EL2N).collectAsMap();
        double[] single = report.scores().scores(ScoreKind.EL2N);
        assertEquals(single.length, el2n.size());
        // the listener's own kept set, then every rule against the single-machine rule on the listener's scores (the
        // agreement also checks every example's two EL2N scores, to a relative FLOAT32_TOLERANCE)
        assertAgrees(report.selection(), single, SparkSelection.select(RULES.get(0), scores, ScoreKind.EL2N), scores,
                ScoreKind.EL2N);
        int[] labels = report.scores().labels();
        for (SelectionRule rule : RULES) {
            assertAgrees(rule.select(single, labels), single, SparkSelection.select(rule, scores, ScoreKind.EL2N),
                    scores, ScoreKind.EL2N);
        }
        // the loss, against the single-machine computation on the same outputs
        INDArray output = model instanceof MultiLayerNetwork net ? net.output(DATA.getFeatures(), false)
                : ((ComputationGraph) model).output(false, DATA.getFeatures())[0];
        ScoredBatch batch = ScoredBatch.ofOutputs(ids(DATA.numExamples()), output, DATA.getLabels());
        Map<Long, Double> loss = scores.scores(ScoreKind.LOSS).collectAsMap();
        for (int id = 0; id < single.length; id++) {
            float expected = (float) batch.crossEntropy(id); // one batch here, batches of 64 on Spark: relative 1e-6
            assertEquals(expected, loss.get((long) id), SelectionAgreement.FLOAT32_TOLERANCE * Math.max(1, expected),
                    "loss of " + id);
        }
        scores.unpersist();
    }

    /**
     * The Spark selection agrees with the single-machine one made from {@code expectedScores}: Spark scores in other
     * batches, so its float32 scores may differ in the last bits and a boundary tie within
     * {@link SelectionAgreement#FLOAT32_TOLERANCE} may go the other way; any other difference fails.
     */
    private static void assertAgrees(Selection expected, double[] expectedScores, SparkSelection actual,
            SparkScores sparkScores, ScoreKind kind) {
        int n = expected.size();
        Selection spark = SparkTestData.selection(actual.decisions().collectAsMap(), n, actual.rule());
        double[] scores = SparkTestData.byId(sparkScores.scores(kind).collectAsMap(), n);
        SelectionAgreement agreement = SelectionAgreement.of(expected, expectedScores, spark, scores,
                SelectionAgreement.FLOAT32_TOLERANCE);
        LOG.info("{} against one machine: {}", actual.rule(), agreement);
        assertTrue(agreement.agrees(), actual.rule() + ": " + agreement);
        assertEquals(expected.keptCount(), actual.keptCount(), actual.rule());
    }

    private static int[] ids(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    @Test
    void aSigmoidOutputIsRefusedOnSpark() {
        MultiLayerNetwork binary = new MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(1).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(DIMS).nOut(8).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.XENT).nIn(8).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build())
                .build());
        binary.init();
        JavaPairRDD<Long, ExampleRecord> twoClasses = ExampleIds.of(sc.parallelize(
                SparkTestData.blobs(2, 10, DIMS, 3).asList(), 2));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SparkScoring.builder().build().score(binary, twoClasses));
        assertTrue(e.getMessage().contains("one sigmoid output (a binary classifier); scoring on Spark takes a"
                + " softmax output"), e.getMessage());
    }

    @Test
    void networkScoresAndKeptSetsEqualTheSingleMachineListeners() {
        assertSameScoresAndKeptSets(SparkTestData.mlp(DIMS, CLASSES, 11));
    }

    @Test
    void graphScoresAndKeptSetsEqualTheSingleMachineListeners() {
        assertSameScoresAndKeptSets(SparkTestData.mlpGraph(DIMS, CLASSES, 11));
    }

    @Test
    void forgettingOverPassesEqualsTheSingleMachineScorerAndItsHeavyTiesSelectAlike() {
        // three models along one training run; after each, one pass on Spark and one local pass into the scorer
        MultiLayerNetwork net = SparkTestData.mlp(DIMS, CLASSES, 5);
        SparkScoring scoring = SparkScoring.builder().batchSize(50).trackForgetting(true).build();
        ForgettingScorer local = new ForgettingScorer(DATA.numExamples());
        SparkScores scores = null;
        double closest = Double.POSITIVE_INFINITY;
        for (int pass = 0; pass < 3; pass++) {
            net.fit(DATA);
            scores = scoring.score(net, examples, scores);
            INDArray output = net.output(DATA.getFeatures(), false);
            local.observe(ScoredBatch.ofOutputs(ids(DATA.numExamples()), output, DATA.getLabels()));
            closest = Math.min(closest, closestTopTwo(output));
        }
        // Forgetting counts changes of the argmax, so they compare exactly across batch compositions only while no
        // prediction is a near-tie that a last-bit difference could flip: the fixture has none (measured 2.6e-4)
        assertTrue(closest > 1e-5, "a near-tie in the predictions (top two " + closest + " apart) could flip on"
                + " another BLAS kernel; choose another seed for this fixture");
        double[] expected = local.scores();
        Map<Long, Double> forgetting = scores.scores(ScoreKind.FORGETTING).collectAsMap();
        for (int id = 0; id < expected.length; id++) {
            assertEquals(expected[id], forgetting.get((long) id), 0.0, "forgetting of " + id);
        }
        double tied = org.dataprune4j.select.Ties.share(expected);
        assertTrue(tied > 0.9, "the test needs heavy ties; " + tied + " of the scores tie");
        int[] labels = labels();
        for (SelectionRule rule : RULES) {
            assertAgrees(rule.select(expected, labels), expected, SparkSelection.select(rule, scores,
                    ScoreKind.FORGETTING), scores, ScoreKind.FORGETTING);
        }
    }

    /** The smallest gap between the two largest probabilities of any example. */
    private static double closestTopTwo(INDArray output) {
        double closest = Double.POSITIVE_INFINITY;
        for (float[] p : output.toFloatMatrix()) {
            float[] sorted = p.clone();
            java.util.Arrays.sort(sorted);
            closest = Math.min(closest, sorted[sorted.length - 1] - sorted[sorted.length - 2]);
        }
        return closest;
    }

    private static int[] labels() {
        int[] labels = new int[DATA.numExamples()];
        INDArray y = DATA.getLabels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.getRow(i).argMax().getInt(0);
        }
        return labels;
    }

    @Test
    void idsSurviveRepartitioningAndEveryExampleIsAccountedFor() {
        MultiLayerNetwork net = SparkTestData.mlp(DIMS, CLASSES, 9);
        net.fit(DATA);
        SparkScoring scoring = SparkScoring.builder().build();
        SparkScores before = scoring.score(net, examples);
        JavaPairRDD<Long, ExampleRecord> shuffled = examples.repartition(3).persist(
                org.apache.spark.storage.StorageLevel.MEMORY_ONLY());
        SparkScores after = scoring.score(net, shuffled);
        // other partitions make other batches: the same scores and decisions up to FLOAT32_TOLERANCE (boundary swaps)
        int n = DATA.numExamples();
        SelectionRule rule = ClassBalancedRule.of(ScoreRangeRule.quantiles(0.1, 0.6));
        SparkSelection a = SparkSelection.select(rule, before, ScoreKind.EL2N);
        SparkSelection b = SparkSelection.select(rule, after, ScoreKind.EL2N);
        SelectionAgreement agreement = SelectionAgreement.of(
                SparkTestData.selection(a.decisions().collectAsMap(), n, a.rule()),
                SparkTestData.byId(before.scores(ScoreKind.EL2N).collectAsMap(), n),
                SparkTestData.selection(b.decisions().collectAsMap(), n, b.rule()),
                SparkTestData.byId(after.scores(ScoreKind.EL2N).collectAsMap(), n),
                SelectionAgreement.FLOAT32_TOLERANCE);
        LOG.info("repartition(3) against 5 partitions: {}", agreement);
        assertTrue(agreement.agrees(), agreement.toString());
        assertEquals(a.keptCount(), b.keptCount());
        // counts add up: per class and decision, and the kept RDD holds exactly the kept examples
        long total = 0;
        for (Map<Decision, Long> perClass : b.countsByClass().values()) {
            total += perClass.values().stream().mapToLong(Long::longValue).sum();
        }
        assertEquals(DATA.numExamples(), total);
        assertEquals(DATA.numExamples(), b.size());
        List<Long> keptIds = new ArrayList<>(b.kept(shuffled).keys().collect());
        assertEquals(b.keptCount(), keptIds.size());
        Map<Long, Decision> decisions = b.decisions().collectAsMap();
        assertEquals(b.keptCount(), decisions.values().stream().filter(Decision::isKept).count());
        for (long id : keptIds) {
            assertEquals(Decision.KEPT, decisions.get(id));
        }
        // 60% of each class of 150 (labels were flipped for a few, so per class round(0.6 n) - round(0.1 n))
        assertTrue(b.keptCount() >= 290 && b.keptCount() <= 310, "kept " + b.keptCount());
        // the scores belong to the keyed RDD they came from: forgetting cannot continue on a repartitioned one
        SparkScoring forgetting = SparkScoring.builder().trackForgetting(true).build();
        SparkScores first = forgetting.score(net, examples);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> forgetting.score(net, shuffled, first));
        assertTrue(e.getMessage().contains("score the same persisted keyed RDD every epoch"), e.getMessage());
        JavaPairRDD<Long, ExampleRecord> reshuffled = examples.repartition(5);
        SparkException late = assertThrows(SparkException.class, () -> forgetting.score(net, reshuffled, first));
        assertTrue(late.getMessage().contains("score the same persisted keyed RDD every epoch"), late.getMessage());
        shuffled.unpersist();
    }

    @Test
    void outliersAndTheScoresFileComeFromTheExecutors(@TempDir Path dir) throws IOException {
        MultiLayerNetwork net = SparkTestData.mlp(DIMS, CLASSES, 13);
        net.fit(DATA);
        SparkScores scores = SparkScoring.builder().build().score(net, examples);
        SparkSelection selection = SparkSelection.select(ScoreRangeRule.quantiles(0.3, 0.95), scores,
                ScoreKind.EL2N);
        List<Outlier> top = selection.outliers(10);
        Map<Long, Double> el2n = scores.scores(ScoreKind.EL2N).collectAsMap();
        double tenth = el2n.values().stream().sorted((x, y) -> Double.compare(y, x)).skip(9).findFirst().orElseThrow();
        assertEquals(10, top.size());
        for (int i = 0; i < top.size(); i++) {
            Outlier o = top.get(i);
            assertEquals(el2n.get((long) o.id()), o.score(), 0.0);
            assertTrue(o.score() >= tenth);
            assertTrue(i == 0 || top.get(i - 1).score() >= o.score());
            assertTrue(!o.kept(), "the top 5% are above the range");
        }
        Path out = dir.resolve("scores");
        selection.writeScores(out.toUri().toString());
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        long headers = lines.stream().filter(l -> l.startsWith("id,")).count();
        assertEquals(examples.getNumPartitions(), headers);
        assertEquals(DATA.numExamples(), lines.size() - headers);
        assertEquals(selection.keptCount(), lines.stream().filter(l -> l.contains(",KEPT,")).count());
    }

    @Test
    void badInputIsRejectedWithWhatToDo() {
        MultiLayerNetwork net = SparkTestData.mlp(DIMS, CLASSES, 1);
        SparkScores scores = SparkScoring.builder().build().score(net, examples);
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> SparkSelection.select(RandomRule.keep(0.5), scores, ScoreKind.EL2N));
        assertTrue(rule.getMessage().contains("ScoreRangeRule"), rule.getMessage());
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> SparkSelection.select(ScoreRangeRule.keepHardest(0.5), scores, ScoreKind.FORGETTING));
        assertTrue(kind.getMessage().contains("trackForgetting(true)"), kind.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> SparkSelection.select(ClassBalancedRule.of(ScoreRangeRule.quantiles(0.5, 0.502)), scores,
                        ScoreKind.EL2N));
        assertTrue(empty.getMessage().startsWith("In class 0"), empty.getMessage());
        // an example whose features differ in shape from the first: the job fails naming its id
        List<ExampleRecord> mixed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            mixed.add(ExampleRecord.of(new float[DIMS], i % CLASSES, CLASSES));
        }
        mixed.set(13, ExampleRecord.of(new float[DIMS + 1], 1, CLASSES));
        JavaPairRDD<Long, ExampleRecord> mixedExamples = ExampleIds.ofRecords(sc.parallelize(mixed, 2));
        SparkException shape = assertThrows(SparkException.class,
                () -> SparkScoring.builder().build().score(net, mixedExamples));
        assertTrue(shape.getMessage().contains("Example 13 (ExampleRecord[class 1 of " + CLASSES + ", features ["
                + (DIMS + 1) + "] float]) does not match the first example"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkScoring.builder().batchSize(0));
        JavaPairRDD<Long, ExampleRecord> none = ExampleIds.of(sc.parallelize(new ArrayList<DataSet>(), 2));
        IllegalArgumentException empty2 = assertThrows(IllegalArgumentException.class,
                () -> SparkScoring.builder().build().score(net, none));
        assertTrue(empty2.getMessage().contains("holds no examples"), empty2.getMessage());
        // labels that are not one-hot, deep inside a partition: the keying job fails naming its place
        List<DataSet> bad = new ArrayList<>(DATA.asList());
        DataSet copy = new DataSet(bad.get(437).getFeatures().dup(), bad.get(437).getLabels().dup());
        copy.getLabels().putScalar(0, 0, 0.5);
        bad.set(437, copy);
        // found when the examples are keyed, on the executors: example 437 is the 38th of the third partition (200 a partition)
        SparkException notOneHot = assertThrows(SparkException.class, () -> ExampleIds.of(sc.parallelize(bad, 3)));
        assertTrue(notOneHot.getMessage().contains("DataSet 37 of partition 2 has labels [0.5, "),
                notOneHot.getMessage());
    }
}
