package org.dataprune4j.benchmarks.noise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.PruningReport;
import org.dataprune4j.benchmarks.crossover.RealSweepData;
import org.dataprune4j.benchmarks.crossover.SweepData;
import org.dataprune4j.benchmarks.matrix.MatrixData.Splits;
import org.dataprune4j.data.LabelNoise;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.EpochProgressListener;
import org.dataprune4j.examples.TrainingRuns;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The label-noise study at training lengths where noise hurts: per data set, noise setting and seed, full-data
 * training on the noisy labels against runs that drop the top k (k = the number flipped) in the training loop, with
 * the test accuracy after every epoch, the precision and recall of the flipped examples among those dropped, and
 * the cost from the listener's ledger.
 *
 * <p>Training uses the first 55,000 images of the training split with the setting's flips; the last 5,000 are the
 * tuned run's validation set (clean, as the tuner asks, unless {@code cleanValidation=false} flips them the same
 * way); the test set is clean. A run's accuracy at an earlier epoch (the table's epoch 10 of 30) is what a run of
 * that length ends with: no run here depends on the total number of epochs.
 *
 * <p>Arguments: {@code preset=full datasets=fashion-mnist,mnist noise=sym5,sym10,sym20,shirt seeds=1,2 epochs=30
 * warmup=2 runs=full,el2n,prototype_class,forgetting_reselect,el2n_reselect,tuned reportEpochs=10
 * cleanValidation=true out=target/noise-curves}. Runs already in {@code out/runs.csv} are not trained again, so a
 * stopped study resumes; the table and charts are rewritten after every run. {@code fromCsv=dirA,dirB out=dir}
 * trains nothing: it merges the runs of earlier studies (e.g. one process per data set) into one table, its CSVs
 * and its charts.
 */
public final class NoiseCurveStudy {
    private static final Logger log = LoggerFactory.getLogger(NoiseCurveStudy.class);
    private static final long NOISE_SEED = 100;
    private static final long VALIDATION_NOISE_SEED = 200;

    private final NoiseCurveSpec spec;
    private final SweepData data;
    private final Path out;

    /** A study of {@code spec} over {@code data}, writing to {@code out}. */
    public NoiseCurveStudy(NoiseCurveSpec spec, SweepData data, Path out) {
        this.spec = spec;
        this.data = data;
        this.out = out;
    }

    /** Runs the study; see the class comment for the arguments. */
    public static void main(String[] args) {
        Arguments a = Arguments.parse(args);
        NoiseCurveSpec p = NoiseCurveSpec.preset(a.value("preset", "full"));
        NoiseCurveSpec spec = new NoiseCurveSpec(
                List.of(a.value("datasets", String.join(",", p.datasets())).split(",")),
                a.value("noise", "").isEmpty() ? p.settings() : NoiseSetting.parseAll(a.value("noise", "")),
                a.value("seeds", "").isEmpty() ? p.seeds()
                        : Arrays.stream(a.value("seeds", "").split(",")).map(Long::valueOf).toList(),
                a.intValue("epochs", p.epochs()), a.intValue("warmup", p.warmup()),
                a.value("runs", "").isEmpty() ? p.runs() : NoisyRun.parseAll(a.value("runs", "")),
                a.value("reportEpochs", "").isEmpty() ? p.reportEpochs()
                        : Arrays.stream(a.value("reportEpochs", "").split(",")).map(Integer::valueOf).toList(),
                Boolean.parseBoolean(a.value("cleanValidation", String.valueOf(p.cleanValidation()))),
                a.intValue("batchSize", p.batchSize()));
        Path out = Paths.get(a.value("out", "target/noise-curves"));
        String from = a.value("fromCsv", "");
        List<NoiseRunResult> results;
        if (from.isEmpty()) {
            results = new NoiseCurveStudy(spec, new RealSweepData(), out).run();
        } else {
            results = merged(from, out);
            NoiseCurveReport.write(out, spec, results);
        }
        System.out.println(NoiseCurveReport.markdown(spec, results));
    }

