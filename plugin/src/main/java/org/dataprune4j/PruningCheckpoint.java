package org.dataprune4j;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pruning run's checkpoint: the model (weights and updater state, by {@code ModelSerializer}) and the pruning
 * state (epochs seen, the scores collected so far or at the swap, the kept ids, the configuration with its seeds)
 * written together at the end of every epoch by a listener built with
 * {@link PruningListenerBuilder#checkpoints(Path)}.
 *
 * <p>Each checkpoint is a folder {@code epoch-NNNN} under the checkpoint directory, written under a temporary name
 * and renamed into place, so a run killed at any moment (even with {@code kill -9}) leaves the previous checkpoint
 * whole; the one before the latest is kept too, as the fallback if the latest cannot be read, and older ones are
 * deleted. Resuming checks that the data (the labels by id), the model (its architecture and parameters) and the
 * settings are the checkpoint's. To resume:
 * <pre>{@code
 * MultiLayerNetwork net = PruningCheckpoint.restoreNetwork(dir);         // the latest checkpoint's model
 * PruningIterator train = PruningIterator.builder(trainData, 128).seed(42).build();   // as before
 * PruningListener pruning = PruningListener.builder(train, rule).warmupEpochs(2)      // as before
 *         .checkpoints(dir).resumeFrom(dir).build();                     // restores the pruning state
 * net.addListeners(pruning);
 * net.fit(train, epochs - pruning.epochsSeen());                        // the epochs that are left
 * }</pre>
 */
public final class PruningCheckpoint {
    private static final Logger log = LoggerFactory.getLogger(PruningCheckpoint.class);
    private static final int MAGIC = 0x44503443; // "DP4C"
    /**
     * Format 2 adds the ledger's counters and a dynamic schedule's state (the next epoch's weights); format 1 files
     * still read, with an empty ledger.
     */
    private static final int VERSION = 2;
    private static final String MODEL_FILE = "model.zip";
    private static final String STATE_FILE = "pruning-state.bin";
    private static final String PREFIX = "epoch-";

    private PruningCheckpoint() {
    }

    /** The pruning state saved in a checkpoint. */
    record State(Map<String, String> configuration, String modelType, int epochsSeen, long scoringNanos,
                 int numExamples, Map<ScoreKind, double[]> scorerStates, int[] predictions, Swap swap,
                 LedgerCounts ledger) {
    }

    /** The ledger's counters so far, so that a resumed run's ledger covers the whole run. */
    record LedgerCounts(int[] examplesPerEpoch, long extraInferenceExamples, long selectionNanos,
                        long epochsWallNanos, int weightedEpochs, int annealingEpochs, boolean weightedNext,
                        boolean annealingNext, float[] nextWeights) {
        static final LedgerCounts NONE = new LedgerCounts(new int[0], 0, 0, 0, 0, 0, false, false, null);
    }

    /** What the swap decided, when it happened before the checkpoint. */
    record Swap(int[] labels, int[] predicted, Map<ScoreKind, double[]> scores, Decision[] decisions, String rule,
                int swapEpoch, int outlierCount) {

        /** The swap a report records, for a checkpoint. */
        static Swap of(PruningReport report, int outlierCount) {
            int n = report.totalCount();
            Decision[] decisions = new Decision[n];
            int[] predicted = new int[n];
            for (int id = 0; id < n; id++) {
                decisions[id] = report.selection().decision(id);
                predicted[id] = report.scores().predicted(id);
            }
            Map<ScoreKind, double[]> scores = new EnumMap<>(ScoreKind.class);
            for (ScoreKind kind : ScoreKind.values()) {
                if (report.scores().has(kind)) {
                    scores.put(kind, report.scores().scores(kind));
                }
            }
            return new Swap(report.scores().labels(), predicted, scores, decisions, report.selection().rule(),
                    report.swapEpoch(), outlierCount);
        }

        PruningReport toReport(Map<String, String> configuration, long scoringNanos) {
            return new PruningReport(ScoreTable.of(labels, predicted, scores), scoreKind(configuration),
                    new Selection(decisions, rule), swapEpoch, outlierCount, java.time.Duration.ofNanos(scoringNanos),
                    ScoringDetails.none(), configuration, Provenance.current());
        }

        private static ScoreKind scoreKind(Map<String, String> configuration) {
            return ScoreKind.valueOf(configuration.get("scoreKind"));
        }
    }

    /**
     * The latest complete checkpoint folder under {@code dir} that can be read, if any. A newer folder that cannot
     * be read (a damaged disk, a file copied in part) is passed over with a warning for the one before it, which
     * the listener keeps until the next one is complete.
     */
    public static Optional<Path> latest(Path dir) {
        requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(dir)) {
            candidates = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        for (Path candidate : candidates) {
            String problem = unreadable(candidate);
            if (problem == null) {
                return Optional.of(candidate);
            }
            log.warn("The checkpoint {} cannot be used ({}); falling back to the one before it", candidate, problem);
        }
        return Optional.empty();
    }

    /** Why a checkpoint folder cannot be resumed from, or null if its state reads and its model is a whole zip. */
    private static String unreadable(Path folder) {
        if (!Files.exists(folder.resolve(STATE_FILE)) || !Files.exists(folder.resolve(MODEL_FILE))) {
            return "it lacks " + STATE_FILE + " or " + MODEL_FILE;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(folder.resolve(MODEL_FILE).toFile())) {
            if (zip.getEntry("configuration.json") == null) {
                return MODEL_FILE + " holds no model configuration";
            }
            readState(folder.resolve(STATE_FILE));
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    /**
     * The model of the latest checkpoint under {@code dir}, with its updater state, ready to continue training.
     *
     * @return a {@code MultiLayerNetwork} or a {@code ComputationGraph}, as it was trained
     * @throws IllegalArgumentException if {@code dir} holds no checkpoint
     */
    public static Model restoreModel(Path dir) {
        Path latest = requireLatest(dir);
        State state = readState(latest.resolve(STATE_FILE));
        try {
            return state.modelType().equals("ComputationGraph")
                    ? ModelSerializer.restoreComputationGraph(latest.resolve(MODEL_FILE).toFile(), true)
                    : ModelSerializer.restoreMultiLayerNetwork(latest.resolve(MODEL_FILE).toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the model of checkpoint " + latest + ": " + e, e);
        }
    }

    /**
     * The {@code MultiLayerNetwork} of the latest checkpoint under {@code dir}, ready to continue training.
     *
     * @throws IllegalArgumentException if {@code dir} holds no checkpoint, or the checkpoint holds a graph
     */
    public static MultiLayerNetwork restoreNetwork(Path dir) {
        Model m = restoreModel(dir);
        if (m instanceof MultiLayerNetwork net) {
            return net;
        }
        throw new IllegalArgumentException("The checkpoint in " + dir + " holds a ComputationGraph; restore it with"
                + " PruningCheckpoint.restoreGraph(dir).");
    }

    /**
     * The {@code ComputationGraph} of the latest checkpoint under {@code dir}, ready to continue training.
     *
     * @throws IllegalArgumentException if {@code dir} holds no checkpoint, or the checkpoint holds a network
     */
    public static ComputationGraph restoreGraph(Path dir) {
        Model m = restoreModel(dir);
        if (m instanceof ComputationGraph graph) {
            return graph;
        }
        throw new IllegalArgumentException("The checkpoint in " + dir + " holds a MultiLayerNetwork; restore it with"
                + " PruningCheckpoint.restoreNetwork(dir).");
    }

    /** Number of epochs the latest checkpoint under {@code dir} had trained, or 0 when there is none. */
    public static int epochsDone(Path dir) {
        return latest(dir).map(p -> readState(p.resolve(STATE_FILE)).epochsSeen()).orElse(0);
    }

    static Path requireLatest(Path dir) {
        return latest(dir).orElseThrow(() -> new IllegalArgumentException("No checkpoint in " + dir.toAbsolutePath()
                + ": a listener built with checkpoints(dir) writes one at the end of every epoch (folders "
                + PREFIX + "NNNN)."));
    }

    /**
     * Writes a checkpoint folder for the end of epoch {@code state.epochsSeen()}, atomically, then deletes all older
     * ones but the previous, which stays as the fallback should this one turn out unreadable.
     */
    static void write(Path dir, Model model, State state) {
        String name = String.format("%s%04d", PREFIX, state.epochsSeen());
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(dir);
            deleteRecursively(tmp);
            Files.createDirectories(tmp);
            ModelSerializer.writeModel(model, tmp.resolve(MODEL_FILE).toFile(), true);
            writeState(tmp.resolve(STATE_FILE), state);
            deleteRecursively(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> entries = Files.list(dir)) {
                List<Path> older = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                        && p.getFileName().toString().compareTo(name) < 0)
                        .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
                for (Path old : older.subList(Math.min(1, older.size()), older.size())) {
                    deleteRecursively(old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the checkpoint " + target + ": " + e
                    + ". Check that the directory is writable and has space.", e);
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void writeState(Path file, State s) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(s.configuration().size());
            for (Map.Entry<String, String> e : s.configuration().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeUTF(s.modelType());
            out.writeInt(s.epochsSeen());
            out.writeLong(s.scoringNanos());
            out.writeInt(s.numExamples());
            writeScores(out, s.scorerStates());
            writeInts(out, s.predictions());
            out.writeBoolean(s.swap() != null);
            if (s.swap() != null) {
                Swap w = s.swap();
                writeInts(out, w.labels());
                writeInts(out, w.predicted());
                writeScores(out, w.scores());
                out.writeInt(w.decisions().length);
                for (Decision d : w.decisions()) {
                    out.writeByte(d.ordinal());
                }
                out.writeUTF(w.rule());
                out.writeInt(w.swapEpoch());
                out.writeInt(w.outlierCount());
            }
            writeInts(out, s.ledger().examplesPerEpoch());
            out.writeLong(s.ledger().extraInferenceExamples());
            out.writeLong(s.ledger().selectionNanos());
            out.writeLong(s.ledger().epochsWallNanos());
            out.writeInt(s.ledger().weightedEpochs());
            out.writeInt(s.ledger().annealingEpochs());
            out.writeBoolean(s.ledger().weightedNext());
            out.writeBoolean(s.ledger().annealingNext());
            float[] weights = s.ledger().nextWeights();
            out.writeInt(weights == null ? -1 : weights.length);
            for (int i = 0; weights != null && i < weights.length; i++) {
                out.writeFloat(weights[i]);
            }
        }
    }

    static State readState(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(file + " is not a DataPrune4J checkpoint state");
            }
            int version = in.readInt();
            if (version != VERSION && version != 1) {
                throw new IllegalArgumentException(file + " is a checkpoint of format " + version + "; this version"
                        + " of DataPrune4J reads format " + VERSION);
            }
            Map<String, String> config = new LinkedHashMap<>();
            int entries = in.readInt();
            for (int i = 0; i < entries; i++) {
                config.put(in.readUTF(), in.readUTF());
            }
            String modelType = in.readUTF();
            int epochs = in.readInt();
            long nanos = in.readLong();
            int n = in.readInt();
            Map<ScoreKind, double[]> states = readScores(in);
            int[] predictions = readInts(in);
            Swap swap = null;
            if (in.readBoolean()) {
                int[] labels = readInts(in);
                int[] predicted = readInts(in);
                Map<ScoreKind, double[]> scores = readScores(in);
                Decision[] decisions = new Decision[in.readInt()];
                for (int i = 0; i < decisions.length; i++) {
                    decisions[i] = Decision.values()[in.readByte()];
                }
                swap = new Swap(labels, predicted, scores, decisions, in.readUTF(), in.readInt(), in.readInt());
            }
            LedgerCounts ledger = version == 1 ? LedgerCounts.NONE : readLedger(in);
            return new State(config, modelType, epochs, nanos, n, states, predictions, swap, ledger);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the checkpoint state " + file + ": " + e, e);
        }
    }

    private static LedgerCounts readLedger(DataInputStream in) throws IOException {
        int[] perEpoch = readInts(in);
        long extra = in.readLong();
        long selection = in.readLong();
        long wall = in.readLong();
        int weighted = in.readInt();
        int annealing = in.readInt();
        boolean weightedNext = in.readBoolean();
        boolean annealingNext = in.readBoolean();
        int w = in.readInt();
        float[] weights = w < 0 ? null : new float[w];
        for (int i = 0; i < w; i++) {
            weights[i] = in.readFloat();
        }
        return new LedgerCounts(perEpoch, extra, selection, wall, weighted, annealing, weightedNext, annealingNext,
                weights);
    }

    private static void writeScores(DataOutputStream out, Map<ScoreKind, double[]> scores) throws IOException {
        out.writeInt(scores.size());
        for (Map.Entry<ScoreKind, double[]> e : scores.entrySet()) {
            out.writeUTF(e.getKey().name());
            out.writeInt(e.getValue().length);
            for (double v : e.getValue()) {
                out.writeDouble(v);
            }
        }
    }

    private static Map<ScoreKind, double[]> readScores(DataInputStream in) throws IOException {
        Map<ScoreKind, double[]> m = new EnumMap<>(ScoreKind.class);
        int kinds = in.readInt();
        for (int k = 0; k < kinds; k++) {
            ScoreKind kind = ScoreKind.valueOf(in.readUTF());
            double[] v = new double[in.readInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readDouble();
            }
            m.put(kind, v);
        }
        return m;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] v = new int[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readInt();
        }
        return v;
    }

    /** The configuration entries two runs must share for one to resume the other (paths may differ). */
    static Map<String, String> comparable(Map<String, String> configuration) {
        Map<String, String> m = withoutParameters(configuration);
        m.remove("scoresCsv");
        m.remove("checkpoints");
        m.remove("model");
        return m;
    }

    /** The configuration without the checkpoint-only parameter summary. */
    static Map<String, String> withoutParameters(Map<String, String> configuration) {
        Map<String, String> m = new LinkedHashMap<>(configuration);
        m.remove(ResumeChecks.PARAMETERS);
        m.remove(ResumeChecks.ARCHITECTURE);
        return m;
    }

    static List<String> differences(Map<String, String> saved, Map<String, String> now) {
        List<String> diffs = new ArrayList<>();
        for (String key : saved.keySet()) {
            if (!String.valueOf(saved.get(key)).equals(String.valueOf(now.get(key)))) {
                diffs.add(key + ": checkpoint " + saved.get(key) + ", now " + now.get(key));
            }
        }
        for (String key : now.keySet()) {
            if (!saved.containsKey(key)) {
                diffs.add(key + ": not in the checkpoint, now " + now.get(key));
            }
        }
        return diffs;
    }

    /** The model type a checkpoint records, to restore it with the right {@code ModelSerializer} method. */
    static String modelType(Model model) {
        return model instanceof ComputationGraph ? "ComputationGraph" : "MultiLayerNetwork";
    }
}
