package org.dataprune4j.benchmarks.budget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.TrainingRuns;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's overhead on the residual CNN (issue 27): rounds of one plain epoch (an unpruned
 * {@code PruningIterator}, no listener) and one scoring epoch (the listener in warm-up, scoring EL2N, loss and
 * forgetting from the training passes through its forward-pass hook), on fresh networks of the round's seed, with
 * the workload's augmentation; medians after one warm-up round. Reports the wall-time ratio and the listener's own
 * work as a share of the plain epoch.
 *
 * <p>Arguments: {@code dataset=fashion-mnist trainSize=5000 width=16 batch=128 rounds=3 out=target/cnn-overhead.md}.
 */
public final class CnnOverhead {
    private static final Logger log = LoggerFactory.getLogger(CnnOverhead.class);

    private CnnOverhead() {
    }

    /** Runs the measurement; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        Workload w = Workload.cnn(a.value("dataset", "fashion-mnist"), a.intValue("trainSize", 5_000),
                a.intValue("width", 16));
        int batch = a.intValue("batch", TrainingRuns.BATCH_SIZE);
        int rounds = a.intValue("rounds", 3);
        List<Double> plain = new ArrayList<>();
        List<Double> scoring = new ArrayList<>();
        List<Double> work = new ArrayList<>();
        for (int i = 0; i <= rounds; i++) {
            long seed = i + 1;
            PruningIterator unpruned = PruningIterator.builder(w.train(), batch).seed(seed)
                    .augmentation(w.augmentation().apply(seed)).unpruned().build();
            double p = epoch(w.network().apply(seed, new Adam(1e-3)), unpruned);
            PruningIterator it = PruningIterator.builder(w.train(), batch).seed(seed)
                    .augmentation(w.augmentation().apply(seed)).build();
            PruningListener listener = PruningListener.builder(it, ScoreRangeRule.keepHardest(0.5))
                    .warmupEpochs(1_000).build();
            Model net = w.network().apply(seed, new Adam(1e-3));
            net.setListeners(listener);
            double s = epoch(net, it);
            double l = listener.scoringTime().toNanos() / 1e9;
            log.info("Round {}: plain {} s, scoring {} s, listener work {} s", i, fmt(p), fmt(s), fmt(l));
            if (i > 0) {
                plain.add(p);
                scoring.add(s);
                work.add(l);
            }
        }
        double mp = median(plain);
        double ms = median(scoring);
        double ml = median(work);
        String md = String.format(Locale.ROOT, "## Listener overhead on the residual CNN (%s, %,d images, batch %d)%n%n"
                        + "| | median s | rounds |%n|---|---|---|%n| plain epoch (unpruned PruningIterator) | %.2f | %s |%n"
                        + "| epoch with the scoring listener | %.2f | %s |%n| of which the listener's own work | %.3f | %s |%n%n"
                        + "Wall-time ratio scoring/plain: **%.3f** (%+.1f%%); listener work / plain epoch: **%.2f%%**%n",
                w.name(), w.train().numExamples(), batch, mp, list(plain), ms, list(scoring), ml, list(work), ms / mp,
                100 * (ms / mp - 1), 100 * ml / mp);
        Path out = Path.of(a.value("out", "target/cnn-overhead.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        System.out.println(md);
    }

    private static double epoch(Model net, PruningIterator it) {
        long start = System.nanoTime();
        TrainingRuns.fit(net, it, 1);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(CnnOverhead::fmt).toList());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
