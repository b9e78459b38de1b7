package org.compliancekit.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRange;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.CheckpointVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The audit trail: verify its hash chain and checkpoints, sign a checkpoint, or list its records. */
@Command(name = "audit", description = "Verify, checkpoint or list the tamper-evident audit trail.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.MakeCheckpoint.class, AuditCommand.ListRecords.class})
final class AuditCommand extends CommandGroup {
    /** Recomputes the whole chain and checks it against its signed checkpoints. */
    @Command(name = "verify", description = "Recompute the hash chain and check it against its signed checkpoints; "
            + "exit code 1 names the first broken record. An auditor needs only the public key file.")
    static final class Verify extends DatabaseCommand {
        @Option(names = "--audit-public-key-file", paramLabel = "<file>", description = "Public key that checkpoints "
                + "are checked with: the <file>.pub written by 'keygen --audit' (repeatable, for retired keys). No "
                + "private key is needed to verify.")
        List<Path> publicKeyFiles = List.of();

        @Option(names = "--against-backups", paramLabel = "<dir|s3://bucket/prefix>", description = "Also check the "
                + "chain against the signed checkpoints the backups in this store carry: a cut or rewritten tail up "
                + "to the newest backup is detected even when the database's own head and checkpoints were edited.")
        String againstBackups;

        @Override
        public Integer call() throws Exception {
            List<CheckpointVerifier> keys = publicKeyFiles.stream().map(SecretFiles::auditPublicKey).toList();
            try (CliKit e = kit().withAuditPublicKeys(keys).readOnly()) {
                AuditLog log = e.audit();
                AuditRange range = AuditRange.all();
                if (againstBackups != null) {
                    StoreOptions store = new StoreOptions();
                    store.store = againstBackups;
                    range = range.against(e.backupCheckpoints(store));
                }
                int fromBackups = range.externalCheckpoints().size();
                AuditVerification v;
                try {
                    v = log.verify(range);
                } catch (ConfigurationException missingKey) {
                    if (e.hasAuditKeys()) {
                        throw missingKey;
                    }
                    throw new ConfigurationException("the audit trail has signed checkpoints and no key was given to "
                            + "check them; give --audit-public-key-file <file>.pub (written by 'keygen --audit'), "
                            + "repeated for retired keys");
                }
                return report(v.valid(), v, w -> w.println(v.valid()
                        ? "audit chain verified: records " + v.fromSequence() + ".." + v.lastSequence() + ", "
                                + v.recordsChecked() + " records, " + v.checkpointsChecked() + " checkpoints"
                                + (againstBackups == null ? "" : " (" + fromBackups + " from the backups' manifests)")
                        : "audit chain BROKEN at record " + v.firstBreak().sequence() + " ("
                                + v.firstBreak().reason() + "): " + v.firstBreak().explanation()));
            }
        }
    }

    /** Signs the chain's current head. */
    @Command(name = "checkpoint", description = "Sign a checkpoint of the chain's current head with --audit-key-file "
            + "and keep it in the checkpoint table; a copy kept elsewhere makes a later cut of the tail detectable.")
    static final class MakeCheckpoint extends DatabaseCommand {
        @Override
        public Integer call() throws Exception {
            if (auditKey.file().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "audit checkpoint needs --audit-key-file, the "
                        + "signing key from 'keygen --audit'");
            }
            try (CliKit e = kit()) {
                return e.recorded(AuditEvent.TYPE_CONFIG_CHANGE, "audit_checkpoint", ComplianceCli.displayName(spec),
                        actor(), false, () -> {
                            Checkpoint c = e.audit().checkpoint();
                            return report(true, c, w -> w.println("checkpoint signed with key '" + c.keyId()
                                    + "': record " + c.sequence() + ", head hash " + c.headHash() + ", at "
                                    + c.createdAt()));
                        });
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
            try (CliKit e = kit().readOnly()) {
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
