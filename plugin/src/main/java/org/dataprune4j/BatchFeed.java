package org.dataprune4j;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One epoch's batches for the {@link PruningIterator}, read from a source cursor either on the caller's thread or
 * ahead of it on a prefetch thread of our own.
 *
 * <p>Why our own thread: DL4J's {@code AsyncDataSetIterator} keeps an exception of its prefetch thread in a field
 * its consumer never reads, and the consumer then waits forever for the batch that never comes (DL4J issues #3281,
 * #6834). Here every exception, from the source, its cursor or the pre-processor, travels through the queue like a
 * batch and is thrown on the training thread by {@link #hasNext()} or {@link #next()}, wrapped in an
 * {@link IllegalStateException} that names it. The iterator tells DL4J {@code asyncSupported() == false}, so DL4J
 * adds no prefetch of its own.
 */
abstract class BatchFeed implements AutoCloseable {

    /** A batch with the ids of its rows. */
    record Batch(DataSet data, int[] ids) {
    }

    /** Whether another batch comes this epoch; throws the error that ended the epoch, if any. */
    abstract boolean hasNext();

    /** The next batch; throws the error that ended the epoch, if any. */
    abstract Batch next();

    /** Stops reading (a reset mid-epoch); never throws. */
    @Override
    public abstract void close();

    /** Reads on the caller's thread. */
    static BatchFeed direct(ExampleSource.Cursor cursor, UnaryOperator<DataSet> preProcess) {
        return new Direct(cursor, preProcess);
    }

    /** Reads up to {@code depth} batches ahead on a prefetch thread ({@link PrefetchThread}). */
    static BatchFeed prefetching(ExampleSource.Cursor cursor, UnaryOperator<DataSet> preProcess, int depth) {
        return new Prefetching(cursor, preProcess, depth);
    }

    static IllegalStateException readFailure(Throwable cause) {
        if (cause instanceof IllegalStateException e && e.getMessage() != null
                && e.getMessage().startsWith("The source iterator")) {
            return e;
        }
        return new IllegalStateException("The PruningIterator could not produce the next training batch: " + cause
                + ". It came from the source iterator or the pre-processor (e.g. a normalizer used before fit was"
                + " called on it); fix it and train again.", cause);
    }

    private static final class Direct extends BatchFeed {
        private final ExampleSource.Cursor cursor;
        private final UnaryOperator<DataSet> preProcess;

        Direct(ExampleSource.Cursor cursor, UnaryOperator<DataSet> preProcess) {
            this.cursor = cursor;
            this.preProcess = preProcess;
        }

        @Override
        boolean hasNext() {
            boolean more;
            try {
                more = cursor.hasNext();
            } catch (RuntimeException e) {
                throw readFailure(e);
            }
            if (!more && cursor.failure() != null) {
                throw cursor.failure();
            }
            return more;
        }

        @Override
        Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("No more batches this epoch; call reset() to start the next one");
            }
            try {
                DataSet data = cursor.next();
                return new Batch(preProcess.apply(data), cursor.lastIds());
            } catch (RuntimeException e) {
                throw readFailure(e);
            }
        }

        @Override
        public void close() {
        }
    }

    private static final class Prefetching extends BatchFeed {
        private static final Object END = new Object();

        private final BlockingQueue<Object> queue;
        private final Future<?> reading;
        private volatile boolean stopped;
        private Object head;

        Prefetching(ExampleSource.Cursor cursor, UnaryOperator<DataSet> preProcess, int depth) {
            this.queue = new ArrayBlockingQueue<>(depth + 1);
            this.reading = PrefetchThread.submit(() -> {
                Object last = END;
                try {
                    while (!stopped && cursor.hasNext()) {
                        DataSet data = cursor.next();
                        if (!put(new Batch(preProcess.apply(data), cursor.lastIds()))) {
                            return;
                        }
                    }
                    if (cursor.failure() != null) {
                        last = cursor.failure();
                    }
                } catch (Throwable t) {
                    last = t;
                }
                put(last);
            });
        }

        /** Puts an item, giving up when the feed was closed; false if it gave up. */
        private boolean put(Object item) {
            try {
                while (!stopped) {
                    if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        private Object head() {
            if (head == null) {
                try {
                    head = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the next training batch", e);
                }
            }
            return head;
        }

        @Override
        boolean hasNext() {
            Object h = head();
            if (h instanceof Throwable t) {
                throw readFailure(t);
            }
            return h != END;
        }

        @Override
        Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("No more batches this epoch; call reset() to start the next one");
            }
            Batch b = (Batch) head;
            head = null;
            return b;
        }

        @Override
        public void close() {
            // No interrupt: the thread may be inside the user's source, whose I/O an interrupt could break. It sees
            // the flag within 100 ms of its next put, or at its next batch.
            stopped = true;
            queue.clear();
            try {
                reading.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // the reader's own errors went through the queue; one still stuck in the source is left to end
            }
        }
    }
}