    /** The runs recorded in the comma-separated study folders {@code from}, written together into {@code out}. */
    static List<NoiseRunResult> merged(String from, Path out) {
        try {
            List<NoiseRunResult> all = new ArrayList<>();
            for (String dir : from.split(",")) {
                all.addAll(NoiseCurveReport.read(Paths.get(dir)));
            }
            Files.createDirectories(out);
            Files.deleteIfExists(out.resolve(NoiseCurveReport.RUNS));
            Files.deleteIfExists(out.resolve(NoiseCurveReport.CURVES));
            for (NoiseRunResult r : all) {
                NoiseCurveReport.append(out, r);
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trains every run not yet in {@code out/runs.csv}; returns all runs of the spec, resumed ones included. */
    public List<NoiseRunResult> run() {
        try {
            Files.createDirectories(out);
            List<NoiseRunResult> results = new ArrayList<>(NoiseCurveReport.read(out));
            for (String dataset : spec.datasets()) {
                Splits splits = null;
                for (NoiseSetting setting : spec.settings()) {
                    if (!setting.appliesTo(dataset)) {
                        log.info("{} does not apply to {}: skipped", setting.describe(), dataset);
                        continue;
                    }
                    for (long seed : spec.seeds()) {
                        Noisy prepared = null;
                        for (NoisyRun run : spec.runs()) {
                            if (find(results, dataset, setting.key(), seed, run)) {
                                continue;
                            }
                            if (splits == null) {
                                splits = data.load(dataset);
                            }
                            if (prepared == null) {
                                prepared = noisy(splits, setting, seed);
                            }
                            NoiseRunResult r = runOne(prepared, dataset, setting, seed, run);
                            results.add(r);
                            NoiseCurveReport.append(out, r);
                            NoiseCurveReport.write(out, spec, results);
                            // ND4J frees a run's off-heap arrays only when their Java objects are collected; a
                            // 4 GB heap rarely collects, and two studies side by side once exhausted 24 GB
                            System.gc();
                        }
                    }
                }
            }
            NoiseCurveReport.write(out, spec, results);
            return results.stream().filter(r -> inSpec(r)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean inSpec(NoiseRunResult r) {
        return spec.datasets().contains(r.dataset()) && spec.seeds().contains(r.seed()) && spec.runs().contains(r.run())
                && spec.settings().stream().anyMatch(s -> s.key().equals(r.noise()));
    }

    private static boolean find(List<NoiseRunResult> results, String dataset, String noise, long seed, NoisyRun run) {
        return results.stream().anyMatch(r -> r.dataset().equals(dataset) && r.noise().equals(noise)
                && r.seed() == seed && r.run() == run);
    }

    /** The training labels of one setting and seed, with the validation and test sets, made once for its runs. */
    record Noisy(int[] flippedIds, DataSet train, DataSet validation, DataSet test, Splits splits) {
    }

    private Noisy noisy(Splits splits, NoiseSetting setting, long seed) {
        LabelNoise.Noisy noisy = setting.apply(splits.train(), NOISE_SEED + seed);
        DataSet validation = spec.cleanValidation() ? splits.validation().toDataSet()
                : setting.apply(splits.validation(), VALIDATION_NOISE_SEED + seed).images().toDataSet();
        return new Noisy(noisy.flippedIds(), noisy.images().toDataSet(), validation, splits.test().toDataSet(), splits);
    }

    /** One run: the network of {@code seed} on the setting's noisy labels, evaluated after every epoch. */
    NoiseRunResult runOne(Noisy prepared, String dataset, NoiseSetting setting, long seed, NoisyRun run) {
        DataSet train = prepared.train();
        DataSet validation = prepared.validation();
        DataSet test = prepared.test();
        Splits splits = prepared.splits();
        int n = train.numExamples();
        int[] flipped = prepared.flippedIds();
        double keep = 1.0 - (double) flipped.length / n;
        String name = String.format("%s %s seed %d: %s", dataset, setting.key(), seed, run.label());
        log.info("{} ({} of {} labels flipped; pruned runs keep {})", name, flipped.length, n, keep);
        MultiLayerNetwork net = data.network(splits, seed);
        TestAccuracyCurve curve = new TestAccuracyCurve(test);
        EpochProgressListener progress = new EpochProgressListener(name, spec.epochs());
        PruningListener pruning = null;
        PruningIterator iterator;
        if (run == NoisyRun.FULL) {
            iterator = PruningIterator.builder(train, spec.batchSize()).seed(seed).unpruned().build();
            net.setListeners(progress, curve);
        } else {
            iterator = PruningIterator.builder(train, spec.batchSize()).seed(seed).build();
            pruning = run.listener(iterator, keep, spec.warmup(), validation, seed).build();
            net.setListeners(pruning, progress, curve);
        }
        long start = System.nanoTime();
        net.fit(iterator, spec.epochs());
        double seconds = (System.nanoTime() - start) / 1e9 - curve.evaluationSeconds();
        long full = (long) n * spec.epochs();
        if (pruning == null) {
            return new NoiseRunResult(dataset, setting.key(), seed, run, curve.accuracies(),
                    DroppedFlips.none(flipped.length), "", seconds, full, full);
        }
        PruningReport report = pruning.report();
        DroppedFlips flips = DroppedFlips.of(report.selection(), flipped);
        log.info("{}: final {}, dropped {} (precision {}, recall {})", name, curve.accuracies()
                .get(spec.epochs() - 1), flips.dropped(), flips.precision(), flips.recall());
        return new NoiseRunResult(dataset, setting.key(), seed, run, curve.accuracies(), flips,
                report.selection().rule(), seconds, report.ledger().orElseThrow().examplesTrained(), full);
    }
}
