package org.compliancekit.job;

import java.time.Duration;
import java.time.Instant;
import org.compliancekit.audit.PersonalFieldErasure;
import org.compliancekit.audit.PruneResult;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.CleanupResult;
import org.compliancekit.retention.RetentionResult;

/**
 * What one daily run did, step by step.
 *
 * @param startedAt when the run started
 * @param locked whether another instance held the job lock, in which case nothing ran and nothing was recorded
 * @param backup the backup step
 * @param cleanup the backup cleanup step (runs after a backup that ran)
 * @param piiDeletion the retention step
 * @param auditRetention the audit trail's own retention step: records older than the audit retention period are
 *     pruned behind a signed genesis checkpoint (see {@link org.compliancekit.audit.AuditLog#prune})
 * @param personalFieldsRetention the personal audit fields' own, shorter retention: the chosen personal fields of
 *     records older than it are erased, the records kept (see {@link org.compliancekit.audit.AuditLog#erasePersonalFieldsBefore});
 *     its result counts the records and values erased
 * @param duration how long the run took
 */
public record JobReport(
        Instant startedAt, boolean locked, Step<BackupResult> backup, Step<CleanupResult> cleanup,
        Step<RetentionResult> piiDeletion, Step<PruneResult> auditRetention,
        Step<PersonalFieldErasure> personalFieldsRetention, Duration duration) {

    static JobReport lockedOut(Instant at) {
        Step<BackupResult> b = Step.not(StepState.SKIPPED, "another instance holds the job lock");
        Step<CleanupResult> c = Step.not(StepState.SKIPPED, "another instance holds the job lock");
        Step<RetentionResult> r = Step.not(StepState.SKIPPED, "another instance holds the job lock");
        return new JobReport(at, true, b, c, r, Step.not(StepState.SKIPPED, "another instance holds the job lock"),
                Step.not(StepState.SKIPPED, "another instance holds the job lock"), Duration.ZERO);
    }
}
