package org.dataprune4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dataprune4j.score.ScoreKind;
import org.dataprune4j.score.ScoreTable;
import org.dataprune4j.select.Decision;
import org.dataprune4j.select.Selection;

/**
 * The pruning state a checkpoint holds beside its model, and its binary file format ({@code pruning-state.bin}):
 * the settings, the epochs seen, the scores collected so far or at the swap, the kept ids and the ledger's
 * counters. Internal to the listener; {@link PruningCheckpoint} manages the folders.
 */
record CheckpointState(Map<String, String> configuration, String modelType, int epochsSeen, long scoringNanos,
                       int numExamples, Map<ScoreKind, double[]> scorerStates, int[] predictions,
                       CheckpointState.Swap swap, CheckpointState.LedgerCounts ledger,
                       Map<String, byte[]> augmentationStates) {
    private static final int MAGIC = 0x44503443; // "DP4C"
    /**
     * Format 2 adds the ledger's counters and a dynamic schedule's state (the next epoch's weights), format 3 the
     * augmentation's random state ({@link ResumableAugmentation}), format 4 the examples trained of each class; format
     * 1 to 3 files still read, with an empty ledger (format 1), no augmentation state (1, 2) and the examples per
     * class not known (1 to 3).
     */
    private static final int VERSION = 4;

    /**
     * The ledger's counters so far, so that a resumed run's ledger covers the whole run; {@code examplesPerClass} null
     * where a state of format 1 to 3 did not keep them.
     */
    record LedgerCounts(int[] examplesPerEpoch, long extraInferenceExamples, long selectionNanos,
                        long epochsWallNanos, int weightedEpochs, int annealingEpochs, boolean weightedNext,
                        boolean annealingNext, float[] nextWeights, long[] examplesPerClass) {
        static final LedgerCounts NONE = new LedgerCounts(new int[0], 0, 0, 0, 0, 0, false, false, null, null);

        LedgerCounts withExamplesPerClass(long[] perClass) {
            return new LedgerCounts(examplesPerEpoch, extraInferenceExamples, selectionNanos, epochsWallNanos,
                    weightedEpochs, annealingEpochs, weightedNext, annealingNext, nextWeights, perClass);
        }
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
            return new PruningReport(ScoreTable.of(labels, predicted, scores),
                    ScoreKind.valueOf(configuration.get("scoreKind")), new Selection(decisions, rule), swapEpoch,
                    outlierCount, Duration.ofNanos(scoringNanos), ScoringDetails.none(), configuration,
                    Provenance.current());
        }
    }

    /** Writes this state to {@code file} in the current format. */
    void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(configuration.size());
            for (Map.Entry<String, String> e : configuration.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeUTF(modelType);
            out.writeInt(epochsSeen);
            out.writeLong(scoringNanos);
            out.writeInt(numExamples);
            writeScores(out, scorerStates);
            writeInts(out, predictions);
            out.writeBoolean(swap != null);
            if (swap != null) {
                writeInts(out, swap.labels());
                writeInts(out, swap.predicted());
                writeScores(out, swap.scores());
                out.writeInt(swap.decisions().length);
                for (Decision d : swap.decisions()) {
                    out.writeByte(d.ordinal());
                }
                out.writeUTF(swap.rule());
                out.writeInt(swap.swapEpoch());
                out.writeInt(swap.outlierCount());
            }
            writeLedger(out, ledger);
            out.writeInt(augmentationStates.size());
            for (Map.Entry<String, byte[]> e : augmentationStates.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            long[] perClass = ledger.examplesPerClass();
            out.writeInt(perClass == null ? -1 : perClass.length);
            for (int c = 0; perClass != null && c < perClass.length; c++) {
                out.writeLong(perClass[c]);
            }
        }
    }

    /**
     * Reads a state file of format 1 to 4.
     *
     * @throws IllegalArgumentException if the file is not a checkpoint state or of a format this version cannot read
     * @throws UncheckedIOException if it cannot be read (cut short, say)
     */
    static CheckpointState read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException(file + " is not a DataPrune4J checkpoint state");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException(file + " is a checkpoint of format " + version + "; this version"
                        + " of DataPrune4J reads formats 1 to " + VERSION + " (a newer DataPrune4J wrote it?)");
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
            Map<String, byte[]> augmentation = new LinkedHashMap<>();
            for (int k = version < 3 ? 0 : in.readInt(); k > 0; k--) {
                String key = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                augmentation.put(key, bytes);
            }
            if (version >= 4) {
                int classes = in.readInt();
                long[] perClass = classes < 0 ? null : new long[classes];
                for (int c = 0; c < classes; c++) {
                    perClass[c] = in.readLong();
                }
                ledger = ledger.withExamplesPerClass(perClass);
            }
            return new CheckpointState(config, modelType, epochs, nanos, n, states, predictions, swap, ledger,
                    augmentation);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the checkpoint state " + file + ": " + e, e);
        }
    }

    private static void writeLedger(DataOutputStream out, LedgerCounts ledger) throws IOException {
        writeInts(out, ledger.examplesPerEpoch());
        out.writeLong(ledger.extraInferenceExamples());
        out.writeLong(ledger.selectionNanos());
        out.writeLong(ledger.epochsWallNanos());
        out.writeInt(ledger.weightedEpochs());
        out.writeInt(ledger.annealingEpochs());
        out.writeBoolean(ledger.weightedNext());
        out.writeBoolean(ledger.annealingNext());
        float[] weights = ledger.nextWeights();
        out.writeInt(weights == null ? -1 : weights.length);
        for (int i = 0; weights != null && i < weights.length; i++) {
            out.writeFloat(weights[i]);
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
                weights, null);
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
}
