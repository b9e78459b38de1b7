package org.compliancekit.cli;

import java.time.Instant;
import java.util.List;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The audit trail: verify its hash chain and checkpoints, or list its records. */
@Command(name = "audit", description = "Verify or list the tamper-evident audit trail.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.ListRecords.class})
final class AuditCommand extends CommandGroup {
    /** Recomputes the whole chain and checks it against its signed checkpoints. */
    @Command(name = "verify", description = "Recompute the hash chain and check it against its signed checkpoints; "
            + "exit code 1 names the first broken record.")
    static final class Verify extends DatabaseCommand {
        @Override
        public Integer call() throws Exception {
            try (CliKit e = kit()) {
                AuditVerification v = e.audit().verify();
                return report(v.valid(), v, w -> w.println(v.valid()
                        ? "audit chain verified: records " + v.fromSequence() + ".." + v.lastSequence() + ", "
                                + v.recordsChecked() + " records, " + v.checkpointsChecked() + " checkpoints"
                        : "audit chain BROKEN at record " + v.firstBreak().sequence() + " ("
                                + v.firstBreak().reason() + "): " + v.firstBreak().explanation()));
            }
        }
    }

    /** Lists records newest first. */
    @Command(name = "list", description = "List audit records, newest first.")
    static final class ListRecords extends DatabaseCommand {
        @Option(names = "--type", paramLabel = "<type>", description = "Only these event types (repeatable), "
                + "e.g. backup, pii_deletion, user_deletion.")
        List<String> types = List.of();

        @Option(names = "--actor", paramLabel = "<actor>", description = "Only this actor.")
        String actor;

        @Option(names = "--since", paramLabel = "<instant>", description = "Only records at or after this instant, "
                + "e.g. 2026-03-01T00:00:00Z.")
        Instant since;

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "50", description = "At most this many records "
                + "(1 to 10000); default ${DEFAULT-VALUE}.")
        int limit;

        @Override
        public Integer call() throws Exception {
            if (limit < 1 || limit > 10_000) {
                throw new ParameterException(spec.commandLine(), "--limit must be 1 to 10000, was "
                        + limit);
            }
            try (CliKit e = kit()) {
                AuditLog log = e.audit();
                AuditQuery q = AuditQuery.all().withTypes(types.toArray(String[]::new)).withLimit(limit);
                q = actor == null ? q : q.withActor(actor);
                q = since == null ? q : q.between(since, null);
                List<AuditRecord> records = log.query(q);
                return report(true, records, w -> records.forEach(r -> w.printf("#%-6d %s %-15s %-9s %-20s %s%n",
                        r.sequence(), r.occurredAt(), r.event().type(), r.event().status().wireName(),
                        r.event().actor() == null ? "(job)" : r.event().actor(), r.event().summary()
                                + (r.event().dryRun() ? " [dry run]" : ""))));
            }
        }
    }
}
