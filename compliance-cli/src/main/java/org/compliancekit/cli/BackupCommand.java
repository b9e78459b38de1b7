package org.compliancekit.cli;

import org.compliancekit.audit.AuditEvent;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Takes one encrypted backup of the database now. */
@Command(name = "backup", description = "Back up every table (except the policy's excluded ones) to the store now.")
final class BackupCommand extends StoreCommand {

    @Option(names = "--dry-run", description = "Only say which tables would go to which folder.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        try (CliKit e = kit()) {
            return recorded(e, AuditEvent.TYPE_BACKUP, dryRun, () -> {
                e.policy();
                BackupResult r = dryRun ? e.backups(store, false).backupDryRun(actor())
                        : e.backups(store, false).backup(actor());
                e.endProgress();
                return report(r.status() == BackupStatus.COMPLETED, r, w -> {
                    w.printf("backup %s/%s %s%s: %d tables, %d rows, %,d bytes in %d ms%n", r.name(), r.folder(),
                            r.status().wireName(), r.dryRun() ? " (dry run)" : "", r.tables().size(), r.rows(),
                            r.storedBytes(), r.duration().toMillis());
                    r.tables().forEach(t -> w.printf("  %-30s %10d rows %,14d bytes%n", t.table(), t.rows(),
                            t.storedBytes()));
                    r.failures().forEach(f -> w.printf("  FAILED %s: %s%n", f.table(), f.error()));
                });
            });
        }
    }
}
