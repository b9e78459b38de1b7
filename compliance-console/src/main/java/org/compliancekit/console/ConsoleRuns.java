package org.compliancekit.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.compliancekit.backup.BackupProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool runs started from the console: one at a time, on a thread of their own, so that a long backup does not
 * hold a request open; the page polls {@link #get} for the state and the progress. Old runs are forgotten after
 * {@value #KEPT} newer ones.
 *
 * <p>It is also a {@link BackupProgress}: when the kit reports progress to it, a running backup shows the table
 * and rows it has reached.
 */
final class ConsoleRuns implements BackupProgress, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRuns.class);
    static final int KEPT = 20;

    private final Clock clock;
    private final ExecutorService executor;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final AtomicReference<Run> current = new AtomicReference<>();

    ConsoleRuns(Clock clock) {
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "compliance-console-run");
            t.setDaemon(true);
            return t;
        });
    }

    /** What a run is doing or did. */
    enum State { RUNNING, DONE, FAILED }

    /**
     * One run as the page shows it.
     *
     * @param progress the table reached and its rows so far, while a backup runs
     * @param result the engine's result value once done
     * @param error the failure's message once failed (library messages carry no row content)
     */
    record RunView(String id, String task, String actor, State state, Instant startedAt, Instant finishedAt,
            long elapsedMillis, String progress, Object result, String error) {
    }

    private final class Run {
        final String id = UUID.randomUUID().toString();
        final String task;
        final String actor;
        final Instant startedAt = clock.instant();
        volatile State state = State.RUNNING;
        volatile Instant finishedAt;
        volatile String progress = "";
        volatile Object result;
        volatile String error;

        Run(String task, String actor) {
            this.task = task;
            this.actor = actor;
        }

        RunView view() {
            Instant end = finishedAt != null ? finishedAt : clock.instant();
            return new RunView(id, task, actor, state, startedAt, finishedAt,
                    Duration.between(startedAt, end).toMillis(), progress, result, error);
        }
    }

    /**
     * Starts {@code work} unless another run is still going.
     *
     * @return the new run, or empty when one is running already
     */
    synchronized java.util.Optional<RunView> start(String task, String actor, Supplier<Object> work) {
        Run running = current.get();
        if (running != null && running.state == State.RUNNING) {
            return java.util.Optional.empty();
        }
        Run run = new Run(task, actor);
        runs.put(run.id, run);
        while (runs.size() > KEPT) {
            runs.remove(runs.keySet().iterator().next());
        }
        current.set(run);
        executor.execute(() -> {
            try {
                run.result = work.get();
                run.state = State.DONE;
            } catch (RuntimeException e) {
                run.error = describe(e);
                run.state = State.FAILED;
                LOG.warn("compliance console: {} run {} failed: {}", task, run.id, run.error);
            } finally {
                run.finishedAt = clock.instant();
            }
        });
        return java.util.Optional.of(run.view());
    }

    synchronized java.util.Optional<RunView> get(String id) {
        return java.util.Optional.ofNullable(runs.get(id)).map(Run::view);
    }

    @Override
    public void update(String table, long rows, boolean done) {
        Run run = current.get();
        if (run != null && run.state == State.RUNNING) {
            run.progress = table + ": " + rows + " rows" + (done ? " (done)" : "");
        }
    }

    /** A failure as the page may show it ({@link org.compliancekit.FailureMessages#safe}). */
    static String describe(RuntimeException e) {
        return org.compliancekit.FailureMessages.safe(e);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
