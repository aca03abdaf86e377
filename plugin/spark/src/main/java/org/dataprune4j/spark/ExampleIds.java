package org.dataprune4j.spark;

import static org.dataprune4j.internal.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;
import scala.Tuple2;

/**
 * Gives every example of an RDD a stable id: the keyed form every class of this package takes.
 */
public final class ExampleIds {
    private ExampleIds() {
    }

    /**
     * Splits the data's minibatches into single examples and numbers them 0 to n - 1 in the RDD's order
     * ({@code zipWithIndex}). The result is persisted (memory and disk): the ids are computed once and stay with
     * their examples through every later repartition, shuffle and epoch. Keep this one keyed RDD for the whole run.
     *
     * @param data minibatches (or single examples) with one-hot labels; its order must be deterministic (a source
     *     read in a fixed order, or a persisted RDD), since the ids are the positions in that order
     * @throws IllegalArgumentException if the data holds more than Integer.MAX_VALUE examples
     */
    public static JavaPairRDD<Long, DataSet> of(JavaRDD<DataSet> data) {
        requireNonNull(data, "data");
        JavaRDD<DataSet> examples = data.flatMap(batch -> {
            int n = batch.numExamples();
            List<DataSet> single = new ArrayList<>(n);
            if (n == 1) {
                single.add(batch);
            } else {
                single.addAll(batch.asList());
            }
            return single.iterator();
        });
        JavaPairRDD<Long, DataSet> keyed = examples.zipWithIndex().mapToPair(Tuple2::swap)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long count = keyed.count();
        checkArgument(count <= Integer.MAX_VALUE, "%s examples: ids are ints, at most %s examples a run", count,
                Integer.MAX_VALUE);
        return keyed;
    }
}
