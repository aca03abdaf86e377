package org.dataprune4j.spark;

import static org.dataprune4j.internal.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.dataprune4j.score.ScoreKind;
import scala.Tuple2;

/**
 * Every example's scores from one scoring pass on Spark, held by the executors (a few bytes an example, cached per
 * partition beside the examples); the driver holds only the counts. Made by {@link SparkScoring}.
 */
public final class SparkScores {
    private final JavaRDD<PartitionScores> partitions;
    private final long count;
    private final int numClasses;
    private final boolean withForgetting;

    SparkScores(JavaRDD<PartitionScores> partitions, long count, int numClasses, boolean withForgetting) {
        this.partitions = requireNonNull(partitions, "partitions");
        this.count = count;
        this.numClasses = numClasses;
        this.withForgetting = withForgetting;
    }

    /** The scores of the kinds a Spark pass computes: EL2N, the loss, and forgetting when tracked. */
    public JavaPairRDD<Long, Double> scores(ScoreKind kind) {
        checkKind(kind);
        return partitions.flatMapToPair(ps -> {
            List<Tuple2<Long, Double>> out = new ArrayList<>(ps.size());
            for (int i = 0; i < ps.size(); i++) {
                out.add(new Tuple2<>((long) ps.ids[i], value(ps, kind, i)));
            }
            return out.iterator();
        });
    }

    /** Number of examples scored. */
    public long count() {
        return count;
    }

    /** Number of classes of the labels. */
    public int numClasses() {
        return numClasses;
    }

    /** Whether forgetting events are tracked (see {@link SparkScoring.Builder#trackForgetting}). */
    public boolean tracksForgetting() {
        return withForgetting;
    }

    /** Frees the cached scores on the executors. */
    public void unpersist() {
        partitions.unpersist(false);
    }

    JavaRDD<PartitionScores> partitions() {
        return partitions;
    }

    /**
     * Checks that a Spark scoring pass computes {@code kind}: EL2N, the loss or forgetting.
     *
     * @throws IllegalArgumentException for any other score
     */
    static void checkComputed(ScoreKind kind) {
        requireNonNull(kind, "kind");
        checkArgument(kind == ScoreKind.EL2N || kind == ScoreKind.LOSS || kind == ScoreKind.FORGETTING,
                "A Spark scoring pass computes EL2N, the loss and forgetting, not %s. Rank by one of those, or score"
                        + " on one machine with PruningListener.", kind);
    }

    void checkKind(ScoreKind kind) {
        checkComputed(kind);
        checkArgument(kind != ScoreKind.FORGETTING || withForgetting, "These scores do not track forgetting: build"
                + " the SparkScoring with trackForgetting(true) and score after every epoch.");
    }

    /** The score of example {@code i} of a partition, widened from the float it is stored as. */
    static double value(PartitionScores ps, ScoreKind kind, int i) {
        return switch (kind) {
            case EL2N -> ps.el2n[i];
            case LOSS -> ps.loss[i];
            case FORGETTING -> ps.forgetting[i];
            default -> throw new IllegalArgumentException("not a Spark score: " + kind);
        };
    }
}
