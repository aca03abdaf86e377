package org.dataprune4j.spark;

import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.util.ExportSupport;

/**
 * Refuses, before the first epoch, a training master that dl4j-spark would stop in the middle of the run: its default
 * {@code RDDTrainingApproach.Export} writes every epoch's minibatches to the default Hadoop file system for the
 * executors to read back, so on a cluster whose default file system is local (a standalone cluster without HDFS)
 * dl4j-spark throws at the first {@code fit}. The decision is dl4j-spark's own ({@link ExportSupport}).
 */
final class TrainingApproachCheck {
    private static final Pattern APPROACH = Pattern.compile("\"rddTrainingApproach\"\\s*:\\s*\"(\\w+)\"");

    private TrainingApproachCheck() {
    }

    static void check(TrainingMaster<?, ?> master, JavaSparkContext sc) {
        if (master != null && sc != null) {
            check(approach(master), sc.master(), () -> ExportSupport.exportSupported(sc));
        }
    }

    /** The master's RDD training approach ({@code Export}, {@code Direct}), or null if it does not say. */
    static String approach(TrainingMaster<?, ?> master) {
        Matcher m = APPROACH.matcher(master.toJson());
        return m.find() ? m.group(1) : null;
    }

    static void check(String approach, String sparkMaster, BooleanSupplier exportSupported) {
        if ("Export".equals(approach) && !exportSupported.getAsBoolean()) {
            throw new IllegalStateException("The training master uses dl4j-spark's default RDDTrainingApproach.Export,"
                    + " which writes every epoch's minibatches to the default file system for the executors to read"
                    + " back; on this cluster (master " + sparkMaster + ") that file system is the local one, which the"
                    + " executors do not share, and dl4j-spark would stop at the first epoch. Build the training master"
                    + " with .rddTrainingApproach(RDDTrainingApproach.Direct) (what the README uses; it trains from the"
                    + " RDD in memory), or set spark.hadoop.fs.defaultFS to a file system every executor reads"
                    + " (HDFS, S3).");
        }
    }
}
