package org.compliancekit.cli;

import org.compliancekit.audit.AuditEvent;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Takes one encrypted backup of the database now. */
@Command(name = "backup", description = "Back up every table (except the policy's excluded ones) to the store now.")
final class BackupCommand extends StoreCommand {

    @Option(names = "--dry-run", description = "Only say which tables would go to which folder.")
    boolean dryRun;

    @Option(names = "--parallelism", paramLabel = "<auto|n>", description = "Tables read at once, each over its own "
            + "connection on one shared snapshot (PostgreSQL; MariaDB, MySQL and H2 read one at a time); default the "
            + "policy's backup.parallelism, auto: one per core, at most 4.")
    String parallelism;

    @Override
    public Integer call() throws Exception {
        Integer connections = parallelism == null ? null : BackupSettings.parseParallelism(parallelism, "--parallelism");
        try (CliKit e = kit()) {
            if (connections != null) {
                e.withBackupParallelism(connections);
            }
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
                    r.excludedTables().forEach(t -> w.printf("  left out %s (backup.excludeTables or backup.schemas)%n",
                            t));
                });
            });
        }
    }
}
