package org.compliancekit.kit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.backup.BackupProgress;
import org.compliancekit.backup.Backups;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.job.DailyJob;
import org.compliancekit.job.InMemoryJobLock;
import org.compliancekit.job.JobLock;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.Validation;
import org.compliancekit.policy.ValidationReport;
import org.compliancekit.retention.LegalHold;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.DataStore;
import org.compliancekit.subject.ErasureLedger;
import org.compliancekit.subject.ProcessingInventory;
import org.compliancekit.subject.ProcessorErasureHook;
import org.compliancekit.subject.SubjectRights;

/**
 * The one object an application builds: a {@link CompliancePolicy} plus the parts the host supplies (where the
 * data lives, where the audit trail and the backups go, the secrets), validated once against the live schema, and
 * every engine wired from it — all sharing one clock, one erasure context and the policy's rules.
 *
 * <pre>{@code
 * ComplianceKit kit = ComplianceKit.builder(policy)
 *         .withDataStore(store)
 *         .withAuditLog(auditLog)
 *         .withBlobStore(FileSystemBlobStore.at(Path.of("/var/backups/shop")))
 *         .withKeys(KeyRing.single("2026-01", backupKeyBase64))
 *         .withHashSecret(hashSecret)
 *         .build();                          // fails with the whole validation report
 * JobReport report = kit.dailyJob().run();  // backup → cleanup → PII deletion, each when due
 * }</pre>
 *
 * <p>With a JDBC database, {@code JdbcComplianceKit.builder(dataSource, policy)} from {@code compliance-jdbc}
 * starts this builder with the data store, audit log, job lock and legal hold on that database.
 *
 * <p>Thread-safe: the kit and its engines hold only configuration.
 */
public final class ComplianceKit {
    /** How often the daily job prunes the audit trail when the policy sets {@code audit.retention}. */
    public static final Duration AUDIT_PRUNE_CADENCE = Duration.ofHours(24);

    private final CompliancePolicy policy;
    private final ValidationReport validation;
    private final DataStore dataStore;
    private final AuditLog auditLog;
    private final Clock clock;
    private final Backups backups;
    private final RetentionEngine retention;
    private final SubjectRights subjectRights;
    private final DailyJob dailyJob;

    private ComplianceKit(Builder b, ValidationReport validation, AuditLog auditLog) {
        this.policy = b.policy;
        this.validation = validation;
        this.dataStore = b.dataStore;
        this.auditLog = auditLog;
        this.clock = b.clock;
        ErasureContext erasure = b.erasureContext;
        this.backups = b.blobStore == null ? null : backups(b, auditLog);
        this.retention = RetentionEngine.builder(dataStore, policy.map(), auditLog).withErasureContext(erasure)
                .withLegalHold(b.legalHold).withRules(policy.rules()).withClock(clock).build();
        SubjectRights.Builder rights = SubjectRights.builder(dataStore, policy.map(), auditLog)
                .withErasureContext(erasure).withLegalHold(b.legalHold).withRetentionRules(policy.rules())
                .withClock(clock);
        b.hooks.forEach(rights::withHook);
        if (b.ledger != null) {
            rights.withLedger(b.ledger);
        }
        this.subjectRights = rights.build();
        DailyJob.Builder job = DailyJob.builder(b.jobLock != null ? b.jobLock : new InMemoryJobLock(clock), auditLog)
                .withSettings(policy.job()).withClock(clock).withRetention(retention);
        policy.audit().retentionPeriod().ifPresent(keep -> job.withAuditRetention(keep, AUDIT_PRUNE_CADENCE));
        policy.audit().personalFieldsRetentionPeriod()
                .ifPresent(keep -> job.withPersonalFieldsRetention(keep, policy.audit().personalFields()));
        if (backups != null) {
            job.withBackups(backups);
        }
        this.dailyJob = job.build();
    }

    private static Backups backups(Builder b, AuditLog auditLog) {
        Backups.Builder backups = Backups.builder(b.dataStore, b.blobStore, auditLog).withKeys(b.keys)
                .withSettings(b.policy.backup()).withClock(b.clock);
        if (b.progress != null) {
            backups.withProgress(b.progress);
        }
        return backups.build();
    }

    /** Starts a kit for {@code policy}; a data store and an audit log are required. */
    public static Builder builder(CompliancePolicy policy) {
        return new Builder(policy);
    }

    /** The policy every engine was built from. */
    public CompliancePolicy policy() {
        return policy;
    }

    /** The validation of the policy against the store's schema at build time: no errors, perhaps warnings. */
    public ValidationReport validation() {
        return validation;
    }

    /** The application's data, as the engines see it. */
    public DataStore dataStore() {
        return dataStore;
    }

    /** The audit trail every engine records into. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** The clock every engine and the audit log use. */
    public Clock clock() {
        return clock;
    }

    /** Backup, cleanup, verify and restore; empty when no {@link BlobStore} was configured. */
    public Optional<Backups> backups() {
        return Optional.ofNullable(backups);
    }

    /** PII deletion by the policy's retention rules. */
    public RetentionEngine retention() {
        return retention;
    }

