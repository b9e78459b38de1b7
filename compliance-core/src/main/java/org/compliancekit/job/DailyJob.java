package org.compliancekit.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.compliancekit.ComplianceException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.audit.PersonalFieldErasure;
import org.compliancekit.audit.PruneResult;
import org.compliancekit.audit.RunJournal;
import org.compliancekit.backup.BackupInfo;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.CleanupResult;
import org.compliancekit.retention.RetentionEngine;
import org.compliancekit.retention.RetentionPlan;
import org.compliancekit.retention.RetentionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point a scheduler calls once a day: backup (when enabled and due) → cleanup (after a backup) →
 * PII deletion (when due) → audit retention (when configured and due) → personal audit field retention (likewise,
 * on the audit retention's cadence). The backup runs first on purpose: it captures the state before deletion, so there is
 * always a recovery window. When the backup fails, PII deletion waits by default and the skip is audited.
 *
 * <p>Each operation runs on its own cadence, and "due" is read from durable state — the backup manifests and the
 * audit log — so a restart neither reruns nor skips a task. A cluster-wide {@link JobLock} makes the run happen once
 * across application instances; an instance that finds the lock held does nothing and records nothing.
 *
 * <p>Each step records its own audit event with the system actor; when the audit log can sign, a checkpoint
 * after each step that ran covers that step's records. The manual triggers ({@link #backup},
 * {@link #cleanup}, {@link #piiDeletion}, {@link #piiDeletionDryRun}) run one task now, as an admin, in dry-run or
 * execute mode.
 */
public final class DailyJob {
    private static final Logger LOG = LoggerFactory.getLogger(DailyJob.class);
    private static final String PRUNE_ACTION = "audit_prune";

    private final JobLock lock;
    private final AuditLog audit;
    private final Backups backups;
    private final RetentionEngine retention;
    private final JobSettings settings;
    private final Clock clock;
    private final Duration auditRetention;
    private final Duration auditRetentionCadence;
    private final PersonalFieldsRetentionStep personalFieldsRetention;

    private DailyJob(Builder b) {
        this.lock = b.lock;
        this.audit = b.audit;
        this.backups = b.backups;
        this.retention = b.retention;
        this.settings = b.settings;
        this.clock = b.clock;
        this.auditRetention = b.auditRetention;
        this.auditRetentionCadence = b.auditRetentionCadence;
        this.personalFieldsRetention = b.personalFieldsRetention == null ? null
                : new PersonalFieldsRetentionStep(audit, b.personalFieldsRetention, b.personalFields,
                        b.auditRetentionCadence);
    }

    /** Starts a builder; the lock and the audit log are required, backups and retention each optional. */
    public static Builder builder(JobLock lock, AuditLog audit) {
        return new Builder(lock, audit);
    }

    /** Runs the daily sequence once, as the scheduler (actor {@link AuditEvent#SYSTEM}). */
    public JobReport run() {
        Instant start = clock.instant();
        Optional<JobLock.Held> held = lock.tryLock(settings.lockName(), settings.lockAtMostFor());
        if (held.isEmpty()) {
            LOG.info("compliance job: lock {} is held by another instance; nothing to do", settings.lockName());
            return JobReport.lockedOut(start);
        }
        try (JobLock.Held ignored = held.get()) {
            recordInterruptedRuns();
            Step<BackupResult> backup = checkpointed(backupStep(start));
            Step<CleanupResult> cleanup = checkpointed(backup.state() == StepState.RAN
                    ? recorded(AuditEvent.TYPE_BACKUP_CLEANUP, () -> backups.cleanup(AuditEvent.SYSTEM))
                    : Step.not(StepState.SKIPPED, "cleanup runs after a backup"));
            Step<RetentionResult> deletion = checkpointed(deletionStep(start, backup));
            Step<PruneResult> auditPrune = checkpointed(auditRetentionStep(start));
            Step<PersonalFieldErasure> personalFields = checkpointed(personalFieldsRetention == null
                    ? PersonalFieldsRetentionStep.disabled()
                    : personalFieldsRetention.run(start, (last, cadence) -> due(last, cadence, start)));
            JobReport report = new JobReport(start, false, backup, cleanup, deletion, auditPrune, personalFields,
                    Duration.between(start, clock.instant()));
            LOG.info("compliance job: backup {}, cleanup {}, PII deletion {}, audit retention {}, personal audit field "
                    + "retention {}", backup.state(), cleanup.state(), deletion.state(), auditPrune.state(),
                    personalFields.state());
            return report;
        }
    }

    /** Manual trigger: a backup now, recorded with {@code actor}. */
    public BackupResult backup(String actor) {
        return withLock(false, () -> requireBackups().backup(actor));
    }

    /** Manual trigger, dry run: which tables a backup now would write where, recorded with {@code actor}. */
    public BackupResult backupDryRun(String actor) {
        return requireBackups().backupDryRun(actor);
    }

    /** Manual trigger: a backup cleanup now, recorded with {@code actor}. */
    public CleanupResult cleanup(String actor) {
        return withLock(false, () -> requireBackups().cleanup(actor));
    }

    /** Manual trigger, dry run: what a cleanup now would delete, recorded with {@code actor}. */
    public CleanupResult cleanupDryRun(String actor) {
        return requireBackups().cleanupDryRun(actor);
    }

    /** Manual trigger, dry run: what PII deletion would do now, recorded with {@code actor} and the dry-run flag. */
    public RetentionPlan piiDeletionDryRun(String actor) {
        return requireRetention().dryRun(actor);
    }

    /** Manual trigger: PII deletion now, recorded with {@code actor}. */
    public RetentionResult piiDeletion(String actor) {
        RetentionEngine engine = requireRetention();
        return withLock(false, () -> engine.execute(actor));
    }

    /** When the last complete backup was taken, from the manifests. */
    public Optional<Instant> lastBackup() {
        return backups == null ? Optional.empty() : backups.lastCompleted().map(BackupInfo::createdAt);
    }

    /** When PII deletion last ran for real (completed or partial), from the audit log. */
    public Optional<Instant> lastPiiDeletion() {
        AuditQuery q = AuditQuery.all().withTypes(AuditEvent.TYPE_PII_DELETION)
                .withStatuses(AuditStatus.COMPLETED, AuditStatus.PARTIAL).withLimit(100);
        for (List<AuditRecord> page = audit.query(q); !page.isEmpty(); page = audit.query(q)) {
            for (AuditRecord r : page) {
                if (!r.event().dryRun()) {
                    return Optional.of(r.occurredAt());
                }
            }
            q = q.before(page.get(page.size() - 1).sequence());
        }
        return Optional.empty();
    }

    private Step<BackupResult> backupStep(Instant now) {
        if (backups == null || !backups.settings().enabled()) {
            return Step.not(StepState.DISABLED, "backups are disabled (backup.enabled)");
        }
        Optional<Instant> last;
        try {
            last = lastBackup();
        } catch (RuntimeException unreadable) {
            // Due-ness comes from the store: when it cannot be read, the backup failed and the run must say so.
            return recorded(AuditEvent.TYPE_BACKUP, () -> {
                throw unreadable;
            });
        }
        if (last.isPresent() && !due(last.get(), backups.settings().cadence(), now)) {
            return Step.not(StepState.NOT_DUE, "last complete backup at " + last.get() + ", cadence "
                    + backups.settings().cadence());
        }
        return recorded(AuditEvent.TYPE_BACKUP, () -> backups.backup(AuditEvent.SYSTEM));
    }

    private Step<RetentionResult> deletionStep(Instant now, Step<BackupResult> backup) {
        if (retention == null || retention.rules().isEmpty()) {
            return Step.not(StepState.DISABLED, "no retention rules are configured");
        }
        Optional<Instant> last = lastPiiDeletion();
        if (last.isPresent() && !due(last.get(), settings.piiDeletionCadence(), now)) {
            return Step.not(StepState.NOT_DUE, "last PII deletion at " + last.get() + ", cadence "
                    + settings.piiDeletionCadence());
        }
        boolean backupFailed = backup.state() == StepState.FAILED
                || backup.value().map(b -> b.status() == BackupStatus.FAILED).orElse(false);
        if (backupFailed && settings.skipDeletionWhenBackupFails()) {
            String reason = "today's backup failed, so PII deletion waits for a backup that holds the data it would "
                    + "remove (job.skipDeletionWhenBackupFails)";
            audit.append(new AuditEvent(AuditEvent.TYPE_PII_DELETION, AuditStatus.FAILED, AuditEvent.SYSTEM,
                    "PII deletion skipped: the backup failed", Map.of("skipped", true, "reason", reason),
                    Duration.ZERO, false));
            return Step.not(StepState.SKIPPED, reason);
        }
        return recorded(AuditEvent.TYPE_PII_DELETION, () -> retention.execute(AuditEvent.SYSTEM));
    }

    /** When the audit trail was last pruned by its retention, from the prune's own record. */
    public Optional<Instant> lastAuditPrune() {
        AuditQuery q = AuditQuery.all().withTypes(AuditEvent.TYPE_CONFIG_CHANGE).withLimit(100);
        for (List<AuditRecord> page = audit.query(q); !page.isEmpty(); page = audit.query(q)) {
            for (AuditRecord r : page) {
                if (PRUNE_ACTION.equals(r.event().details().get("action"))
                        && r.event().status() == AuditStatus.SUCCESS) {
                    return Optional.of(r.occurredAt());
                }
            }
            q = q.before(page.get(page.size() - 1).sequence());
        }
        return Optional.empty();
    }

    private Step<PruneResult> auditRetentionStep(Instant now) {
        if (auditRetention == null) {
            return Step.not(StepState.DISABLED, "the audit trail is kept forever (compliance.audit.retention)");
        }
        Optional<Instant> last = lastAuditPrune();
        if (last.isPresent() && !due(last.get(), auditRetentionCadence, now)) {
            return Step.not(StepState.NOT_DUE, "audit trail last pruned at " + last.get() + ", cadence "
                    + auditRetentionCadence);
        }
        Step<PruneResult> step = guarded(() -> audit.prune(now.minus(auditRetention)));
        if (step.state() == StepState.FAILED) {
            // The prune records itself when it succeeds; a failure would otherwise leave no trace in the trail.
            guarded(() -> audit.append(new AuditEvent(AuditEvent.TYPE_CONFIG_CHANGE, AuditStatus.FAILED, AuditEvent.SYSTEM,
                    "audit trail retention failed", Map.of("action", PRUNE_ACTION, "reason", step.reason()),
                    Duration.ZERO, false)));
        }
        return step;
    }

    /**
     * Runs a step and keeps every run on record: when it fails before its engine recorded anything (say, the backup
     * store was unreachable while listing folders), the job writes the {@code failed} record itself.
     */
    private <T> Step<T> recorded(String type, java.util.function.Supplier<T> task) {
        long before = headSequence();
        Step<T> step = guarded(task);
        if (step.state() == StepState.FAILED && headSequence() == before) {
            guarded(() -> audit.append(new AuditEvent(type, AuditStatus.FAILED, AuditEvent.SYSTEM, type.replace('_', ' ')
                    + " failed before it recorded anything", Map.of("reason", step.reason()), Duration.ZERO, false)));
        }
        return step;
    }

    private long headSequence() {
        List<AuditRecord> newest = audit.query(AuditQuery.all().withLimit(1));
        return newest.isEmpty() ? 0 : newest.get(0).sequence();
    }

    /** Signs a checkpoint covering the records a step that ran just wrote, when the audit log can sign. */
    private <T> Step<T> checkpointed(Step<T> step) {
        if (step.state() == StepState.RAN || step.state() == StepState.FAILED || step.state() == StepState.SKIPPED) {
            if (audit.signsCheckpoints()) {
                guarded(audit::checkpoint);
            }
        }
        return step;
    }

    /** Due once the cadence, less the grace, has passed: a run a little earlier than yesterday's still counts. */
    private boolean due(Instant last, Duration cadence, Instant now) {
        Duration wait = cadence.compareTo(settings.dueGrace()) > 0 ? cadence.minus(settings.dueGrace()) : Duration.ZERO;
        return !now.isBefore(last.plus(wait));
    }

    static <T> Step<T> guarded(java.util.function.Supplier<T> step) {
        try {
            return Step.ran(step.get());
        } catch (ComplianceException e) {
            LOG.warn("compliance job step failed: {}", e.getMessage());
            return Step.not(StepState.FAILED, e.getMessage());
        } catch (RuntimeException e) {
            // Messages of foreign exceptions may quote data; the class name is safe to report and log.
            LOG.warn("compliance job step failed with {}", e.getClass().getName());
            return Step.not(StepState.FAILED, "unexpected " + e.getClass().getName() + "; see the audit log");
        }
    }

    private <T> T withLock(boolean dryRun, java.util.function.Supplier<T> task) {
        if (dryRun) {
            return task.get();
        }
        try (JobLock.Held ignored = lock.tryLock(settings.lockName(), settings.lockAtMostFor())
                .orElseThrow(() -> new ComplianceException("the compliance job is running (lock "
                        + settings.lockName() + " is held); try again when it has finished"))) {
            recordInterruptedRuns();
            return task.get();
        }
    }

    /**
     * Records runs that started and never finished (killed, or their process died). Holding the job lock, the job
     * knows no backup, cleanup or PII deletion of its own is live, so it records those at once; restores and subject
     * requests run outside the lock and are recorded once silent for the journal's quiet period.
     */
    private void recordInterruptedRuns() {
        RunJournal journal = RunJournal.of(audit, clock);
        Step<List<AuditRecord>> exclusive = guarded(() -> journal.withQuietPeriod(Duration.ZERO).recordInterrupted(
                Set.of(AuditEvent.TYPE_BACKUP, AuditEvent.TYPE_BACKUP_CLEANUP, AuditEvent.TYPE_PII_DELETION),
                AuditEvent.SYSTEM));
        Step<List<AuditRecord>> others = guarded(() -> journal.recordInterrupted(Set.of(AuditEvent.TYPE_DATA_IMPORT,
                AuditEvent.TYPE_DATA_EXPORT, AuditEvent.TYPE_USER_DELETION), AuditEvent.SYSTEM));
        int found = exclusive.value().map(List::size).orElse(0) + others.value().map(List::size).orElse(0);
        if (found > 0) {
            LOG.warn("compliance job: {} earlier runs never finished; recorded as interrupted in the audit trail",
                    found);
            checkpointed(Step.ran(found));
        }
    }

    private Backups requireBackups() {
        if (backups == null) {
            throw new org.compliancekit.ConfigurationException("no backup engine is configured for the job");
        }
        return backups;
    }

    private RetentionEngine requireRetention() {
        if (retention == null) {
            throw new org.compliancekit.ConfigurationException("no retention engine is configured for the job");
        }
        return retention;
    }

    /** Configures a {@link DailyJob}. */
    public static final class Builder {
        private final JobLock lock;
        private final AuditLog audit;
        private Backups backups;
        private RetentionEngine retention;
        private JobSettings settings = JobSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private Duration auditRetention;
        private Duration auditRetentionCadence = Duration.ofHours(24);
        private Duration personalFieldsRetention;
        private Set<String> personalFields = Set.of();

        private Builder(JobLock lock, AuditLog audit) {
            this.lock = Objects.requireNonNull(lock, "lock");
            this.audit = Objects.requireNonNull(audit, "audit");
        }

        /** The backup engine; its settings say whether backups are enabled and their cadence. */
        public Builder withBackups(Backups backups) {
            this.backups = Objects.requireNonNull(backups, "backups");
            return this;
        }

        /** The retention engine; the job enforces the engine's rules. */
        public Builder withRetention(RetentionEngine retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        public Builder withSettings(JobSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The clock that decides what is due; use the same clock as the engines. */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Prunes audit records older than {@code keepFor} (the policy's {@code audit.retention}) at most once per
         * {@code cadence}; unset, the audit trail is kept forever. The audit log needs a signer to prune.
         */
        public Builder withAuditRetention(Duration keepFor, Duration cadence) {
            if (keepFor == null || keepFor.isNegative() || keepFor.isZero()) {
                throw new org.compliancekit.ConfigurationException("audit.retention must be a positive duration, was "
                        + keepFor);
            }
            if (cadence == null || cadence.isNegative() || cadence.isZero()) {
                throw new org.compliancekit.ConfigurationException("the audit retention cadence must be a positive "
                        + "duration, was " + cadence);
            }
            this.auditRetention = keepFor;
            this.auditRetentionCadence = cadence;
            return this;
        }

        /**
         * Erases the personal fields {@code names} (every personal field when empty) of audit records older than
         * {@code keepFor} (the policy's {@code audit.personalFieldsRetention}), right after the audit retention and on
         * its cadence; unset, personal fields are kept as long as their records.
         */
        public Builder withPersonalFieldsRetention(Duration keepFor, Set<String> names) {
            if (keepFor == null || keepFor.isNegative() || keepFor.isZero()) {
                throw new org.compliancekit.ConfigurationException("audit.personalFieldsRetention must be a positive "
                        + "duration, was " + keepFor);
            }
            this.personalFieldsRetention = keepFor;
            this.personalFields = Set.copyOf(Objects.requireNonNull(names, "names"));
            return this;
        }

        public DailyJob build() {
            return new DailyJob(this);
        }
    }
}
