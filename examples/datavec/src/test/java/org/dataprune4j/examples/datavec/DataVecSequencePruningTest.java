package org.dataprune4j.examples.datavec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningLedger;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.SequenceLabels;
import org.dataprune4j.eval.ClassAccuracy;
import org.dataprune4j.schedule.TrainingBudget;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ClassAdaptiveRule;
import org.datavec.api.records.reader.impl.csv.CSVSequenceRecordReader;
import org.datavec.api.split.NumberedFileInputSplit;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator;
import org.deeplearning4j.datasets.datavec.SequenceRecordReaderDataSetIterator.AlignmentMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Sequence classification the way DL4J's examples load it: one CSV file of values per sequence and one of its
 * label, read by DataVec's {@code CSVSequenceRecordReader} into a {@code SequenceRecordReaderDataSetIterator} with
 * {@code ALIGN_END} (sequences of different lengths, a label at the last step), pruned class-adaptively.
 */
class DataVecSequencePruningTest {
    private static final int CLASSES = 3;

    /** Flat, cyclic and rising series of 10 to 25 steps, in shuffled order; returns how many were written. */
    private static int write(Path dir, int[] perClass, long seed) throws IOException {
        Files.createDirectories(dir.resolve("features"));
        Files.createDirectories(dir.resolve("labels"));
        Random random = new Random(seed);
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < perClass.length; c++) {
            classes.addAll(Collections.nCopies(perClass[c], c));
        }
        Collections.shuffle(classes, random);
        for (int i = 0; i < classes.size(); i++) {
            int c = classes.get(i);
            int length = 10 + random.nextInt(16);
            StringBuilder values = new StringBuilder();
            for (int t = 0; t < length; t++) {
                double v = 0.3 * random.nextGaussian() + (c == 1 ? Math.sin(2 * Math.PI * t / 6) : c == 2 ? 0.08 * t : 0);
                values.append(String.format(java.util.Locale.ROOT, "%.4f%n", v));
            }
            Files.writeString(dir.resolve("features/" + i + ".csv"), values);
            Files.writeString(dir.resolve("labels/" + i + ".csv"), c + "\n");
        }
        return classes.size();
    }

    private static SequenceRecordReaderDataSetIterator reader(Path dir, int n, int batch) throws Exception {
        CSVSequenceRecordReader features = new CSVSequenceRecordReader();
        features.initialize(new NumberedFileInputSplit(dir + "/features/%d.csv", 0, n - 1));
        CSVSequenceRecordReader labels = new CSVSequenceRecordReader();
        labels.initialize(new NumberedFileInputSplit(dir + "/labels/%d.csv", 0, n - 1));
        return new SequenceRecordReaderDataSetIterator(features, labels, batch, CLASSES, false, AlignmentMode.ALIGN_END);
    }

    @Test
    void aCsvSequenceReaderWithAlignEndIsPrunedThroughSequenceLabels(@TempDir Path tmp) throws Exception {
        int n = write(tmp.resolve("train"), new int[] {300, 150, 50}, 1);
        int m = write(tmp.resolve("test"), new int[] {30, 30, 30}, 2);

        // as DL4J's example loads it: labels per step, refused with what to do
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> PruningIterator.builder(reader(tmp.resolve("train"), n, 16)));
        assertTrue(refused.getMessage().contains("SequenceLabels.lastStep()"), refused.getMessage());

        SequenceRecordReaderDataSetIterator source = reader(tmp.resolve("train"), n, 16);
        source.setPreProcessor(SequenceLabels.lastStep());
        // served in batches of 24 from source batches of 16, so batches of different lengths are padded together
        PruningIterator train = PruningIterator.builder(source).batchSize(24).build();
        TrainingBudget budget = TrainingBudget.of(0.5, 10).warmupEpochs(2)
                .keptBy(share -> ClassAdaptiveRule.rcap(share, CLASSES, 42));
        PruningListener pruning = PruningListener.builder(train, budget).score(ScoreKind.LOSS).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .updater(new Adam(0.02)).list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(1).nOut(12).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(12).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.addListeners(pruning);
        net.fit(train, budget.epochs());

        PruningReport report = pruning.report();
        assertArrayEquals(new int[] {300, 150, 50}, report.totalPerClass());
        assertEquals(188, report.keptCount(), "the budget's re-selections keep 0.375 of 500 (with a warm-up and"
                + " a last epoch on all data, 0.5 of the examples)");
        for (int kept : report.keptPerClass()) {
            assertTrue(kept > 0, "every class keeps examples: " + java.util.Arrays.toString(report.keptPerClass()));
        }
        PruningLedger ledger = report.ledger().orElseThrow();
        assertEquals(0.5, ledger.effectivePruningRatio(), 0.01);
        SequenceRecordReaderDataSetIterator test = reader(tmp.resolve("test"), m, 30);
        test.setPreProcessor(SequenceLabels.lastStep());
        ClassAccuracy accuracy = ClassAccuracy.of(net, test);
        assertTrue(accuracy.balanced() >= MEASURED_BALANCED_FLOOR, accuracy.toString());
    }

    /** Measured 2026-12-07: balanced accuracy 0.989 (default kernel and Haswell); the floor leaves room. */
    private static final double MEASURED_BALANCED_FLOOR = 0.9;
}
