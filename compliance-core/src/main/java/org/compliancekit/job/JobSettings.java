package org.compliancekit.job;

import java.time.Duration;
import org.compliancekit.ConfigurationException;

/**
 * How the daily job schedules its tasks: the {@code job} section of the policy file.
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
    /** Default of {@code job.piiDeletionCadence}: once a day. */
    public static final Duration DEFAULT_PII_DELETION_CADENCE = Duration.ofHours(24);
    /** Default of {@code job.skipDeletionWhenBackupFails}: deletion waits for a good backup. */
    public static final boolean DEFAULT_SKIP_DELETION_WHEN_BACKUP_FAILS = true;
    /** Default of {@code job.dueGrace}. */
    public static final Duration DEFAULT_DUE_GRACE = Duration.ofHours(1);
    /** Default of {@code job.lockName}. */
    public static final String DEFAULT_LOCK_NAME = "compliance-daily-job";
    /** Default of {@code job.lockAtMostFor}. */
    public static final Duration DEFAULT_LOCK_AT_MOST_FOR = Duration.ofHours(6);

    /** Validates every setting, naming it by its policy-file path. */
    public JobSettings {
        positive(piiDeletionCadence, "job.piiDeletionCadence");
        if (dueGrace == null || dueGrace.isNegative()) {
            throw new ConfigurationException("job.dueGrace must be zero or positive, was " + dueGrace);
        }
        if (lockName == null || lockName.isBlank()) {
            throw new ConfigurationException("job.lockName must not be blank");
        }
        positive(lockAtMostFor, "job.lockAtMostFor");
    }

    /** Every setting at its {@code DEFAULT_*} constant. */
    public static JobSettings defaults() {
        return new JobSettings(DEFAULT_PII_DELETION_CADENCE, DEFAULT_SKIP_DELETION_WHEN_BACKUP_FAILS, DEFAULT_DUE_GRACE,
                DEFAULT_LOCK_NAME, DEFAULT_LOCK_AT_MOST_FOR);
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

    public JobSettings withLockName(String name) {
        return new JobSettings(piiDeletionCadence, skipDeletionWhenBackupFails, dueGrace, name, lockAtMostFor);
    }

    public JobSettings withLockAtMostFor(Duration atMostFor) {
        return new JobSettings(piiDeletionCadence, skipDeletionWhenBackupFails, dueGrace, lockName, atMostFor);
    }

    private static void positive(Duration d, String setting) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigurationException(setting + " must be a positive duration, was " + d);
        }
    }
}
