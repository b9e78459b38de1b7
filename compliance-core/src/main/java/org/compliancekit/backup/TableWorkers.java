package org.compliancekit.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.compliancekit.FailureMessages;
import org.compliancekit.StorageException;
import org.compliancekit.store.ReadView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through tables over one read view and the sibling views it hands out, all on the same snapshot: one
 * thread per view, each taking the next table nobody has started. With one view (the store shares no snapshot,
 * or one connection was asked for) the tables are done in order on the calling thread. A table that fails is an
 * outcome like any other; the remaining tables go on.
 */
final class TableWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(TableWorkers.class);

    private TableWorkers() {
    }

    /** The work for one table, on the view of the thread that took it. */
    @FunctionalInterface
    interface Job<T> {
        T run(ReadView view, String table) throws IOException;
    }

    /** What became of one table: its value, or the error that stopped it. */
    record Outcome<T>(String table, T value, Exception error) {
    }

    /** The outcomes of a run, in the order of the tables given, and how many views read them. */
    record Run<T>(List<Outcome<T>> outcomes, int views) {
    }

    /**
     * Runs {@code job} for every table, over {@code view} and up to {@code parallelism - 1} siblings of it. A sibling
     * that cannot be opened leaves the work to the views already open.
     */
    static <T> Run<T> run(ReadView view, List<String> tables, int parallelism, Job<T> job) {
        List<ReadView> views = new ArrayList<>();
        views.add(view);
        try {
            openSiblings(view, views, Math.min(parallelism, tables.size()));
            List<Outcome<T>> outcomes = views.size() == 1 ? serially(view, tables, job) : inParallel(views, tables, job);
            return new Run<>(outcomes, views.size());
        } finally {
            closeSiblings(views);
        }
    }

    private static void openSiblings(ReadView view, List<ReadView> views, int wanted) {
        while (views.size() < wanted) {
            Optional<ReadView> sibling;
            try {
                sibling = view.openSibling();
            } catch (RuntimeException e) {
                LOG.warn("backup: reading over {} connection(s) instead of {}: another view on the snapshot could "
                        + "not be opened: {}", views.size(), wanted, FailureMessages.safe(e));
                return;
            }
            if (sibling.isEmpty()) {
                return; // the store shares no snapshot between connections
            }
            views.add(sibling.get());
        }
    }

    private static <T> List<Outcome<T>> serially(ReadView view, List<String> tables, Job<T> job) {
        List<Outcome<T>> out = new ArrayList<>();
        for (String table : tables) {
            out.add(attempt(view, table, job));
        }
        return out;
    }

    private static <T> List<Outcome<T>> inParallel(List<ReadView> views, List<String> tables, Job<T> job) {
        @SuppressWarnings("unchecked")
        Outcome<T>[] outcomes = new Outcome[tables.size()];
        AtomicInteger nextTable = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(views.size(), r -> {
            Thread t = new Thread(r, "compliance-backup-table");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (ReadView v : views) {
                workers.add(pool.submit(() -> {
                    try {
                        for (int i = nextTable.getAndIncrement(); i < tables.size() && !stop.get();
                                i = nextTable.getAndIncrement()) {
                            outcomes[i] = attempt(v, tables.get(i), job);
                        }
                    } catch (Error e) {
                        stop.set(true); // out of memory, say: start no further table
                        throw e;
                    }
                }));
            }
            Throwable fatal = awaitAll(workers, stop);
            if (fatal instanceof Error e) {
                throw e;
            }
        } finally {
            pool.shutdown();
        }
        List<Outcome<T>> out = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            out.add(outcomes[i] != null ? outcomes[i] : new Outcome<>(tables.get(i), null,
                    new StorageException("table " + tables.get(i) + " was not backed up: the backup was stopped")));
        }
        return out;
    }

    /**
     * Waits for every worker: their views must be idle before they are closed. An interrupt stops the workers from
     * starting further tables and is passed on once they have finished.
     */
    private static Throwable awaitAll(List<Future<?>> workers, AtomicBoolean stop) {
        Throwable fatal = null;
        boolean interrupted = false;
        for (Future<?> w : workers) {
            while (true) {
                try {
                    w.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                } catch (ExecutionException e) {
                    fatal = fatal == null ? e.getCause() : fatal;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return fatal;
    }

    private static <T> Outcome<T> attempt(ReadView view, String table, Job<T> job) {
        try {
            return new Outcome<>(table, job.run(view, table), null);
        } catch (RuntimeException | IOException e) {
            return new Outcome<>(table, null, e);
        }
    }

    private static void closeSiblings(List<ReadView> views) {
        for (ReadView v : views.subList(1, views.size())) {
            try {
                v.close();
            } catch (RuntimeException e) {
                LOG.warn("backup: closing a view on the snapshot failed: {}", FailureMessages.safe(e));
            }
        }
    }
}
