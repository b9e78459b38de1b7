package org.compliancekit.spring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.backup.BackupInfo;
import org.compliancekit.backup.Backups;
import org.compliancekit.kit.ComplianceKit;
import org.springframework.scheduling.support.CronExpression;

/**
 * What the compliance machinery last did and will do next, read from durable state (the audit log and the backup
 * manifests, so every instance of a cluster sees the same) plus the last audit-chain verification this instance
 * ran. Serves the Actuator endpoint and the health indicator.
 */
public final class ComplianceStatus {
    /** The tasks of the daily job, as the endpoint names them, with the audit event type each records. */
    static final Map<String, String> TASKS = Map.of(
            "backup", AuditEvent.TYPE_BACKUP,
            "cleanup", AuditEvent.TYPE_BACKUP_CLEANUP,
            "pii-deletion", AuditEvent.TYPE_PII_DELETION);
    private static final int PAGES = 20;
    /** Health is polled often and listing manifests reads every one of them; a minute-old answer is fresh enough. */
    private static final long BACKUP_CACHE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final ComplianceKit kit;
    private final CronExpression cron;
    private final ZoneId zone;
    private final Instant startedAt;
    private final AtomicReference<ChainCheck> lastChainCheck = new AtomicReference<>();
    private final AtomicReference<CachedBackup> lastGoodBackup = new AtomicReference<>();

    /**
     * @param cron the job's schedule, or {@code null} when this instance does not schedule it
     */
    public ComplianceStatus(ComplianceKit kit, CronExpression cron, ZoneId zone) {
        this.kit = kit;
        this.cron = cron;
        this.zone = zone;
        this.startedAt = kit.clock().instant();
    }

    /** Verifies the whole audit chain now and remembers the outcome for health. */
    public ChainCheck verifyAuditChain() {
        Instant at = kit.clock().instant();
        AuditVerification v = kit.auditLog().verify();
        ChainCheck check = new ChainCheck(at, v.valid() ? "valid" : "broken", v.recordsChecked(),
                v.breakage().map(b -> b.sequence()).orElse(null),
                v.breakage().map(b -> b.reason().name()).orElse(null));
        lastChainCheck.set(check);
        return check;
    }

    /** The last chain verification of this instance, if any ran. */
    public Optional<ChainCheck> lastChainCheck() {
        return Optional.ofNullable(lastChainCheck.get());
    }

    /** When this status (and the application's kit) started: health allows a fresh install time for a first backup. */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * The newest complete backup, from the manifests (read at most once a minute, and again after
     * {@link #backupsChanged()}); empty without a backup store or before the first backup.
     */
    public Optional<BackupInfo> lastGoodBackup() {
        CachedBackup cached = lastGoodBackup.get();
        long now = System.nanoTime();
        if (cached == null || now - cached.readAt() > BACKUP_CACHE_NANOS) {
            cached = new CachedBackup(kit.backups().flatMap(Backups::lastCompleted), now);
            lastGoodBackup.set(cached);
        }
        return cached.backup();
    }

    /** Tells the status that a backup or cleanup ran in this instance, so the next read lists the manifests again. */
    public void backupsChanged() {
        lastGoodBackup.set(null);
    }

    private record CachedBackup(Optional<BackupInfo> backup, long readAt) {
    }

    /** The full report of the read operation. */
    public Report report() {
        Map<String, TaskStatus> tasks = new LinkedHashMap<>();
        for (String task : List.of("backup", "cleanup", "pii-deletion")) {
            tasks.put(task, task(task));
        }
        Optional<BackupInfo> last = kit.backups().flatMap(Backups::newest);
        BackupSummary backup = last.map(b -> new BackupSummary(b.name(), b.folder(), b.createdAt(),
                b.status().name().toLowerCase(java.util.Locale.ROOT), b.storedBytes(), b.rows())).orElse(null);
        return new Report(tasks, backup, lastChainCheck.get());
    }

    private TaskStatus task(String task) {
        Optional<AuditRecord> last = lastRun(TASKS.get(task));
        Instant lastRun = last.map(AuditRecord::occurredAt).orElse(null);
        String status = last.map(r -> r.event().status().wireName()).orElse(null);
        return new TaskStatus(lastRun, status, nextDue(task, lastRun).orElse(null), enabled(task));
    }

    private boolean enabled(String task) {
        return task.equals("pii-deletion") ? !kit.policy().rules().isEmpty()
                : kit.backups().isPresent() && kit.policy().backup().enabled();
    }

    /** The first scheduled run at which the task's cadence (less the grace) has passed. */
    private Optional<Instant> nextDue(String task, Instant lastRun) {
        if (cron == null || !enabled(task)) {
            return Optional.empty();
        }
        Duration cadence = task.equals("pii-deletion") ? kit.policy().job().piiDeletionCadence()
                : kit.policy().backup().cadence();
        Duration grace = kit.policy().job().dueGrace();
        Duration wait = cadence.compareTo(grace) > 0 ? cadence.minus(grace) : Duration.ZERO;
        Instant now = kit.clock().instant();
        Instant from = lastRun == null || lastRun.plus(wait).isBefore(now) ? now : lastRun.plus(wait);
        ZonedDateTime next = cron.next(ZonedDateTime.ofInstant(from.minusSeconds(1), zone));
        return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
    }

    /** The newest record of {@code type} that was not a dry run. */
    private Optional<AuditRecord> lastRun(String type) {
        AuditQuery q = AuditQuery.all().withTypes(type).withLimit(50);
        for (int page = 0; page < PAGES; page++) {
            List<AuditRecord> records = kit.auditLog().query(q);
            for (AuditRecord r : records) {
                if (!r.event().dryRun()) {
                    return Optional.of(r);
                }
            }
            if (records.isEmpty()) {
                break;
            }
            q = q.before(records.get(records.size() - 1).sequence());
        }
        return Optional.empty();
    }

    /** The read operation's answer. */
    public record Report(Map<String, TaskStatus> tasks, BackupSummary lastBackup, ChainCheck auditChain) {
    }

    /**
     * One task of the daily job.
     *
     * @param lastRun when it last ran for real (any instance)
     * @param status how that run ended: completed, partial or failed
     * @param nextDue the scheduled run at which it is next due; empty when this instance does not schedule the job
     * @param enabled whether the task is configured at all
     */
    public record TaskStatus(Instant lastRun, String status, Instant nextDue, boolean enabled) {
    }

    /** The newest backup folder, whatever its status. */
    public record BackupSummary(String name, String folder, Instant createdAt, String status, long storedBytes,
            long rows) {
    }

    /**
     * One verification of the audit chain.
     *
     * @param status valid or broken
     * @param firstBrokenSequence the first record at fault, when broken
     */
    public record ChainCheck(Instant checkedAt, String status, long recordsChecked, Long firstBrokenSequence,
            String reason) {
        public boolean valid() {
            return "valid".equals(status);
        }
    }
}
