package org.dataprune4j.examples;

import java.nio.file.Path;
import java.util.Locale;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.LabelNoise;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.tune.QuantileRange;
import org.dataprune4j.tune.RangeSpace;
import org.dataprune4j.tune.RangeTuner;
import org.dataprune4j.tune.TuningResult;
import org.dataprune4j.tune.WarmedUp;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tune the kept range on a validation set, then train the real run with it. Fashion-MNIST: the last 5,000
 * training images are the validation set, the first 55,000 (optionally with flipped labels) the training set.
 *
 * <p>Arguments: {@code budget=0.5 candidates=16 subsample=0.25 proxyEpochs=2 noise=0.0 epochs=10}.
 */
public final class RangeTuningExample {
    private static final Logger log = LoggerFactory.getLogger(RangeTuningExample.class);

    private RangeTuningExample() {
    }

    /**
     * A train / validation split of the Fashion-MNIST training set with optional label noise on the training part.
     *
     * @param train the first 55,000 images
     * @param validation the last 5,000 images, labels untouched
     */
    public record Split55(DataSet train, DataSet validation) {
        /** Splits, flipping {@code noise} of the training labels with {@code seed}. */
        public static Split55 of(LabelledImages all, double noise, long seed) {
            LabelledImages train = all.head(55_000);
            if (noise > 0) {
                train = LabelNoise.symmetric(train, noise, seed).images();
            }
            DataSet everything = all.toDataSet();
            DataSet validation = (DataSet) everything.getRange(55_000, 60_000);
            return new Split55(train.toDataSet(), validation.copy());
        }
    }

    /**
     * The README's tuning snippet, compiled: tune the range at a budget of half the data, then train the real
     * run with it.
     *
     * @param net the network to train (its configuration is what the tuner warms up and copies)
     * @param trainData training examples
     * @param validationData held-out examples, disjoint from the training set
     * @param epochs epochs of the real run
     * @return the tuning result; the real run has trained {@code net}
     */
    public static TuningResult tuneThenTrain(MultiLayerNetwork net, DataSet trainData, DataSet validationData,
                                             int epochs) {
        // README tuning snippet begins
        RangeTuner tuner = RangeTuner.builder(net.getLayerWiseConfigurations(), trainData, validationData)
                .maxKeptFraction(0.5)            // budget: keep at most half
        .minKeptFraction(0.4)            // floor: and at least 40% (the proxy favours tiny ranges)
                .randomSearch(16, 7)             // or .gridSearch(5); .timeBudget(Duration.ofMinutes(5))
                .trainingSubsample(0.25)         // proxy runs on a quarter of the data
                .proxyEpochs(2)
                .build();
        TuningResult tuned = tuner.tune();      // logs the trial table; tuned.writeCsv(path) for the trials

        PruningIterator train = PruningIterator.builder(trainData, 128).build();
        PruningListener pruning = PruningListener.builder(train, tuned.bestRule()).build();   // the real run
        net.addListeners(pruning);
        net.fit(train, epochs);
        // README tuning snippet ends
        return tuned;
    }

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) {
        Arguments a = Arguments.parse(args);
        double budget = a.doubleValue("budget", 0.5);
        Split55 data = Split55.of(Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN), a.doubleValue("noise", 0),
                7);
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).toDataSet();

        RangeTuner tuner = RangeTuner.builder(ExampleNetworks.mlp(42).getLayerWiseConfigurations(), data.train(),
                        data.validation())
                .space(new RangeSpace(0, 1 - budget / 4, budget / 4, 1))
                .maxKeptFraction(budget)
                .randomSearch(a.intValue("candidates", 16), 7)
                .trainingSubsample(a.doubleValue("subsample", 0.25))
                .proxyEpochs(a.intValue("proxyEpochs", 2))
                .trialsCsv(Path.of("target/tuning-trials.csv"))
                .build();
        WarmedUp warm = tuner.warmUp();        // the warm-up, kept to compare other rules by the same proxy run
        TuningResult tuned = warm.search();
        double hardest = warm.evaluate(new QuantileRange(1 - budget, 1));
        double easiest = warm.evaluate(new QuantileRange(0, budget));
        System.out.println(tuned.table());
        System.out.printf(Locale.ROOT, "Validation accuracy at a budget of %.0f%% kept: tuned %s %.4f, keep hardest"
                        + " %.4f, keep easiest %.4f%n", 100 * budget, tuned.best().orElseThrow().range(),
                tuned.best().orElseThrow().objective(), hardest, easiest);

        int epochs = a.intValue("epochs", 10);
        TrainingRuns.Result run = TrainingRuns.pruned("tuned", ExampleNetworks.mlp(42), data.train(), test, epochs,
                42, tuned.bestRule(), b -> b.warmupEpochs(2));
        System.out.printf(Locale.ROOT, "Real run with %s: test accuracy %.2f%% in %.1f s; tuning cost %.1f s%n",
                tuned.bestRule().describe(), 100 * run.testAccuracy(), run.seconds(), tuned.totalSeconds());
        log.info("Trials written to target/tuning-trials.csv");
    }
}
