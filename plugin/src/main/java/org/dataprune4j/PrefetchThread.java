package org.dataprune4j;

import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread an iterator reads ahead on, kept from epoch to epoch. A new thread per epoch made the process grow
 * by tens of MB an epoch without a plateau (glibc gives a new thread's allocations, ND4J's buffers among them, a
 * malloc arena of their own, and what another thread frees later stays in that arena): docs/BENCHMARKS.md, "State
 * footprint". The thread ends after {@link #IDLE_MINUTES} idle minutes and is started again when needed. Internal
 * to the iterator.
 */
final class PrefetchThread {
    static final long IDLE_MINUTES = 5;
    private ThreadPoolExecutor executor;
    private Future<?> last;

    /**
     * Runs the task on the prefetch thread. If the previous task is still running (stuck in the user's source after
     * its feed was closed), the task gets a new thread rather than waiting behind it.
     */
    synchronized Future<?> submit(Runnable task) {
        if (executor == null || (last != null && !last.isDone())) {
            if (executor != null) {
                executor.shutdown();
            }
            executor = new ThreadPoolExecutor(1, 1, IDLE_MINUTES, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "dataprune4j-prefetch");
                        t.setDaemon(true);
                        return t;
                    });
            executor.allowCoreThreadTimeOut(true);
        }
        last = executor.submit(task);
        return last;
    }
}
