package org.dataprune4j.score;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Maps;
import java.util.Set;
import java.util.EnumMap;
import java.util.Map;
import org.dataprune4j.internal.SmallInts;

/**
 * Every computed score of every example, keyed by example id (0 to size - 1), with each example's label
 * and the class the warm-up model last predicted for it. Immutable.
 *
 * <p>Compact: labels and predictions take one byte an example below 128 classes, and scores are held as 32-bit
 * floats, the precision of the network outputs they come from (4 bytes per example and score kind).
 * {@link #scores(ScoreKind)} widens them to doubles, each the shortest decimal of its float (0.1f reads as 0.1).
 */
public final class ScoreTable {
    private final SmallInts labels;
    private final SmallInts predicted;
    private final EnumMap<ScoreKind, float[]> scores;

    private ScoreTable(SmallInts labels, SmallInts predicted, EnumMap<ScoreKind, float[]> scores) {
        this.labels = labels;
        this.predicted = predicted;
        this.scores = scores;
    }

    /**
     * Builds a table.
     *
     * @param labels class index per example id
     * @param predicted last predicted class per example id, -1 where unknown
     * @param scores score arrays per kind, each of length {@code labels.length}, all finite and within float range
     */
    public static ScoreTable of(int[] labels, int[] predicted, Map<ScoreKind, double[]> scores) {
        requireNonNull(labels, "labels");
        requireNonNull(predicted, "predicted");
        requireNonNull(scores, "scores");
        checkArgument(labels.length > 0, "a score table needs at least one example");
        checkArgument(predicted.length == labels.length, "predicted has %s entries for %s labels",
                predicted.length, labels.length);
        checkArgument(!scores.isEmpty(), "a score table needs at least one score kind");
        EnumMap<ScoreKind, float[]> copy = new EnumMap<>(ScoreKind.class);
        for (Map.Entry<ScoreKind, double[]> e : scores.entrySet()) {
            double[] values = e.getValue();
            checkArgument(values.length == labels.length, "%s has %s scores for %s examples",
                    e.getKey(), values.length, labels.length);
            float[] narrowed = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                narrowed[i] = (float) values[i];
                if (!Float.isFinite(narrowed[i])) {
                    throw new IllegalArgumentException(e.getKey() + " score of example " + i + " is " + values[i]
                            + "; scores must be finite and within float range (|score| < 3.4e38)");
                }
            }
            copy.put(e.getKey(), narrowed);
        }
        return new ScoreTable(SmallInts.of(labels), SmallInts.of(predicted), copy);
    }

    /** Number of examples. */
    public int size() {
        return labels.length();
    }

    /** Number of classes: one more than the largest label. */
    public int numClasses() {
        int max = 0;
        for (int id = 0; id < labels.length(); id++) {
            max = Math.max(max, labels.get(id));
        }
        return max + 1;
    }

    /** The score kinds this table holds. */
    public Set<ScoreKind> kinds() {
        return ImmutableSet.copyOf(scores.keySet());
    }

    /** Whether this table holds scores of the given kind. */
    public boolean has(ScoreKind kind) {
        return scores.containsKey(kind);
    }

    /** The label of example {@code id}. */
    public int label(int id) {
        return labels.get(id);
    }

    /** The class the warm-up model last predicted for example {@code id}, or -1 if unknown. */
    public int predicted(int id) {
        return predicted.get(id);
    }

    /** A copy of every label, indexed by id. */
    public int[] labels() {
        return labels.toArray();
    }

    /**
     * The score of one example.
     *
     * @throws IllegalArgumentException if this table has no scores of that kind
     */
    public double score(ScoreKind kind, int id) {
        return Scores.widen(column(kind)[id]);
    }

    /** A copy of every score of a kind, indexed by id. */
    public double[] scores(ScoreKind kind) {
        return Scores.widen(column(kind));
    }

    private float[] column(ScoreKind kind) {
        float[] values = scores.get(requireNonNull(kind, "kind"));
        if (values == null) {
            throw new IllegalArgumentException("No " + kind + " scores were computed; this table holds " + kinds()
                    + ". Ask the listener to compute " + kind + " (PruningListenerBuilder.alsoCompute).");
        }
        return values;
    }

    @Override
    public String toString() {
        return "ScoreTable{" + size() + " examples, " + Maps.immutableEnumMap(Maps.asMap(
                kinds(), k -> k.columnName())).values() + "}";
    }
}
