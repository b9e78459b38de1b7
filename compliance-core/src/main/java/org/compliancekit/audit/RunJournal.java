package org.compliancekit.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.compliancekit.FailureMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long run on record while it runs, so that a run killed mid-way (a {@code kill -9}, a lost container) is
 * visible afterwards: a {@value #TYPE_RUN_STARTED} record when it begins, rate-limited {@value #TYPE_RUN_PROGRESS}
 * records with the rows committed so far, and its usual closing record carrying the same {@value #RUN_ID}. A later
 * run of the same operation that finds a started run without a closing record appends a
 * {@value #TYPE_RUN_INTERRUPTED} record naming it and the rows it had last reported committed. The records are
 * described in {@code docs/audit-chain.md}; none carries personal data.
 *
 * <p>Used by every engine that changes or copies data (retention, backup, cleanup, restore, subject requests). It
 * writes through the {@link AuditLog} only, so it works with every audit store.
 */
public final class RunJournal {
    private static final Logger LOG = LoggerFactory.getLogger(RunJournal.class);

    /** A run began: its operation and what it will do. */
    public static final String TYPE_RUN_STARTED = "run_started";
    /** A run's progress: rows committed so far, or a step (a rule, a table) finished. */
    public static final String TYPE_RUN_PROGRESS = "run_progress";
    /** A run that started and never closed: it was killed or its process died. */
    public static final String TYPE_RUN_INTERRUPTED = "run_interrupted";
    /** The detail naming the run in each of its records, including the operation's own closing record. */
    public static final String RUN_ID = "run_id";
    /** The detail naming the operation (the closing record's event type) in the journal's records. */
    public static final String OPERATION = "operation";
    /** The detail with the rows committed so far, in progress and interruption records. */
    public static final String COMMITTED_ROWS = "committed_rows";

    /** Default least time between two rate-limited progress records. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);
    /** Default number of committed rows that also earns a progress record before the interval has passed. */
    public static final long DEFAULT_PROGRESS_ROWS = 100_000;
    /** How long a run must have been silent before another process takes it as interrupted. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofHours(1);
    /** How far back, before the newest started run, a started run is looked for when checking. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);
    /** At most this many started records are looked at in one check, so a check stays cheap on a busy trail. */
    public static final int MAX_STARTED_SCANNED = 10_000;

    private static final int PAGE = 1_000;

    private final AuditLog log;
    private final Clock clock;
    private final Duration interval;
    private final long rows;
    private final Duration quietPeriod;
    private final boolean checkOnStart;

    private RunJournal(AuditLog log, Clock clock, Duration interval, long rows, Duration quietPeriod,
            boolean checkOnStart) {
        this.log = Objects.requireNonNull(log, "audit log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "progress interval");
        if (interval.isNegative() || rows < 1) {
            throw new IllegalArgumentException("the progress interval must not be negative and the progress rows "
                    + "must be at least 1, were " + interval + " and " + rows);
        }
        this.rows = rows;
        this.quietPeriod = Objects.requireNonNull(quietPeriod, "quiet period");
        this.checkOnStart = checkOnStart;
    }

    /**
     * A journal over {@code log} with the default progress rate and quiet period; {@code clock} says when "now" is
     * for the quiet period and should be the audit log's.
     */
    public static RunJournal of(AuditLog log, Clock clock) {
        return new RunJournal(log, clock, DEFAULT_PROGRESS_INTERVAL, DEFAULT_PROGRESS_ROWS, DEFAULT_QUIET_PERIOD,
                true);
    }

    /**
     * The same journal taking a started run without a closing record as interrupted once none of its records is
     * newer than {@code quietPeriod}, so that a live run of another process is not mistaken for a dead one. Zero
     * for a caller that knows no other run of the operations it checks can be live, such as the daily job holding
     * the job lock.
     */
    public RunJournal withQuietPeriod(Duration quietPeriod) {
        if (quietPeriod == null || quietPeriod.isNegative()) {
            throw new IllegalArgumentException("the quiet period must not be negative, was " + quietPeriod);
        }
        return new RunJournal(log, clock, interval, rows, quietPeriod, checkOnStart);
    }

    /**
     * The same journal writing a progress record once {@code interval} has passed or {@code rows} more rows were
     * committed since the last of the run's records, whichever comes first.
     */
    public RunJournal withProgressEvery(Duration interval, long rows) {
        return new RunJournal(log, clock, interval, rows, quietPeriod, checkOnStart);
    }

    /**
     * The same journal without the check for interrupted runs when a run starts: for operations run often and side
     * by side (subject requests), where a check per run would cost more than the run; the daily job checks them.
     */
    public RunJournal withoutCheckOnStart() {
        return new RunJournal(log, clock, interval, rows, quietPeriod, false);
    }

    /**
     * Runs {@code body} as one journaled run of {@code operation}: first records runs of the same operation that were
     * interrupted, then a started record, then the body. When the body throws before it closed the run, a
     * {@code failed} record of {@code operation} closes it with a message safe to store, and the exception goes on.
     *
     * @param operation the event type of the run's closing record, e.g. {@link AuditEvent#TYPE_PII_DELETION}
     * @param plan what the run will do (rules, tables, folder); no personal data
     */
    public <T> T run(String operation, String actor, String summary, Map<String, Object> plan,
            Function<Run, T> body) {
        Run run = start(operation, actor, summary, plan);
        try {
            return body.apply(run);
        } catch (RuntimeException e) {
            if (!run.closed) {
                run.close(new AuditEvent(operation, AuditStatus.FAILED, actor, operation.replace('_', ' ')
                        + " failed: " + FailureMessages.safe(e), Map.of("error", FailureMessages.safe(e)),
                        Duration.ofNanos(System.nanoTime() - run.startNanos), false));
            }
            throw e;
        }
    }

    /**
     * Records interrupted runs of {@code operation} (unless {@link #withoutCheckOnStart()}), then the new run's
     * started record.
     */
    public Run start(String operation, String actor, String summary, Map<String, Object> plan) {
        if (checkOnStart) {
            recordInterrupted(Set.of(operation), actor);
        }
        String id = UUID.randomUUID().toString();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(RUN_ID, id);
        details.put(OPERATION, operation);
        details.putAll(plan);
        log.append(new AuditEvent(TYPE_RUN_STARTED, AuditStatus.SUCCESS, actor, summary, details, Duration.ZERO,
                false));
        return new Run(id, operation, actor);
    }

    /**
     * Appends one {@value #TYPE_RUN_INTERRUPTED} record for each run of the given operations that started within
     * {@link #DEFAULT_LOOKBACK} before the newest started run (and among the newest {@value #MAX_STARTED_SCANNED}
     * started runs), has no closing or interruption record, and has been silent for the quiet period. Each names the
     * run, its operation, when it started, its last record and the rows it had last reported committed.
     *
     * @return the interruption records written, oldest run first
     */
    public List<AuditRecord> recordInterrupted(Set<String> operations, String actor) {
        Instant now = clock.instant();
        Map<String, AuditRecord> open = new LinkedHashMap<>();
        Instant oldest = null;
        AuditQuery q = AuditQuery.all().withTypes(TYPE_RUN_STARTED).withLimit(PAGE);
        Instant horizon = null;
        int scanned = 0;
        scan:
        for (List<AuditRecord> page = log.query(q); !page.isEmpty(); page = log.query(q)) {
            for (AuditRecord r : page) {
                // The horizon is taken from the log's own time stamps, so it holds whatever clock the caller uses.
                horizon = horizon == null ? r.occurredAt().minus(DEFAULT_LOOKBACK) : horizon;
                if (r.occurredAt().isBefore(horizon) || ++scanned > MAX_STARTED_SCANNED) {
                    break scan;
                }
                if (operations.contains(String.valueOf(r.event().details().get(OPERATION)))) {
                    open.put(runId(r), r);
                    oldest = r.occurredAt();
                }
            }
            q = q.before(page.get(page.size() - 1).sequence());
        }
        if (open.isEmpty()) {
            return List.of();
        }
        Set<String> closingTypes = new HashSet<>(operations);
        closingTypes.add(TYPE_RUN_INTERRUPTED);
        closingTypes.add(TYPE_RUN_PROGRESS);
        Map<String, AuditRecord> lastProgress = new HashMap<>();
        // Page by page, newest first, and only until every open run is closed: the records since the oldest open
        // run can be many (every progress record of every operation), so they are never collected.
        AuditQuery closing = AuditQuery.all().withTypes(closingTypes.toArray(String[]::new)).between(oldest, null)
                .withLimit(PAGE);
        for (List<AuditRecord> page = log.query(closing); !page.isEmpty() && !open.isEmpty(); page = log.query(closing)) {
            for (AuditRecord r : page) {
                String id = runId(r);
                if (id == null || !open.containsKey(id)) {
                    continue;
                }
                if (r.event().type().equals(TYPE_RUN_PROGRESS)) {
                    lastProgress.putIfAbsent(id, r); // newest first: the first seen is the last reported
                } else {
                    open.remove(id);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            closing = closing.before(page.get(page.size() - 1).sequence());
        }
        List<AuditEvent> events = new ArrayList<>();
        List<AuditRecord> runs = new ArrayList<>(open.values());
        java.util.Collections.reverse(runs);
        for (AuditRecord started : runs) {
            String id = runId(started);
            AuditRecord last = lastProgress.getOrDefault(id, started);
            if (!quietPeriod.isZero() && last.occurredAt().plus(quietPeriod).isAfter(now)) {
                continue;
            }
            Object committed = last == started ? 0L : last.event().details().getOrDefault(COMMITTED_ROWS, 0L);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put(RUN_ID, id);
            d.put(OPERATION, started.event().details().get(OPERATION));
            d.put("started_sequence", started.sequence());
            d.put("started_at", started.occurredAt().toString());
            d.put("started_by", started.event().actor());
            d.put("last_record_sequence", last.sequence());
            d.put("last_record_at", last.occurredAt().toString());
            d.put(COMMITTED_ROWS, committed);
            events.add(new AuditEvent(TYPE_RUN_INTERRUPTED, AuditStatus.FAILED, actor, "an earlier "
                    + String.valueOf(started.event().details().get(OPERATION)).replace('_', ' ') + " run (record "
                    + started.sequence() + ") never finished; it had last reported " + committed
                    + " rows committed", d, Duration.ZERO, false));
        }
        return log.appendAll(events);
    }

    private static String runId(AuditRecord r) {
        Object id = r.event().details().get(RUN_ID);
        return id == null ? null : id.toString();
    }

    /** One journaled run: report its progress, then close it with the operation's own record. */
    public final class Run {
        private final String id;
        private final String operation;
        private final String actor;
        private final long startNanos = System.nanoTime();
        private long lastNanos = startNanos;
        private long lastRows;
        private volatile boolean closed;

        private Run(String id, String operation, String actor) {
            this.id = id;
            this.operation = operation;
            this.actor = actor;
        }

        /** The run's id, as written in every one of its records. */
        public String id() {
            return id;
        }

        /**
         * Reports that {@code committedRows} rows (in total, since the run began) are committed; writes a progress
         * record only when the journal's interval has passed or its row count was reached since the last one. Never
         * throws: a progress record that cannot be written is logged and skipped.
         */
        public synchronized void progress(long committedRows, Map<String, Object> details) {
            long now = System.nanoTime();
            if (now - lastNanos >= interval.toNanos() || committedRows - lastRows >= rows) {
                write(committedRows, "progress", details);
            }
        }

        /**
         * Records a finished step (a rule, a table) with the rows committed so far, whatever the rate limit; never
         * throws, as {@link #progress} does not.
         */
        public synchronized void step(long committedRows, Map<String, Object> details) {
            write(committedRows, "step", details);
        }

        /** Appends the run's closing record: {@code end} with the run id added to its details. */
        public synchronized AuditRecord close(AuditEvent end) {
            closed = true;
            return log.append(closing(end));
        }

        /**
         * The audit log to hand the run's engine: an event of the run's operation that is not a dry run closes the run
         * (its run id added); every other call goes to the journal's log unchanged. Lets an engine that already
         * records its own outcome be journaled without changing how it records it.
         */
        public AuditLog closingLog() {
            return new ClosingLog();
        }

        private AuditEvent closing(AuditEvent end) {
            Map<String, Object> d = new LinkedHashMap<>(end.details());
            d.put(RUN_ID, id);
            return end.withDetails(d);
        }

        private boolean closes(AuditEvent e) {
            return e.type().equals(operation) && !e.dryRun();
        }

        /** See {@link #closingLog()}. */
        private final class ClosingLog implements AuditLog {
            @Override
            public AuditRecord append(AuditEvent event) {
                return closes(event) ? close(event) : log.append(event);
            }

            @Override
            public List<AuditRecord> appendAll(List<AuditEvent> events) {
                List<AuditEvent> out = new ArrayList<>(events.size());
                for (AuditEvent e : events) {
                    if (closes(e)) {
                        closed = true;
                        out.add(closing(e));
                    } else {
                        out.add(e);
                    }
                }
                return log.appendAll(out);
            }

            @Override
            public List<AuditRecord> query(AuditQuery query) {
                return log.query(query);
            }

            @Override
            public Checkpoint checkpoint() {
                return log.checkpoint();
            }

            @Override
            public boolean signsCheckpoints() {
                return log.signsCheckpoints();
            }

            @Override
            public PruneResult prune(Instant before) {
                return log.prune(before);
            }

            @Override
            public AuditVerification verify(AuditRange range) {
                return log.verify(range);
            }

            @Override
            public PersonalFieldErasure erasePersonalFields(String subjectRef) {
                return log.erasePersonalFields(subjectRef);
            }

            @Override
            public PersonalFieldErasure erasePersonalFieldsBefore(Instant before, Set<String> names) {
                return log.erasePersonalFieldsBefore(before, names);
            }
        }

        private void write(long committedRows, String kind, Map<String, Object> details) {
            try {
                append(committedRows, kind, details);
            } catch (RuntimeException e) {
                // Progress is a trace, not the work: a failed write must not stop the run, whose closing record says
                // how it ended. The next progress record tries again.
                LOG.warn("{} run {}: progress not recorded: {}", operation, id, FailureMessages.safe(e));
            }
        }

        private void append(long committedRows, String kind, Map<String, Object> details) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put(RUN_ID, id);
            d.put(OPERATION, operation);
            d.put("kind", kind);
            d.put(COMMITTED_ROWS, committedRows);
            d.putAll(details);
            log.append(new AuditEvent(TYPE_RUN_PROGRESS, AuditStatus.SUCCESS, actor, operation.replace('_', ' ')
                    + " " + kind + ": " + committedRows + " rows committed", d,
                    Duration.ofNanos(System.nanoTime() - startNanos), false));
            lastNanos = System.nanoTime();
            lastRows = committedRows;
        }
    }
}
