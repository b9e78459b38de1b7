package org.compliancekit.cli;

import java.util.Locale;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.retention.RetentionPlan;
import org.compliancekit.retention.RetentionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The policy's retention rules: what they would change now, or run them. */
@Command(name = "retention", description = "Plan or run the policy's retention rules (PII deletion).",
        subcommands = {RetentionCommand.Plan.class, RetentionCommand.Run.class})
final class RetentionCommand extends CommandGroup {
    /** What both subcommands share: printing a plan. */
    abstract static class RetentionSubcommand extends DatabaseCommand {

        int printPlan(RetentionPlan p) {
            return report(true, p, w -> {
                w.println("retention plan at " + p.at() + ": " + p.totalMatching() + " rows would change, "
                        + p.totalHeld() + " held");
                p.rules().forEach(r -> w.printf("  %-20s %-9s %-24s %8d rows, %d held, cutoff %s%n", r.rule(),
                        r.action().name().toLowerCase(Locale.ROOT), r.table(), r.matching(), r.held(),
                        r.cutoff()));
            });
        }
    }

    /** Counts what each rule would change now; records nothing. */
    @Command(name = "plan", description = "Count the rows each rule would anonymize or delete now; changes and "
            + "records nothing.")
    static final class Plan extends RetentionSubcommand {
        @Override
        public Integer call() throws Exception {
            try (CliKit e = kit()) {
                return printPlan(e.retention().plan());
            }
        }
    }

    /** Runs every rule now. */
    @Command(name = "run", description = "Anonymize or delete expired rows now, in batches, each rule audited.")
    static final class Run extends RetentionSubcommand {
        @Option(names = "--dry-run", description = "Plan only, and record the dry run in the audit trail.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            try (CliKit e = kit()) {
                return recorded(e, AuditEvent.TYPE_PII_DELETION, dryRun, () -> {
                    if (dryRun) {
                        return printPlan(e.retention().dryRun(actor()));
                    }
                    RetentionResult r = e.retention().execute(actor());
                    return report(r.status() == AuditStatus.COMPLETED, r, w -> {
                        w.println("retention run " + r.status().wireName() + ": " + r.totalAffected()
                                + " rows changed, " + r.totalHeld() + " held, in " + r.duration().toMillis() + " ms");
                        r.rules().forEach(x -> w.printf("  %-20s %-9s %-24s %8d rows%s%n", x.rule(),
                                x.action().name().toLowerCase(Locale.ROOT), x.table(), x.affected(),
                                x.error() == null ? "" : " FAILED: " + x.error()));
                    });
                });
            }
        }
    }
}
