package org.compliancekit.backup;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.compliancekit.StorageException;
import org.compliancekit.store.RowCursor;

/**
 * Reads a cursor ahead on a thread of its own, so that the source is already producing the next rows while the
 * caller works on the previous ones: a backup encodes, compresses and encrypts while the store fetches; a restore
 * loads into the database while the table file is decrypted, decompressed and decoded. A failure of the source,
 * including its checks at the end, reaches the caller after the same rows it would have without the thread, and
 * again on every later call. At most {@link #DEPTH} batches of {@link #BATCH_ROWS} rows wait
 * between the two threads, so memory stays constant whatever the table's size.
 *
 * <p>The fetching thread owns the underlying cursor from the start: it reads it and closes it, and {@link #close()}
 * returns only once it has, so the caller may end the read view right after.
 */
final class PrefetchCursor implements RowCursor {
    /** Rows handed over at once: enough to make the hand-over cheap, few enough to keep memory small. */
    static final int BATCH_ROWS = 256;
    /** Batches that may wait to be encoded. */
    static final int DEPTH = 4;

    private static final Object END = new Object();

    private final RowCursor source;
    private final String table;
    private final List<String> columns;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean cancelled;
    private Object[][] batch = new Object[0][];
    private int next;
    private boolean done;
    private RuntimeException failure;
    private Error fatal;
    private boolean closed;

    private PrefetchCursor(RowCursor source, String table) {
        this.source = source;
        this.table = table;
        this.columns = source.columns();
    }

    /** Starts reading {@code source} ahead; {@code table} names the fetching thread and errors. */
    static RowCursor start(RowCursor source, String table) {
        PrefetchCursor c = new PrefetchCursor(source, table);
        Thread t = new Thread(c::fetch, "compliance-backup-fetch");
        t.setDaemon(true);
        t.start();
        return c;
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        if (done) {
            if (fatal != null) {
                throw fatal;
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        if (next == batch.length) {
            Object item = take();
            if (item == END) {
                done = true;
                return null;
            }
            if (item instanceof Failure f) {
                done = true;
                if (f.error() instanceof Error e) {
                    fatal = e;
                    throw e;
                }
                failure = (RuntimeException) f.error();
                throw failure;
            }
            batch = (Object[][]) item;
            next = 0;
        }
        Object[] row = batch[next];
        batch[next++] = null; // encoded rows become garbage at once
        return row;
    }

    private Object take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("reading table " + table + " was interrupted");
        }
    }

    /** Stops the fetching thread and waits until it has closed the underlying cursor. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelled = true;
        boolean interrupted = false;
        while (finished.getCount() > 0) {
            queue.clear(); // frees a fetcher blocked on a full queue; it then sees the cancellation
            try {
                finished.await(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true; // the underlying cursor must be closed before the view is, so wait on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fetching thread: batches rows into the queue until the end, a failure or cancellation. */
    private void fetch() {
        Object last = END;
        try {
            fill();
            source.close();
        } catch (RuntimeException | Error e) {
            try {
                source.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            last = new Failure(e);
        }
        try {
            hand(last);
        } finally {
            finished.countDown();
        }
    }

    private void fill() {
        while (!cancelled) {
            Object[][] rows = new Object[BATCH_ROWS][];
            int n = 0;
            Object[] r;
            try {
                r = source.next();
                while (r != null) {
                    rows[n++] = r;
                    if (n == BATCH_ROWS) {
                        break;
                    }
                    r = source.next();
                }
            } catch (RuntimeException | Error e) {
                // The rows read before the failure go first, so the reader meets it after the same row as without
                // this thread.
                if (n > 0) {
                    hand(Arrays.copyOf(rows, n));
                }
                throw e;
            }
            if (n > 0) {
                hand(n == BATCH_ROWS ? rows : Arrays.copyOf(rows, n));
            }
            if (r == null) {
                return;
            }
        }
    }

    /**
     * Puts {@code item} in the queue, waiting for room. Never gives up: the reader takes items until the end or a
     * failure, and {@link #close()} empties the queue until this thread has finished.
     */
    private void hand(Object item) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure of the fetching thread, rethrown on the reading one as it was raised. */
    private record Failure(Throwable error) {
    }
}
