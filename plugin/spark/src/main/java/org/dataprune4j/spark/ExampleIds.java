package org.dataprune4j.spark;

import static org.dataprune4j.internal.Checks.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.NoSuchElementException;
import org.apache.spark.Dependency;
import org.apache.spark.Partition;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.ParallelCollectionPartition;
import org.apache.spark.rdd.ParallelCollectionRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * Gives every example of an RDD a stable id: the keyed form ({@code JavaPairRDD<Long, ExampleRecord>}) every class of
 * this package takes.
 */
public final class ExampleIds {
    private static final Logger log = LoggerFactory.getLogger(ExampleIds.class);

    private ExampleIds() {
    }

    /**
     * Splits the data's minibatches into {@link ExampleRecord}s (on the executors, one bulk copy a minibatch) and
     * numbers them 0 to n - 1 in the RDD's order ({@code zipWithIndex}). The result is persisted (memory and disk):
     * the ids are computed once and stay with their examples through every later repartition, shuffle and epoch. Keep
     * this one keyed RDD for the whole run.
     *
     * @param data minibatches (or single examples) with one-hot labels and no masks; its order must be deterministic
     *     (a source read in a fixed order, or a persisted RDD), since the ids are the positions in that order. Read
     *     it on the executors (a file source, a DataVec reader): data parallelized from the driver travels inside
     *     every task of every job over it (logged as a warning)
     * @throws IllegalArgumentException if the data holds more than Integer.MAX_VALUE examples; (when the job runs)
     *     if a minibatch has no labels, a mask or labels that are not one-hot, naming its partition and place
     */
    public static JavaPairRDD<Long, ExampleRecord> of(JavaRDD<DataSet> data) {
        requireNonNull(data, "data");
        warnIfParallelized(data.rdd());
        // one minibatch split at a time, so a partition's records are never all held twice
        JavaRDD<ExampleRecord> records = data.mapPartitionsWithIndex(SplitMinibatches::new, true);
        return number(records);
    }

    /**
     * Numbers records built by the caller (for example from DataVec records or lines of a file, on the executors)
     * 0 to n - 1 in the RDD's order, persisted as {@link #of} does.
     *
     * @param records one record per example, in a deterministic order
     * @throws IllegalArgumentException if there are more than Integer.MAX_VALUE records
     */
    public static JavaPairRDD<Long, ExampleRecord> ofRecords(JavaRDD<ExampleRecord> records) {
        requireNonNull(records, "records");
        warnIfParallelized(records.rdd());
        return number(records);
    }

    private static JavaPairRDD<Long, ExampleRecord> number(JavaRDD<ExampleRecord> records) {
        JavaPairRDD<Long, ExampleRecord> keyed = records.zipWithIndex().mapToPair(Tuple2::swap)
                .persist(StorageLevel.MEMORY_AND_DISK());
        long count = keyed.count();
        checkArgument(count <= Integer.MAX_VALUE, "%s examples: ids are ints, at most %s examples a run", count,
                Integer.MAX_VALUE);
        return keyed;
    }

    /**
     * Warns when the data comes from {@code parallelize} of examples on the driver: such an RDD's partitions carry
     * their elements, so every task of every later job over it (each scoring pass, each epoch) ships them again.
     */
    static boolean warnIfParallelized(RDD<?> rdd) {
        Deque<RDD<?>> todo = new ArrayDeque<>();
        todo.add(rdd);
        while (!todo.isEmpty()) {
            RDD<?> r = todo.poll();
            Object first = r instanceof ParallelCollectionRDD<?> p ? firstElement(p) : null;
            if (first instanceof DataSet || first instanceof MultiDataSet || first instanceof ExampleRecord) {
                log.warn("The data was parallelized from the driver (sc.parallelize of {}s): its partitions hold the"
                        + " examples, so every task of every job over them (each scoring pass and each epoch) ships"
                        + " them again, and Spark's recovery re-sends them from the driver. Read the data on the"
                        + " executors instead (a file source, a DataVec reader, or parallelize only file names or"
                        + " index ranges and load in flatMap).", first.getClass().getSimpleName());
                return true;
            }
            Iterator<Dependency<?>> deps = r.dependencies().iterator();
            while (deps.hasNext()) {
                todo.add(deps.next().rdd());
            }
        }
        return false;
    }

    /** A partition's minibatches as records, split one minibatch at a time. */
    private static final class SplitMinibatches implements java.util.Iterator<ExampleRecord> {
        private final int partition;
        private final java.util.Iterator<DataSet> batches;
        private java.util.Iterator<ExampleRecord> current = Collections.emptyIterator();
        private int batch;

        SplitMinibatches(int partition, java.util.Iterator<DataSet> batches) {
            this.partition = partition;
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && batches.hasNext()) {
                current = ExampleRecord.split(batches.next(), "DataSet " + batch++ + " of partition " + partition)
                        .iterator();
            }
            return current.hasNext();
        }

        @Override
        public ExampleRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    private static Object firstElement(ParallelCollectionRDD<?> p) {
        for (Partition part : p.partitions()) {
            if (part instanceof ParallelCollectionPartition<?> pc) {
                Iterator<?> it = pc.iterator();
                if (it.hasNext()) {
                    return it.next();
                }
            }
        }
        return null;
    }
}
