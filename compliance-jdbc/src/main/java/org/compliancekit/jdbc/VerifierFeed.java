package org.compliancekit.jdbc;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.compliancekit.StorageException;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.ChainVerifier;

/**
 * Hands rows read on the calling thread to a {@link ChainVerifier} on a second thread, in batches through a bounded
 * queue, so decoding the database's rows and hashing them overlap. Memory is at most {@code QUEUED + 2} batches of
 * {@code batchSize} rows. Rows keep their order; the verifier sees them exactly as a single thread would.
 *
 * <p>Use: {@link #accept} every row (stop when it returns {@code false}: the verifier found a break or passed the
 * range), then {@link #finish}. {@link #close} always ends the worker, also when reading failed.
 */
final class VerifierFeed implements AutoCloseable {

    private static final int QUEUED = 2;
    private static final ChainRow[] END = new ChainRow[0];

    private final ChainVerifier verifier;
    private final BlockingQueue<ChainRow[]> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread worker;
    private final int batchSize;
    private ChainRow[] batch;
    private int filled;
    private volatile boolean stopped;
    private volatile RuntimeException failure;
    private boolean finished;

    private VerifierFeed(ChainVerifier verifier, int batchSize, String table) {
        this.verifier = verifier;
        this.batchSize = batchSize;
        this.batch = new ChainRow[batchSize];
        this.worker = new Thread(this::work, "compliance-audit-verify-" + table);
        worker.setDaemon(true);
    }

    /** Starts the worker thread for {@code verifier}; {@code table} names the thread. */
    static VerifierFeed start(ChainVerifier verifier, int batchSize, String table) {
        VerifierFeed feed = new VerifierFeed(verifier, batchSize, table);
        feed.worker.start();
        return feed;
    }

    /** Queues {@code row}; {@code false} once the verifier wants no more rows. */
    boolean accept(ChainRow row) {
        if (stopped) {
            return false;
        }
        batch[filled++] = row;
        if (filled == batchSize) {
            put(batch);
            batch = new ChainRow[batchSize];
            filled = 0;
        }
        return !stopped;
    }

    /** Hands over the last rows and waits until the verifier has seen them all. */
    void finish() {
        if (filled > 0 && !stopped) {
            put(Arrays.copyOf(batch, filled));
        }
        filled = 0;
        put(END);
        finished = true;
        join();
        if (failure != null) {
            throw failure;
        }
    }

    /** Ends the worker without waiting for queued rows when {@link #finish} was not reached. */
    @Override
    public void close() {
        if (!finished) {
            stopped = true;
            worker.interrupt();
            join();
        }
    }

    private void work() {
        try {
            for (ChainRow[] rows = queue.take(); rows != END; rows = queue.take()) {
                if (!stopped) {
                    feed(rows);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            stopped = true;
            // Drain so the reader never blocks on a full queue once the worker is gone.
            queue.clear();
        }
    }

    private void feed(ChainRow[] rows) {
        for (ChainRow row : rows) {
            if (!verifier.accept(row)) {
                stopped = true;
                return;
            }
        }
    }

    private void put(ChainRow[] rows) {
        try {
            while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                if (!worker.isAlive()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("audit verification was interrupted while reading rows; run verify() again", e);
        }
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("audit verification was interrupted while checking rows; run verify() again", e);
        }
    }
}
