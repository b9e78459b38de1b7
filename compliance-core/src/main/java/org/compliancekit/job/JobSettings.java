package org.compliancekit.job;

import java.time.Duration;
import org.compliancekit.ConfigurationException;

/**
 * How the daily job schedules its tasks.
 *
 * @param piiDeletionCadence minimum time between two PII deletion runs (default 24h)
 * @param skipDeletionWhenBackupFails whether PII deletion waits when that run's backup failed (default true):
 *     deleting data that no backup holds removes the recovery window
 * @param dueGrace a task counts as due this much before its cadence has fully passed, so a daily run that starts a
 *     few seconds earlier than yesterday's still runs (default 1h)
 * @param lockName the name of the cluster-wide lock (default {@code compliance-daily-job})
 * @param lockAtMostFor the lock is released after this even if the instance dies mid-run (default 6h)
 */
public record JobSettings(
        Duration piiDeletionCadence, boolean skipDeletionWhenBackupFails, Duration dueGrace, String lockName,
        Duration lockAtMostFor) {

    public JobSettings {
        positive(piiDeletionCadence, "compliance.job.pii-deletion-cadence");
        if (dueGrace == null || dueGrace.isNegative()) {
            throw new ConfigurationException("compliance.job.due-grace must be zero or positive, was " + dueGrace);
        }
        if (lockName == null || lockName.isBlank()) {
            throw new ConfigurationException("compliance.job.lock-name must not be blank");
        }
        positive(lockAtMostFor, "compliance.job.lock-at-most-for");
    }

    /** Deletion every 24h, skipped after a failed backup, 1h grace, lock {@code compliance-daily-job} for 6h. */
    public static JobSettings defaults() {
        return new JobSettings(Duration.ofHours(24), true, Duration.ofHours(1), "compliance-daily-job", Duration.ofHours(6));
    }

    public JobSettings withPiiDeletionCadence(Duration cadence) {
        return new JobSettings(cadence, skipDeletionWhenBackupFails, dueGrace, lockName, lockAtMostFor);
    }

    public JobSettings withSkipDeletionWhenBackupFails(boolean skip) {
        return new JobSettings(piiDeletionCadence, skip, dueGrace, lockName, lockAtMostFor);
    }

    public JobSettings withDueGrace(Duration grace) {
        return new JobSettings(piiDeletionCadence, skipDeletionWhenBackupFails, grace, lockName, lockAtMostFor);
    }

    private static void positive(Duration d, String setting) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigurationException(setting + " must be a positive duration, was " + d);
        }
    }
}
