package org.dataprune4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.select.RandomRule;
import org.dataprune4j.select.ScoreRangeRule;
import org.dataprune4j.select.SelectionRule;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pruning a frozen-feature fine-tune (docs/BENCHMARKS.md, "Transfer learning"): the reference MLP trained on MNIST,
 * its two hidden layers frozen ({@code TransferLearning.setFeatureExtractor}) and a new output layer trained on
 * Fashion-MNIST, on all data, on the hardest half by EL2N, on the easiest half and on a random half (1 warm-up epoch
 * of the fine-tune on all data), per seed in one process. Only the output layer learns, so the kept half is all it
 * sees.
 *
 * <p>Arguments: {@code seeds=3 pretrainEpochs=3 epochs=6 trainSize=20000 keep=0.5 out=target/transfer}.
 */
public final class TransferBenchmark {
    private static final Logger log = LoggerFactory.getLogger(TransferBenchmark.class);

    private TransferBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        int seeds = a.intValue("seeds", 3);
        int pretrainEpochs = a.intValue("pretrainEpochs", 3);
        int epochs = a.intValue("epochs", 6);
        int trainSize = a.intValue("trainSize", 20_000);
        double keep = a.doubleValue("keep", 0.5);
        Path out = Path.of(a.value("out", "target/transfer"));
        DataSet source = Datasets.load(ImageDataset.MNIST, Split.TRAIN).toDataSet();
        DataSet target = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN).head(trainSize).toDataSet();
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).toDataSet();
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "MLP 784-512-256-10 trained %d epochs on MNIST,"
                + " hidden layers frozen, new output layer (Adam 1e-3) trained %d epochs on %,d Fashion-MNIST images;"
                + " pruned runs keep %.0f%% after 1 warm-up epoch. Test accuracy %% on the 10,000 Fashion-MNIST test"
                + " images.%n%n| seed | full | keep hardest | keep easiest | random | hardest - full | easiest - full |"
                + " random - full |%n|---|---|---|---|---|---|---|---|%n", pretrainEpochs, epochs, trainSize,
                100 * keep));
        List<double[]> all = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            MultiLayerNetwork pretrained = ExampleNetworks.mlp(seed);
            TrainingRuns.full("pretrain on MNIST", pretrained, source, test, pretrainEpochs, seed);
            double full = TrainingRuns.full("full", fineTune(pretrained, seed), target, test, epochs, seed)
                    .testAccuracy();
            double hardest = pruned("hardest", pretrained, ScoreRangeRule.keepHardest(keep), target, test, epochs,
                    seed);
            double easiest = pruned("easiest", pretrained, ScoreRangeRule.keepEasiest(keep), target, test, epochs,
                    seed);
            double random = pruned("random", pretrained, RandomRule.keep(keep, seed), target, test, epochs, seed);
            all.add(new double[] {full, hardest, easiest, random});
            md.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f | %+.2f | %+.2f | %+.2f |%n", seed,
                    100 * full, 100 * hardest, 100 * easiest, 100 * random, 100 * (hardest - full),
                    100 * (easiest - full), 100 * (random - full)));
            log.info("seed {}: full {} hardest {} easiest {} random {}", seed, full, hardest, easiest, random);
        }
        double[] mean = new double[4];
        for (double[] r : all) {
            for (int i = 0; i < 4; i++) {
                mean[i] += r[i] / all.size();
            }
        }
        md.append(String.format(Locale.ROOT, "| mean | %.2f | %.2f | %.2f | %.2f | %+.2f | %+.2f | %+.2f |%n",
                100 * mean[0], 100 * mean[1], 100 * mean[2], 100 * mean[3], 100 * (mean[1] - mean[0]),
                100 * (mean[2] - mean[0]), 100 * (mean[3] - mean[0])));
        Files.createDirectories(out);
        Files.writeString(out.resolve("transfer.md"), md.toString());
        System.out.println(md);
    }

    private static double pruned(String name, MultiLayerNetwork pretrained, SelectionRule rule, DataSet train,
                                 DataSet test, int epochs, long seed) {
        return TrainingRuns.pruned(name, fineTune(pretrained, seed), train, test, epochs, seed, rule,
                b -> b.warmupEpochs(1).outliers(0)).testAccuracy();
    }

    /** The pretrained network with its hidden layers frozen and a fresh output layer. */
    private static MultiLayerNetwork fineTune(MultiLayerNetwork pretrained, long seed) {
        return new TransferLearning.Builder(pretrained.clone())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().seed(seed).updater(new Adam(1e-3)).build())
                .setFeatureExtractor(1)
                .removeOutputLayer()
                .addLayer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(256).nOut(10)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
                .build();
    }
}
