package org.dataprune4j.benchmarks.state;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dataprune4j.PruningIterator;
import org.dataprune4j.PruningListener;
import org.dataprune4j.examples.Arguments;
import org.dataprune4j.examples.ExampleNetworks;
import org.dataprune4j.examples.ProcessMemory;
import org.dataprune4j.schedule.SoftPruningSchedule;
import org.dataprune4j.select.ScoreRangeRule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much memory DataPrune4J's per-example state takes over a run, on a large streamed source of small examples
 * (default 1,000,000 examples of 8 features and 4 classes, generated per batch so the source holds none of them):
 * at every epoch end, the Java heap retained by the listener and the iterator (an object-graph walk that stops at
 * the model, the user's source and ND4J arrays), the heap in use after a full GC and the process RSS; beside them
 * the same per-epoch figures for the same model trained on the source without DataPrune4J, in the same process.
 *
 * <p>Arguments: {@code examples=1000000 features=8 classes=4 batch=1000 epochs=6 warmup=2 keep=0.5 seed=1
 * prefetch=true schedule=static out=target/state-footprint.md}; {@code schedule=soft} prunes with InfoBatch's soft
 * pruning instead of the static swap.
 */
public final class StateFootprint {
    private static final Logger log = LoggerFactory.getLogger(StateFootprint.class);

    private StateFootprint() {
    }

    /** What one run measures. */
    public record Settings(int examples, int features, int classes, int batch, int epochs, int warmup, double keep,
                           long seed, boolean prefetch) {
    }

    /**
     * One epoch end: the pruning state's retained bytes (0 for the baseline), heap in use after GC, heap committed
     * (part of the RSS even when unused), RSS, epoch time.
     */
    public record EpochMeasure(int epoch, String phase, long stateBytes, long heapAfterGcBytes, long heapCommittedBytes,
                               long rssMiB, double seconds) {
        /** Retained state per example. */
        public double bytesPerExample(int examples) {
            return (double) stateBytes / examples;
        }
    }

    /** Both runs' epochs, the kept count and where the state's bytes went at the last epoch. */
    public record Result(Settings settings, List<EpochMeasure> baseline, List<EpochMeasure> pruned, int keptCount,
                         Map<String, Long> lastStateByClass) {
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        Arguments a = Arguments.parse(args);
        Settings s = new Settings(a.intValue("examples", 1_000_000), a.intValue("features", 8),
                a.intValue("classes", 4), a.intValue("batch", 1000), a.intValue("epochs", 6),
                a.intValue("warmup", 2), Double.parseDouble(a.value("keep", "0.5")), a.intValue("seed", 1),
                Boolean.parseBoolean(a.value("prefetch", "true")));
        Path out = Path.of(a.value("out", "target/state-footprint.md"));
        boolean soft = a.value("schedule", "static").equals("soft");
        Result result = measure(s, soft);
        String md = markdown(result);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        System.out.println(md);
        log.info("Wrote {}", out.toAbsolutePath());
    }

    /** Trains the baseline and the pruned run (the static swap) and measures every epoch end. */
    public static Result measure(Settings s) {
        return measure(s, false);
    }

    /**
     * Trains the baseline and the pruned run and measures every epoch end; {@code soft}: InfoBatch's soft pruning
     * ({@code SoftPruningSchedule}, planned for the run's epochs) instead of the static swap.
     */
    public static Result measure(Settings s, boolean soft) {
        log.info("State footprint: {} streamed examples, {} features, {} classes, {} epochs", s.examples(),
                s.features(), s.classes(), s.epochs());
        SyntheticStream source = new SyntheticStream(s.examples(), s.features(), s.classes(), s.batch(), s.seed());

        MultiLayerNetwork baselineNet = network(s);
        Probe baseline = new Probe(null, null, s.warmup());
        baselineNet.setListeners(baseline);
        baselineNet.fit(source, s.epochs());

        PruningIterator train = PruningIterator.builder(source).asyncPrefetch(s.prefetch()).build();
        PruningListener pruning = soft
                ? PruningListener.builder(train, SoftPruningSchedule.builder(s.epochs()).warmupEpochs(s.warmup())
                        .build()).build()
                : PruningListener.builder(train, ScoreRangeRule.keepHardest(s.keep())).warmupEpochs(s.warmup())
                        .build();
        MultiLayerNetwork net = network(s);
        Probe probe = new Probe(pruning, train, s.warmup());
        net.setListeners(pruning, probe);
        net.fit(train, s.epochs());
        return new Result(s, baseline.epochs, probe.epochs, pruning.report().keptCount(), probe.lastByClass);
    }

    private static MultiLayerNetwork network(Settings s) {
        return ExampleNetworks.mlp(s.features(), new int[] {32}, s.classes(), s.seed());
    }

    /**
     * The retained state of the pruning pair: everything reachable from the listener and the iterator except what
     * {@link #isOutsideState} names.
     */
    public static RetainedHeap.Measure pruningState(PruningListener listener, PruningIterator iterator) {
        return RetainedHeap.of(List.of(listener, iterator), StateFootprint::isOutsideState);
    }

    /**
     * Whether an object is outside the pruning state: the model, the user's source iterator and pre-processor, ND4J
     * arrays and buffers (their data is off the heap and belongs to the model, the user's data or a batch), threads,
     * classes and loggers.
     */
    public static boolean isOutsideState(Object o) {
        return o instanceof Model || o instanceof INDArray || o instanceof DataBuffer || o instanceof DataSetPreProcessor
                || o instanceof Thread || o instanceof ThreadGroup || o instanceof Class || o instanceof ClassLoader
                || o instanceof Logger || (o instanceof DataSetIterator && !(o instanceof PruningIterator));
    }

    /** Records each epoch end; runs after the pruning listener, so it sees the state the swap left. */
    private static final class Probe extends BaseTrainingListener {
        private final PruningListener listener;
        private final PruningIterator iterator;
        private final int warmup;
        private final List<EpochMeasure> epochs = new ArrayList<>();
        private Map<String, Long> lastByClass = Map.of();
        private long epochStart;

        Probe(PruningListener listener, PruningIterator iterator, int warmup) {
            this.listener = listener;
            this.iterator = iterator;
            this.warmup = warmup;
        }

        @Override
        public void onEpochStart(Model model) {
            epochStart = System.nanoTime();
        }

        @Override
        public void onEpochEnd(Model model) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            int epoch = epochs.size() + 1;
            String phase = epoch < warmup ? "warm-up" : epoch == warmup ? "warm-up, swap at its end" : "pruned";
            long state = 0;
            if (listener != null) {
                RetainedHeap.Measure m = pruningState(listener, iterator);
                state = m.bytes();
                lastByClass = m.bytesByClass();
            }
            System.gc();
            System.gc();
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            EpochMeasure e = new EpochMeasure(epoch, phase, state, heap.getUsed(), heap.getCommitted(),
                    ProcessMemory.rssMiB(), seconds);
            epochs.add(e);
            log.info("epoch {} ({}): state {} bytes, heap after GC {} MiB of {} MiB committed, RSS {} MiB, {} s", epoch,
                    phase, state, heap.getUsed() >> 20, heap.getCommitted() >> 20, e.rssMiB(),
                    String.format(Locale.ROOT, "%.1f", seconds));
        }
    }

    /** The Markdown table of a result. */
    public static String markdown(Result r) {
        Settings s = r.settings();
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run on %s, Java %s, %d cores; %,d streamed examples (%d features, %d"
                        + " classes, batch %d), MLP %d-32-%d, keep hardest %.0f%% after %d warm-up epochs, prefetch %s; %,d kept%n%n",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), s.examples(), s.features(), s.classes(), s.batch(),
                s.features(), s.classes(), 100 * s.keep(), s.warmup(), s.prefetch() ? "on" : "off", r.keptCount()));
        md.append("| epoch | phase | pruning state (MB) | bytes / example | heap after GC (MiB) | heap committed (MiB)"
                + " | RSS (MiB) | baseline heap after GC (MiB) | baseline heap committed (MiB) | baseline RSS (MiB) | s"
                + " | baseline s |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < r.pruned().size(); i++) {
            EpochMeasure p = r.pruned().get(i);
            EpochMeasure b = r.baseline().get(i);
            md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %d | %d | %d | %d | %d | %d | %.1f | %.1f |%n",
                    p.epoch(), p.phase(), p.stateBytes() / 1e6, p.bytesPerExample(s.examples()),
                    p.heapAfterGcBytes() >> 20, p.heapCommittedBytes() >> 20, p.rssMiB(), b.heapAfterGcBytes() >> 20,
                    b.heapCommittedBytes() >> 20, b.rssMiB(), p.seconds(), b.seconds()));
        }
        md.append("\nWhere the state's bytes are at the last epoch (bytes per example by class):\n\n");
        r.lastStateByClass().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8).forEach(e -> md.append(String.format(Locale.ROOT, "- %s: %.2f%n", e.getKey(),
                        (double) e.getValue() / s.examples())));
        md.append(String.format(Locale.ROOT, "%nPeak RSS of the benchmark process: %d MiB%n",
                ProcessMemory.peakRssMiB()));
        return md.toString();
    }
}