    /** Data-subject export and erasure. */
    public SubjectRights subjectRights() {
        return subjectRights;
    }

    /** The daily sequence: backup → cleanup → PII deletion, each when due, once across instances. */
    public DailyJob dailyJob() {
        return dailyJob;
    }

    /** The record of processing activities (art. 30) for the policy's map, rules and processor register. */
    public ProcessingInventory inventory() {
        return ProcessingInventory.of(policy.map(), policy.rules());
    }

    /** Configures a {@link ComplianceKit}; {@link #build()} validates and wires. */
    public static final class Builder {
        private final CompliancePolicy policy;
        private DataStore dataStore;
        private AuditLog auditLog;
        private AuditLogFactory auditLogFactory;
        private CheckpointSigner signer;
        private BlobStore blobStore;
        private KeyRing keys = KeyRing.empty();
        private ErasureContext erasureContext = ErasureContext.none();
        private JobLock jobLock;
        private LegalHold legalHold = LegalHold.none();
        private ErasureLedger ledger;
        private final List<ProcessorErasureHook> hooks = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private BackupProgress progress;

        private Builder(CompliancePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** Where the application's data lives (required, unless a store module's factory set it). */
        public Builder withDataStore(DataStore dataStore) {
            this.dataStore = Objects.requireNonNull(dataStore, "data store");
            return this;
        }

        /** A ready audit log; its signer and clock are its own. Replaces an audit log factory. */
        public Builder withAuditLog(AuditLog auditLog) {
            this.auditLog = Objects.requireNonNull(auditLog, "audit log");
            this.auditLogFactory = null;
            return this;
        }

        /**
         * Lets the kit create the audit log from the policy's audit settings, the {@linkplain #withSigner signer}
         * and the kit's clock. Replaces a ready audit log.
         */
        public Builder withAuditLogFactory(AuditLogFactory factory) {
            this.auditLogFactory = Objects.requireNonNull(factory, "audit log factory");
            this.auditLog = null;
            return this;
        }

        /** The key that signs audit checkpoints, for an audit log the kit creates (default: unsigned). */
        public Builder withSigner(CheckpointSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** Where backups are written (default: none, and then the policy must not enable backups). */
        public Builder withBlobStore(BlobStore blobStore) {
            this.blobStore = Objects.requireNonNull(blobStore, "blob store");
            return this;
        }

        /** The backup keys, the primary one encrypting (required when backups are encrypted). */
        public Builder withKeys(KeyRing keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** The secret behind the HASH strategy, keyed subject hashes and the erasure ledger (default: none). */
        public Builder withHashSecret(byte[] secret) {
            this.erasureContext = ErasureContext.withHashSecret(Objects.requireNonNull(secret, "hash secret"));
            return this;
        }

        /** The cluster-wide lock of the daily job (default: a lock within this process only). */
        public Builder withJobLock(JobLock jobLock) {
            this.jobLock = Objects.requireNonNull(jobLock, "job lock");
            return this;
        }

        /** Rows and subjects exempt from deletion and erasure (default: none). */
        public Builder withLegalHold(LegalHold legalHold) {
            this.legalHold = Objects.requireNonNull(legalHold, "legal hold");
            return this;
        }

        /** Where erasures are remembered so that they survive a restore (default: none; needs the hash secret). */
        public Builder withErasureLedger(ErasureLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "erasure ledger");
            return this;
        }

        /** Adds the erasure hook of one processor of the register; hooks run in the order added. */
        public Builder withProcessorHook(ProcessorErasureHook hook) {
            hooks.add(Objects.requireNonNull(hook, "processor hook"));
            return this;
        }

        /** The clock of every engine and of an audit log the kit creates (default: system UTC). */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Told as backups and restores advance (default: nothing). */
        public Builder withProgress(BackupProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Validates the policy against the data store's schema and wires the engines.
         *
         * @throws ConfigurationException listing every validation error, or naming the missing part
         */
        public ComplianceKit build() {
            if (dataStore == null) {
                throw new ConfigurationException("no data store: call withDataStore(..), or start from a store "
                        + "module's factory such as JdbcComplianceKit.builder(dataSource, policy)");
            }
            if (auditLog == null && auditLogFactory == null) {
                throw new ConfigurationException("no audit log: call withAuditLog(..) or withAuditLogFactory(..)");
            }
            if (auditLog != null && signer != null) {
                throw new ConfigurationException("withSigner(..) signs an audit log the kit creates; the audit log "
                        + "passed to withAuditLog(..) carries its own signer: configure the key there");
            }
            if (policy.backup().enabled() && blobStore == null) {
                throw new ConfigurationException("backup.enabled is true but no backup store is configured: call "
                        + "withBlobStore(..) or disable backups");
            }
            ValidationReport report = Validation.validate(policy, dataStore.describe()).throwIfInvalid();
            AuditLog log = auditLog != null ? auditLog
                    : Objects.requireNonNull(auditLogFactory.create(policy.audit(), Optional.ofNullable(signer), clock),
                            "the audit log factory returned null");
            return new ComplianceKit(this, report, log);
        }
    }
}
