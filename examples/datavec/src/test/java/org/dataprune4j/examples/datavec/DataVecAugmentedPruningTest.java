package org.dataprune4j.examples.datavec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.examples.ResidualCnn;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** The DataVec route of issue 27 on generated PNG files: an ImageRecordReader that augments, pruned by position. */
class DataVecAugmentedPruningTest {

    /** 160 images of 28x28 in 4 classes: a bright 8x8 square in the class's quadrant, on noise. */
    private static LabelledImages squares() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 160;
        byte[][] pixels = new byte[n][28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            labels[i] = c;
            int top = c < 2 ? 4 : 16;
            int left = c % 2 == 0 ? 4 : 16;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean in = y >= top && y < top + 8 && x >= left && x < left + 8;
                    pixels[i][y * 28 + x] = (byte) (in ? 200 + random.nextInt(56) : random.nextInt(60));
                }
            }
        }
        return new LabelledImages(pixels, labels, 4);
    }

    private static List<DataSet> pass(DataSetIterator it) {
        it.reset();
        List<DataSet> batches = new ArrayList<>();
        while (it.hasNext()) {
            batches.add(it.next());
        }
        return batches;
    }

    @Test
    void theReaderAugmentsEveryEpochAndPruningGoesOnByPosition(@TempDir Path tmp) {
        Path dir = ImageFolders.write(squares(), tmp.resolve("png"));
        DataSetIterator source = DataVecAugmentedPruning.augmentedSource(dir, 4, 7);

        List<DataSet> first = pass(source);
        List<DataSet> second = pass(source);
        INDArray labels1 = Nd4j.concat(0, first.stream().map(DataSet::getLabels).toArray(INDArray[]::new));
        INDArray labels2 = Nd4j.concat(0, second.stream().map(DataSet::getLabels).toArray(INDArray[]::new));
        assertArrayEquals(labels1.argMax(1).toIntVector(), labels2.argMax(1).toIntVector(),
                "the same label at every position in both passes (the order is fixed)");
        INDArray f1 = first.get(0).getFeatures();
        INDArray f2 = second.get(0).getFeatures();
        assertArrayEquals(new long[] {64, 1, 28, 28}, f1.shape(), "64 images a batch, one channel");
        double changed = f1.sub(f2).norm1Number().doubleValue() / f1.norm1Number().doubleValue();
        assertTrue(changed > 0.2, "the reader's transform changed the pixels from pass to pass: " + changed);

        ComputationGraph unsaidNet = ResidualCnn.build(28, 4, 4, 1, new Adam(1e-3));
        PruningIterator unsaid = PruningIterator.builder(source).build();
        unsaidNet.addListeners(PruningListener.builder(unsaid, ScoreRangeRule.keepHardest(0.5)).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> unsaidNet.fit(unsaid, 2));
        assertTrue(String.valueOf(e.getMessage()).contains("sourceAugments()")
                        || String.valueOf(e.getCause()).contains("sourceAugments()"),
                "without the option, augmentation in the source is refused with what to do: " + e);

        ComputationGraph net = ResidualCnn.build(28, 4, 4, 1, new Adam(1e-3));
        PruningListener pruning = DataVecAugmentedPruning.train(source, net, 3, 0.5);
        assertEquals(List.of(160, 80, 80), pruning.ledger().examplesPerEpoch());
    }
}
