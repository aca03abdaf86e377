package org.dataprune4j;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads iterators read ahead on, shared by all iterators and kept from epoch to epoch: an epoch's reading
 * goes to an idle thread if there is one, so a run reads every epoch on the same thread. A new thread per epoch
 * made the process grow by about 13 MB an epoch (glibc gives a new thread's allocations, ND4J's buffers among them,
 * a malloc arena of its own, and what another thread frees later stays in that arena): docs/BENCHMARKS.md, "Over
 * 100 epochs". Shared, so that many short-lived iterators (a tuner's proxy runs) do not each keep a thread; a thread
 * idle for {@link #IDLE_SECONDS} seconds ends. A reader stuck in a user's source gets no new work, and the next
 * epoch gets another thread. Internal to the iterator.
 */
final class PrefetchThread {
    static final long IDLE_SECONDS = 60;
    private static final ExecutorService SHARED = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "dataprune4j-prefetch");
                t.setDaemon(true);
                return t;
            });

    private PrefetchThread() {
    }

    /** Runs an epoch's reading on an idle prefetch thread, or a new one if none is idle. */
    static Future<?> submit(Runnable task) {
        return SHARED.submit(task);
    }
}
