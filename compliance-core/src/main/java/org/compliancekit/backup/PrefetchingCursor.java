package org.compliancekit.backup;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.compliancekit.StorageException;
import org.compliancekit.store.RowCursor;

/**
 * Reads a cursor on a thread of its own, a bounded number of row batches ahead of the caller, so that reading a
 * table file (decrypting, decompressing, decoding) runs while the caller writes the previous rows to a database.
 * A failure of the source, including its checks at the end, reaches the caller at the same row it would have
 * without the thread.
 */
final class PrefetchingCursor implements RowCursor {
    private static final int BATCH_ROWS = 512;
    private static final int BATCHES_AHEAD = 4;

    private final RowCursor source;
    private final List<String> columns;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean stopped;
    private Batch batch;
    private int pos;

    /** One run of rows; the last batch ends with {@code end} or {@code failure}. */
    private record Batch(Object[][] rows, int size, boolean end, RuntimeException failure) {
    }

    PrefetchingCursor(RowCursor source) {
        this.source = source;
        this.columns = source.columns();
        this.reader = new Thread(this::readAhead, "compliancekit-restore-read");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        while (batch == null || pos == batch.size()) {
            if (batch != null && batch.failure() != null) {
                throw batch.failure();
            }
            if (batch != null && batch.end()) {
                return null;
            }
            batch = take();
            pos = 0;
        }
        return batch.rows()[pos++];
    }

    @Override
    public void close() {
        stopped = true;
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
        }
    }

    private Batch take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while reading the backup", e);
        }
    }

    private void readAhead() {
        boolean last = false;
        while (!stopped && !last) {
            Object[][] rows = new Object[BATCH_ROWS][];
            int n = 0;
            boolean end = false;
            RuntimeException failure = null;
            try {
                while (n < BATCH_ROWS) {
                    Object[] row = source.next();
                    if (row == null) {
                        end = true;
                        break;
                    }
                    rows[n++] = row;
                }
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new StorageException("reading the backup failed: " + e.getClass().getSimpleName(), e);
            }
            last = end || failure != null;
            // The rows read before a failure go first, so the caller sees it after the same row as without this.
            if (!put(new Batch(rows, n, end, failure))) {
                return;
            }
        }
    }

    /** Hands a batch over, waiting for room; false when the caller closed the cursor meanwhile. */
    private boolean put(Batch b) {
        try {
            while (!stopped) {
                if (queue.offer(b, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            // closed by the caller
        }
        return false;
    }
}
