package org.dataprune4j.spark;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.storage.RDDInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user, once per keyed RDD, when Spark holds part of it on disk or not at all: every scoring pass and every
 * epoch then reads those partitions back and deserialises them, or recomputes them from the source. Measured on the
 * standalone cluster (docs/BENCHMARKS.md): one one-core executor of 3 GB could not hold 600,000 Fashion-MNIST records
 * (1,865 MB) in memory and scored them at 0.64x the single-machine pass; with 6 GB, at 0.67-0.81x.
 */
final class CacheCheck {
    private static final Logger log = LoggerFactory.getLogger(CacheCheck.class);
    private static final Set<Integer> WARNED = ConcurrentHashMap.newKeySet();

    private CacheCheck() {
    }

    /** Logs a warning, the first time for this RDD, if it is cached only in part in memory. */
    static void warnIfNotInMemory(SparkContext sc, int rddId) {
        Arrays.stream(sc.getRDDStorageInfo()).filter(r -> r.id() == rddId).findFirst().flatMap(CacheCheck::problem)
                .filter(m -> WARNED.add(rddId)).ifPresent(log::warn);
    }

    /** What is wrong with how Spark holds this RDD, if anything (only a cached RDD is listed by Spark). */
    static Optional<String> problem(RDDInfo info) {
        return problem(info.numPartitions(), info.numCachedPartitions(), info.memSize(), info.diskSize());
    }

    static Optional<String> problem(int partitions, int cachedPartitions, long memBytes, long diskBytes) {
        String fix = " Give the executors more memory (spark.executor.memory: Spark keeps cached data in about 0.6 of"
                + " (heap - 300 MB), and a record takes about 4 bytes a float feature plus 100) or more executors, or"
                + " accept the cost.";
        if (diskBytes > 0) {
            return Optional.of(String.format(Locale.ROOT, "%,d MB of the keyed examples are on the executors' disks"
                    + " (%,d MB in memory): every scoring pass and epoch reads them back and deserialises them"
                    + " (measured: 600,000 images took 6.1 s a pass on a one-core executor of 3 GB, 4.8-5.6 s with"
                    + " 6 GB).%s", diskBytes >> 20, memBytes >> 20, fix));
        }
        if (cachedPartitions < partitions) {
            return Optional.of(String.format(Locale.ROOT, "Only %d of the keyed examples' %d partitions are cached:"
                    + " Spark recomputes the others from the source at every pass and epoch (their ids stay right only"
                    + " if the source is deterministic).%s", cachedPartitions, partitions, fix));
        }
        return Optional.empty();
    }
}
