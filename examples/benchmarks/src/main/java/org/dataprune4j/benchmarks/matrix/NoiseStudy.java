package org.dataprune4j.benchmarks.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dataprune4j.PruningReport;
import org.dataprune4j.data.Datasets;
import org.dataprune4j.data.ImageDataset.Split;
import org.dataprune4j.data.ImageDataset;
import org.dataprune4j.data.LabelNoise;
import org.dataprune4j.data.LabelledImages;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.NoiseDetection;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.select.ScoreRangeRule;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The label-noise study on real Fashion-MNIST: symmetric noise (5%, 10%, 20% of the training labels flipped to
 * another class) and asymmetric noise (40% of the shirts labelled T-shirt/top), fixed seeds. For each score:
 * precision and recall of the flipped examples among the top k (k = number flipped; with that k the two are
 * equal), and the test accuracy of a run that drops the top k by that score after warm-up, against full-data
 * training on the same noisy labels.
 *
 * <p>Arguments: {@code trainSize=0 (all) epochs=10 seed=1 out=target/noise}.
 */
public final class NoiseStudy {
    private static final Logger log = LoggerFactory.getLogger(NoiseStudy.class);
    private static final List<ScoreKind> SCORES = List.of(ScoreKind.EL2N, ScoreKind.GRAND, ScoreKind.FORGETTING,
            ScoreKind.PROTOTYPE_CLASS, ScoreKind.PROTOTYPE);
    private static final int WARMUP = 2;

    private NoiseStudy() {
    }

    /** A noise setting. */
    private record Setting(String name, double fraction, boolean asymmetric) {
        LabelNoise.Noisy apply(LabelledImages clean, long seed) {
            return asymmetric ? LabelNoise.asymmetric(clean, 6, 0, fraction, seed)
                    : LabelNoise.symmetric(clean, fraction, seed);
        }
    }

    /** Runs the study; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        int trainSize = a.intValue("trainSize", 0);
        int epochs = a.intValue("epochs", 10);
        long seed = a.intValue("seed", 1);
        Path out = Paths.get(a.value("out", "target/noise"));
        LabelledImages all = Datasets.load(ImageDataset.FASHION_MNIST, Split.TRAIN);
        LabelledImages clean = trainSize == 0 ? all : all.head(trainSize);
        DataSet test = Datasets.load(ImageDataset.FASHION_MNIST, Split.TEST).toDataSet();
        List<Setting> settings = List.of(new Setting("symmetric 5%", 0.05, false),
                new Setting("symmetric 10%", 0.10, false), new Setting("symmetric 20%", 0.20, false),
                new Setting("asymmetric: 40% of shirts labelled T-shirt/top", 0.40, true));
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Fashion-MNIST, %,d training images, reference MLP, %d epochs (%d warm-up),"
                + " seed %d; %s cores, OMP_NUM_THREADS=%s.%n%n", clean.size(), epochs, WARMUP, seed,
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS")));
        md.append("| noise | flipped | score | precision = recall in top k | test acc. %, top k dropped | full data on noisy"
                + " labels % | Δ pp |\n|---|---|---|---|---|---|---|\n");
        List<String> csv = new ArrayList<>();
        csv.add("noise,flipped,score,precision,recall,pruned_accuracy,full_accuracy");
        for (Setting setting : settings) {
            LabelNoise.Noisy noisy = setting.apply(clean, 100 + seed);
            DataSet train = noisy.images().toDataSet();
            int flipped = noisy.flippedIds().length;
            double keep = 1.0 - (double) flipped / clean.size();
            TrainingRuns.Result full = TrainingRuns.full("full " + setting.name(), ExampleNetworks.mlp(seed), train, test,
                    epochs, seed);
            PruningReport detection = null;
            for (ScoreKind score : SCORES) {
                boolean first = detection == null;
                TrainingRuns.Result pruned = TrainingRuns.pruned(setting.name() + " drop top by " + score.columnName(),
                        ExampleNetworks.mlp(seed), train, test, epochs, seed, ScoreRangeRule.quantiles(0, keep),
                        b -> {
                            b.warmupEpochs(WARMUP).score(score).outliers(0);
                            if (first) {
                                b.alsoCompute(SCORES.toArray(ScoreKind[]::new));
                            }
                        });
                if (first) {
                    detection = pruned.report();
                }
                double precision = NoiseDetection.flippedShareOfTop(detection.scores().scores(score), noisy);
                md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %.3f | %.2f | %.2f | %+.2f |%n", setting.name(),
                        flipped, score.columnName(), precision, 100 * pruned.testAccuracy(), 100 * full.testAccuracy(),
                        100 * (pruned.testAccuracy() - full.testAccuracy())));
                csv.add(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%s", setting.name().replace(',', ';'), flipped,
                        score.name(), precision, precision, pruned.testAccuracy(), full.testAccuracy()));
                log.info("{}: {} precision {}, pruned {} vs full {}", setting.name(), score, precision,
                        pruned.testAccuracy(), full.testAccuracy());
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("noise.md"), md.toString());
            Files.write(out.resolve("noise.csv"), csv);
        }
        System.out.println(md);
    }
}
