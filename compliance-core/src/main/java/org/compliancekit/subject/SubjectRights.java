package org.compliancekit.subject;

import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.RunJournal;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Processor;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.retention.RetentionRule;
import org.compliancekit.store.DataStore;

/**
 * Answers data-subject requests: access and portability ({@link #export}, GDPR art. 15 and 20), erasure
 * ({@link #erase}, art. 17) with a receipt and processor hooks (art. 19 and 28), and erasures that survive a
 * database restore ({@link #replayErasures}). Nothing here runs on its own: every method is one request, called
 * by the application when a subject asks.
 *
 * <pre>{@code
 * SubjectRights rights = SubjectRights.builder(store, map, auditLog)
 *         .withErasureContext(ErasureContext.withHashSecret(secret))
 *         .withRetentionRules(rules)
 *         .withHook(stripeHook)
 *         .withLedger(ErasureLedger.inBlobStore(backupBlobs, "ledger/"))
 *         .build();
 * rights.export(SubjectRef.ofId(42), "support:alice", out);
 * ErasureReceipt receipt = rights.erase(SubjectRef.of(42, "ann@example.com"), "support:alice");
 * }</pre>
 *
 * <p>Thread-safe: instances hold only configuration.
 */
public final class SubjectRights {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubjectRights.class);
    /** Default number of row keys per anonymize or delete statement. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /** Everything the engines share; immutable. */
    record Settings(
            DataStore store, PiiMap map, AuditLog audit, Clock clock, ErasureContext context, KeyedHashes hashes,
            LegalHold hold, List<RetentionRule> rules, List<ProcessorErasureHook> hooks, ErasureLedger ledger,
            int batchSize) {

        /** The same settings recording into {@code log}, e.g. one run's journal. */
        Settings withAudit(AuditLog log) {
            return new Settings(store, map, log, clock, context, hashes, hold, rules, hooks, ledger, batchSize);
        }
    }

    private final Settings settings;
    private final SubjectEraser eraser;
    private final ErasureReplayer replayer;
    private final RunJournal journal;

    private SubjectRights(Settings settings) {
        this.settings = settings;
        this.eraser = new SubjectEraser(settings);
        this.replayer = new ErasureReplayer(settings);
        this.journal = RunJournal.of(settings.audit(), settings.clock()).withoutCheckOnStart();
    }

    /** Starts a builder; the store, the map and the audit log are required. */
    public static Builder builder(DataStore store, PiiMap map, AuditLog audit) {
        return new Builder(store, map, audit);
    }

    /**
     * Writes everything held about {@code subject} as one JSON bundle to {@code out} (which stays open), read from
     * one consistent view, and records a {@code data_export} audit event with counts only. The request is first
     * resolved to subject ids through the identities the map declares; the summary's outcome says whether data was
     * exported, was already erased, was not held at all, or whether the identities matched several subjects (then
     * nothing is written). If it fails, the output is incomplete and must not be handed out.
     *
     * @throws ConfigurationException when an id is not in the canonical form of its column's type, or the request
     *     names an identity the map does not declare
     *
     * @param actor who asked for the export, e.g. {@code support:alice}
     */
    public ExportSummary export(SubjectRef subject, String actor, OutputStream out) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(out, "out");
        return journaled(AuditEvent.TYPE_DATA_EXPORT, "export", subject, actor,
                s -> new SubjectExporter(s).export(subject, actor, out));
    }

    /**
     * Erases {@code subject}: resolves its identities to subject ids, then every linked table's action in one
     * transaction, then the processor hooks. Returns the receipt, also stored as a {@code user_deletion} audit
     * event; its status tells acted, already erased, no data held, refused by a legal hold and ambiguous apart, and
     * in every case but the first nothing is changed. If the transaction fails, nothing is changed, the failure is
     * audited and rethrown.
     *
     * @throws ConfigurationException when an id is not in the canonical form of its column's type, or the request
     *     names an identity the map does not declare
     */
    public ErasureReceipt erase(SubjectRef subject, String actor) {
        Objects.requireNonNull(subject, "subject");
        return journaled(AuditEvent.TYPE_USER_DELETION, "erasure", subject, actor,
                s -> new SubjectEraser(s).erase(subject, actor, false));
    }

    /** The receipt {@link #erase} would give now, without writing anything or running hooks; audited as a dry run. */
    public ErasureReceipt dryRun(SubjectRef subject, String actor) {
        Objects.requireNonNull(subject, "subject");
        return checkpointed(() -> eraser.erase(subject, actor, true));
    }

    /**
     * Runs the hooks that failed in {@code receipt} again and audits the outcome.
     *
     * @param subject the subject the receipt was issued for (the receipt itself holds no personal data)
     * @return the receipt with the new hook outcomes
     */
    public ErasureReceipt retryHooks(SubjectRef subject, ErasureReceipt receipt, String actor) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(receipt, "receipt");
        return checkpointed(() -> eraser.retryHooks(subject, receipt, actor));
    }

    /**
     * After restoring a backup taken at {@code backupTime}, erases again every row the ledger says was erased after
     * it, in one transaction; audited as {@code user_deletion}.
     */
    public ReplayResult replayErasures(Instant backupTime, String actor) {
        Objects.requireNonNull(backupTime, "backupTime");
        return checkpointed(() -> replayer.replay(backupTime, actor));
    }

    /**
     * Runs one export or erasure as a journaled run (a started record first, so a request killed mid-way stays
     * visible) and checkpoints the trail after it. A request whose values no column could hold is refused before:
     * it is a usage error, not a run, and leaves no record.
     */
    private <T> T journaled(String type, String what, SubjectRef subject, String actor, Function<Settings, T> body) {
        SubjectResolution.check(subject, settings.map(), settings.store().describe());
        String label = settings.hashes().label(subject);
        return checkpointed(() -> journal.run(type, actor, what + " of subject " + label + " started",
                Map.of("subject", label), run -> body.apply(settings.withAudit(run.closingLog()))));
    }

    /**
     * Every request ends with a signed checkpoint covering its own records, when the audit log can sign, as the
     * daily job's steps and the command line's commands do: cutting them off the tail is then detectable. A
     * checkpoint that fails is logged; the request's own outcome stands.
     */
    private <T> T checkpointed(Supplier<T> request) {
        try {
            return request.get();
        } finally {
            AuditLog audit = settings.audit();
            if (audit.signsCheckpoints()) {
                try {
                    audit.checkpoint();
                } catch (RuntimeException e) {
                    LOG.warn("no audit checkpoint after the subject request: {}", e.getClass().getName());
                }
            }
        }
    }

    /** The record of processing activities (art. 30) for this map, rules and register. */
    public ProcessingInventory inventory() {
        return ProcessingInventory.of(settings.map(), settings.rules());
    }

    /** Configures {@link SubjectRights}; validated in {@link #build()}. */
    public static final class Builder {
        private final DataStore store;
        private final PiiMap map;
        private final AuditLog audit;
        private Clock clock = Clock.systemUTC();
        private ErasureContext context = ErasureContext.none();
        private LegalHold hold = LegalHold.none();
        private List<RetentionRule> rules = List.of();
        private final List<ProcessorErasureHook> hooks = new ArrayList<>();
        private ErasureLedger ledger;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder(DataStore store, PiiMap map, AuditLog audit) {
            this.store = Objects.requireNonNull(store, "data store");
            this.map = Objects.requireNonNull(map, "PII map");
            this.audit = Objects.requireNonNull(audit, "audit log");
        }

        /** The clock for receipts, exports and the ledger (default: system UTC). */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The HASH secret, for HASH fields, the ledger and keyed subject hashes (default: none). */
        public Builder withErasureContext(ErasureContext context) {
            this.context = Objects.requireNonNull(context, "erasure context");
            return this;
        }

        /** Subjects and rows exempt from erasure (default: none). */
        public Builder withLegalHold(LegalHold hold) {
            this.hold = Objects.requireNonNull(hold, "legal hold");
            return this;
        }

        /** Retention rules, shown in exports and the inventory as each table's retention periods. */
        public Builder withRetentionRules(List<RetentionRule> rules) {
            this.rules = List.copyOf(rules);
            return this;
        }

        /** Adds the erasure hook of one processor of the register; hooks run in the order added. */
        public Builder withHook(ProcessorErasureHook hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** Where erasures are remembered for {@link #replayErasures} (default: none; needs a HASH secret). */
        public Builder withLedger(ErasureLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            return this;
        }

        /** Row keys per anonymize or delete statement (default {@value #DEFAULT_BATCH_SIZE}). */
        public Builder withBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public SubjectRights build() {
            if (batchSize < 1) {
                throw new ConfigurationException("subject rights batch size must be at least 1, was " + batchSize);
            }
            if (ledger != null && !context.hasHashSecret()) {
                throw new ConfigurationException("the erasure ledger stores keyed hashes and needs the HASH secret: "
                        + "pass withErasureContext(ErasureContext.withHashSecret(..)) (ComplianceKit.Builder.withHashSecret(..))");
            }
            Set<String> registered = new HashSet<>();
            map.processors().stream().map(Processor::name).forEach(n -> registered.add(n.toLowerCase(Locale.ROOT)));
            Set<String> hooked = new HashSet<>();
            for (ProcessorErasureHook h : hooks) {
                String name = Objects.requireNonNull(h.processor(), "processor name of a hook");
                if (!registered.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new ConfigurationException("erasure hook for processor '" + name + "': the map's processor "
                            + "register has no processor of that name; add it to 'processors' or fix the hook's name");
                }
                if (!hooked.add(name.toLowerCase(Locale.ROOT))) {
                    throw new ConfigurationException("two erasure hooks for processor '" + name + "'; keep one");
                }
            }
            return new SubjectRights(new Settings(store, map, audit, clock, context, new KeyedHashes(context), hold,
                    rules, List.copyOf(hooks), ledger, batchSize));
        }
    }
}
