package org.compliancekit.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.compliancekit.ComplianceException;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.RunJournal;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.RowAction;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ExpiredPage;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces its retention rules on a {@link DataStore}: {@link #plan} says what would happen, {@link #execute} does it.
 * The rules are the engine's own, given once to its builder; a {@code ComplianceKit} gives it the policy's rules.
 * Both select rows with the same query, so executing right after a plan (nothing changed in between) affects
 * exactly the planned rows.
 *
 * <p>Execution walks each rule's expired rows in keyset pages of {@code batchSize}; each page is found and applied
 * in its own transaction, so a long run holds no long locks and a failure loses at most one batch. A rule that
 * fails (e.g. a foreign key blocks a delete, or its table is missing from the database) is reported and the run goes on with the other rules. Every
 * {@link #execute} and {@link #dryRun} records one {@code pii_deletion} audit event with per-rule counts, never
 * row contents. An {@link #execute} is also journaled ({@link org.compliancekit.audit.RunJournal}): a
 * {@code run_started} record before its first batch, {@code run_progress} records per rule and per group of
 * committed batches, so that a run killed mid-way is visible, and recorded as interrupted by the next run.
 */
public final class RetentionEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionEngine.class);

    /**
     * Default rows per batch (and per transaction): each batch is one commit, which on a database that waits for its
     * log to reach the disk costs milliseconds, so batches of a thousand rows spent a large share of a run
     * committing; larger ones lock more rows for longer (see {@code docs/architecture.md}, "Retention batches").
     */
    public static final int DEFAULT_BATCH_SIZE = 10_000;
    /** Default number of sample keys in a plan. */
    public static final int DEFAULT_SAMPLE_SIZE = 5;

    private final DataStore store;
    private final PiiMap map;
    private final AuditLog audit;
    private final LegalHold hold;
    private final ErasureContext context;
    private final Clock clock;
    private final int batchSize;
    private final int sampleSize;
    private final List<RetentionRule> rules;
    private final RunJournal journal;

    private RetentionEngine(Builder b) {
        this.store = b.store;
        this.map = b.map;
        this.audit = b.audit;
        this.hold = b.hold;
        this.context = b.context;
        this.clock = b.clock;
        this.batchSize = b.batchSize;
        this.sampleSize = b.sampleSize;
        this.rules = b.rules;
        this.journal = RunJournal.of(audit, clock).withProgressEvery(b.progressInterval, b.progressRows);
    }

    /** Starts a builder; the store, the map (for anonymize strategies and subject links) and the audit log are required. */
    public static Builder builder(DataStore store, PiiMap map, AuditLog audit) {
        return new Builder(store, map, audit);
    }

    /** The rules this engine enforces, in order. */
    public List<RetentionRule> rules() {
        return rules;
    }

    /** What the rules would do now; writes nothing, records nothing. */
    public RetentionPlan plan() {
        Instant now = clock.instant();
        List<RulePlan> plans = new ArrayList<>();
        try (ReadView view = store.openReadView()) {
            for (RetentionRule rule : rules) {
                plans.add(planRule(view, rule, now));
            }
        }
        return new RetentionPlan(now, plans);
    }

    /** A plan recorded in the audit log as a dry run of {@code actor} (a manual trigger in dry-run mode). */
    public RetentionPlan dryRun(String actor) {
        long start = System.nanoTime();
        RetentionPlan plan = plan();
        List<Map<String, Object>> perRule = new ArrayList<>();
        for (RulePlan p : plan.rules()) {
            Map<String, Object> d = ruleDetails(p.rule(), p.table(), p.action(), p.cutoff());
            d.put("matching", p.matching());
            d.put("held", p.held());
            perRule.add(d);
        }
        audit.append(new AuditEvent(AuditEvent.TYPE_PII_DELETION, AuditStatus.COMPLETED, actor,
                "PII deletion dry run: " + plan.totalMatching() + " rows would change, " + plan.totalHeld() + " held",
                Map.of("rules", perRule, "matching", plan.totalMatching(), "held", plan.totalHeld()),
                Duration.ofNanos(System.nanoTime() - start), true));
        return plan;
    }

    /**
     * Applies the rules now and records one audit event; a rule that fails is reported in the result (status
     * {@code partial} when others succeeded) while the others run.
     *
     * @param actor who triggered it; {@link AuditEvent#SYSTEM} for the scheduled job
     */
    public RetentionResult execute(String actor) {
        Instant now = clock.instant();
        List<Map<String, Object>> planned = rules.stream()
                .map(r -> ruleDetails(r.name(), r.table(), r.action(), r.cutoff(now))).toList();
        // On record before the first batch, with progress per rule and per batch group: a killed run stays visible.
        return journal.run(AuditEvent.TYPE_PII_DELETION, actor, "PII deletion started: " + rules.size() + " rules",
                Map.of("rules", planned), run -> {
                    long start = System.nanoTime();
                    List<RuleResult> results = new ArrayList<>();
                    long committed = 0;
                    for (RetentionRule rule : rules) {
                        RuleResult r = executeRule(rule, now, run, committed);
                        results.add(r);
                        committed += r.affected();
                        Map<String, Object> step = ruleDetails(r.rule(), r.table(), r.action(), r.cutoff());
                        step.put("affected", r.affected());
                        step.put("status", r.status().wireName());
                        run.step(committed, step);
                    }
                    long failed = results.stream().filter(r -> r.status() == AuditStatus.FAILED).count();
                    AuditStatus status = failed == 0 ? AuditStatus.COMPLETED
                            : failed == results.size() ? AuditStatus.FAILED : AuditStatus.PARTIAL;
                    RetentionResult result = new RetentionResult(now, status, results,
                            Duration.ofNanos(System.nanoTime() - start));
                    run.close(auditEvent(result, actor));
                    return result;
                });
    }

    private RulePlan planRule(ReadView view, RetentionRule rule, Instant now) {
        ExpiryQuery q = query(rule, now);
        long matching = 0;
        long held = 0;
        List<RowKey> samples = new ArrayList<>();
        for (List<MatchedRow> page = view.findExpired(q); !page.isEmpty(); page = view.findExpired(q)) {
            Set<RowKey> heldKeys = hold.held(rule.table(), page);
            for (MatchedRow m : page) {
                if (heldKeys.contains(m.key())) {
                    held++;
                } else {
                    matching++;
                    if (samples.size() < sampleSize) {
                        samples.add(m.key());
                    }
                }
            }
            q = q.after(page.get(page.size() - 1).key());
        }
        return new RulePlan(rule.name(), rule.table(), rule.action(), q.cutoff(), matching, held, samples);
    }

    private RuleResult executeRule(RetentionRule rule, Instant now, RunJournal.Run run, long committedBefore) {
        Instant cutoff = rule.cutoff(now);
        TableMapping mapping = map.table(rule.table()).orElse(null);
        long affected = 0;
        long held = 0;
        int batches = 0;
        try {
            ExpiryQuery q = query(rule, now);
            Function<List<MatchedRow>, Set<RowKey>> holds = hold instanceof NoHold ? StoreTransaction.NOTHING_HELD
                    : page -> hold.held(rule.table(), page);
            while (true) {
                ExpiryQuery current = q;
                ExpiredPage batch = store.inTransaction(tx -> tx.expire(current, rule.action(), mapping, context,
                        holds));
                if (batch.isEmpty()) {
                    break;
                }
                affected += batch.changed();
                held += batch.held();
                batches++;
                run.progress(committedBefore + affected, Map.of("rule", rule.name(), "table", rule.table()));
                q = q.after(batch.last());
            }
            return new RuleResult(rule.name(), rule.table(), rule.action(), cutoff, affected, held, batches,
                    AuditStatus.COMPLETED, null);
        } catch (ComplianceException | IllegalArgumentException | IllegalStateException e) {
            // A store's own failure, or a store that refuses an unknown table or column, fails this rule only.
            LOG.warn("retention rule {} on table {} failed after {} batches: {}", rule.name(), rule.table(), batches,
                    e.getMessage());
            return new RuleResult(rule.name(), rule.table(), rule.action(), cutoff, affected, held, batches,
                    AuditStatus.FAILED, e.getMessage());
        }
    }

    private ExpiryQuery query(RetentionRule rule, Instant now) {
        TableMapping mapping = map.table(rule.table()).orElse(null);
        if (rule.action() == RowAction.ANONYMIZE && mapping == null) {
            throw new ConfigurationException("retention rule " + rule.name() + " anonymizes table " + rule.table()
                    + " but the PII map has no fields for it; map the table or make the rule DELETE");
        }
        return new ExpiryQuery(rule.table(), rule.timestampColumn(), rule.cutoff(now), rule.condition(),
                rule.action() == RowAction.ANONYMIZE ? mapping.erasedFields() : List.of(),
                mapping == null ? null : mapping.subjectLink(), null, batchSize);
    }

    private static AuditEvent auditEvent(RetentionResult result, String actor) {
        List<Map<String, Object>> perRule = new ArrayList<>();
        for (RuleResult r : result.rules()) {
            Map<String, Object> d = ruleDetails(r.rule(), r.table(), r.action(), r.cutoff());
            d.put("affected", r.affected());
            d.put("held", r.held());
            d.put("batches", r.batches());
            d.put("status", r.status().wireName());
            if (r.error() != null) {
                d.put("error", r.error());
            }
            perRule.add(d);
        }
        String summary = "PII deletion " + result.status().wireName() + ": " + result.totalAffected() + " rows changed, "
                + result.totalHeld() + " held, " + result.rules().size() + " rules";
        return new AuditEvent(AuditEvent.TYPE_PII_DELETION, result.status(), actor, summary,
                Map.of("rules", perRule, "affected", result.totalAffected(), "held", result.totalHeld()),
                result.duration(), false);
    }

    private static Map<String, Object> ruleDetails(String rule, String table, RowAction action, Instant cutoff) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rule", rule);
        d.put("table", table);
        d.put("action", action.name().toLowerCase(java.util.Locale.ROOT));
        d.put("cutoff", cutoff.toString());
        return d;
    }

    /** Configures a {@link RetentionEngine}. */
    public static final class Builder {
        private final DataStore store;
        private final PiiMap map;
        private final AuditLog audit;
        private LegalHold hold = LegalHold.none();
        private ErasureContext context = ErasureContext.none();
        private Clock clock = Clock.systemUTC();
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int sampleSize = DEFAULT_SAMPLE_SIZE;
        private List<RetentionRule> rules = List.of();
        private Duration progressInterval = RunJournal.DEFAULT_PROGRESS_INTERVAL;
        private long progressRows = RunJournal.DEFAULT_PROGRESS_ROWS;

        private Builder(DataStore store, PiiMap map, AuditLog audit) {
            this.store = Objects.requireNonNull(store, "store");
            this.map = Objects.requireNonNull(map, "map");
            this.audit = Objects.requireNonNull(audit, "audit");
        }

        /** The rules to enforce, run in this order (default: none). */
        public Builder withRules(List<RetentionRule> rules) {
            this.rules = List.copyOf(rules);
            return this;
        }

        /** Rows and subjects exempt from deletion (default: none). */
        public Builder withLegalHold(LegalHold hold) {
            this.hold = Objects.requireNonNull(hold, "hold");
            return this;
        }

        /** Supplies the HASH secret; required when an anonymized table has HASH fields. */
        public Builder withErasureContext(ErasureContext context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /** The clock that decides which rows are past their period (default: system UTC). */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Rows per batch and transaction (default {@value #DEFAULT_BATCH_SIZE}). */
        public Builder withBatchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 100_000) {
                throw new ConfigurationException("retention batch size must be 1 to 100000, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Sample keys per rule in a plan (default {@value #DEFAULT_SAMPLE_SIZE}). */
        public Builder withSampleSize(int sampleSize) {
            if (sampleSize < 0) {
                throw new ConfigurationException("sample size must not be negative, was " + sampleSize);
            }
            this.sampleSize = sampleSize;
            return this;
        }

        /**
         * How often a run records its progress in the audit trail: once {@code interval} has passed or {@code rows}
         * more rows were committed since its last record (defaults 5 s and 100,000 rows). Each finished rule is
         * recorded as well.
         */
        public Builder withProgressEvery(Duration interval, long rows) {
            if (interval == null || interval.isNegative() || rows < 1) {
                throw new ConfigurationException("retention progress must be recorded at a non-negative interval and "
                        + "at least every 1 row, was " + interval + " and " + rows);
            }
            this.progressInterval = interval;
            this.progressRows = rows;
            return this;
        }

        /** Builds the engine. */
        public RetentionEngine build() {
            return new RetentionEngine(this);
        }
    }
}
