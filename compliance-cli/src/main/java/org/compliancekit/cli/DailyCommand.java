package org.compliancekit.cli;

import java.util.Locale;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.Step;
import org.compliancekit.job.StepState;
import picocli.CommandLine.Command;

/** The whole daily job once, as a scheduler would run it. */
@Command(name = "daily", description = {"Run the daily job once: backup (when enabled and due), cleanup, PII "
        + "deletion (when due), audit retention (when audit.retention is set) and personal audit field erasure (when "
        + "audit.personalFieldsRetention is set). Safe to run from several hosts: a lock in the database makes one "
        + "of them run it.",
        "Exit code 1 when a step failed or was partial."})
final class DailyCommand extends StoreCommand {

    @Override
    public Integer call() throws Exception {
        try (CliKit e = kit()) {
            JobReport r = e.dailyJob(store).run();
            e.endProgress();
            return report(succeeded(r), r, w -> {
                w.println("daily job at " + r.startedAt() + (r.locked() ? ": another instance holds the lock, "
                        + "nothing ran" : ""));
                w.println("  backup:       " + describe(r.backup()) + r.backup().value().map(b -> ", "
                        + b.status().wireName() + " to " + b.folder() + ", " + b.rows() + " rows").orElse(""));
                w.println("  cleanup:      " + describe(r.cleanup()) + r.cleanup().value().map(c -> ", "
                        + c.deletedFolders().size() + " folders deleted").orElse(""));
                w.println("  PII deletion: " + describe(r.piiDeletion()) + r.piiDeletion().value().map(x -> ", "
                        + x.status().wireName() + ", " + x.totalAffected() + " rows changed").orElse(""));
                w.println("  audit retention: " + describe(r.auditRetention()) + r.auditRetention().value()
                        .map(p -> ", " + p.deletedRecords() + " audit records pruned").orElse(""));
                w.println("  personal audit fields: " + describe(r.personalFieldsRetention())
                        + r.personalFieldsRetention().value().map(x -> ", " + x.fields() + " values erased from "
                        + x.records() + " audit records").orElse(""));
            });
        }
    }

    private static boolean succeeded(JobReport r) {
        boolean failed = r.backup().state() == StepState.FAILED || r.cleanup().state() == StepState.FAILED
                || r.piiDeletion().state() == StepState.FAILED || r.auditRetention().state() == StepState.FAILED
                || r.personalFieldsRetention().state() == StepState.FAILED;
        boolean partial = r.backup().value().map(b -> b.status() != BackupStatus.COMPLETED).orElse(false)
                || r.cleanup().value().map(c -> !c.failures().isEmpty()).orElse(false)
                || r.piiDeletion().value().map(x -> x.status() != AuditStatus.COMPLETED).orElse(false);
        return !failed && !partial;
    }

    private static String describe(Step<?> step) {
        return step.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (step.reason().isEmpty() ? "" : " (" + step.reason() + ")");
    }
}
