package org.dataprune4j.examples;

import java.nio.file.Path;
import org.dataprune4j.examples.data.Datasets;
import org.dataprune4j.examples.data.ImageDataset;
import org.dataprune4j.examples.data.ImageDataset.Split;
import org.dataprune4j.iterator.PruningIterator;
import org.dataprune4j.listener.PruningListener;
import org.dataprune4j.record.PruningReport;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The README's "add it to your training code" snippet, compiled: {@link #trainWithPruning} is the code the
 * README shows. {@link #main} runs it on 10,000 Fashion-MNIST images for 4 epochs.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * Trains {@code net} for 10 epochs: 2 warm-up epochs on every example, then 8 on the kept half.
     *
     * @param net a MultiLayerNetwork ending in an OutputLayer with softmax and MCXENT
     * @param trainData the training examples, with one-hot labels
     * @param epochs total epochs
     * @param scoresCsv where to write every example's scores
     */
    public static PruningReport trainWithPruning(MultiLayerNetwork net, DataSet trainData, int epochs, Path scoresCsv) {
        // README snippet begins
        PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();
        PruningListener pruning = PruningListener.builder(train, ScoreRangeRule.quantiles(0.48, 0.98))
                .warmupEpochs(2)          // score every example during the first 2 epochs
                .build();                 // then drop the top 2% by EL2N and keep the next 50%
        net.addListeners(pruning);
        net.fit(train, epochs);           // one fit call: the iterator swaps to the kept subset after epoch 2

        PruningReport report = pruning.report().orElseThrow();
        report.writeScoresCsv(scoresCsv); // id, label, predicted, el2n, grand, forgetting, kept, decision
        // README snippet ends
        return report;
    }

    /** Runs the snippet on 10,000 Fashion-MNIST training images for 4 epochs. */
    public static void main(String[] args) {
        DataSet data = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).head(10_000).toDataSet();
        PruningReport report = trainWithPruning(ExampleNetworks.mlp(42), data, 4, Path.of("target/quickstart-scores.csv"));
        System.out.println(report.summary());
    }
}
