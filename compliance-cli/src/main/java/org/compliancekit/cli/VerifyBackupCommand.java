package org.compliancekit.cli;

import org.compliancekit.backup.Backups;
import org.compliancekit.backup.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Checks a backup against its manifest without restoring it; needs the store and keys only. */
@Command(name = "verify-backup", description = "Check a backup's manifest MAC, checksums and row counts without "
        + "restoring it. Needs no database.")
final class VerifyBackupCommand extends CliCommand {
    @Mixin
    PolicyOptions policy;
    @Mixin
    StoreOptions store;
    @Mixin
    BackupChoice choice;

    @Override
    public Integer call() throws Exception {
        try (CliKit e = kit(new DatabaseOptions(), policy, new AuditKeyOptions())) {
            Backups backups = e.backups(store, true);
            VerifyResult r = backups.verify(choice.folder(backups));
            e.endProgress();
            return report(r.ok(), r, w -> {
                w.println("backup " + backups.settings().name() + "/" + r.folder() + ": " + (r.ok() ? "verified"
                        : r.intact() ? "PARTIAL: " + r.missingTables().size() + " tables missing"
                        : "FAILED verification") + ", " + r.files().size() + " files");
                r.files().forEach(f -> w.printf("  %-30s %10d rows %s%n", f.table(), f.rows(),
                        f.ok() ? "ok" : f.problem()));
                r.missingTables().forEach(f -> w.printf("  %-30s MISSING: failed when the backup ran: %s%n",
                        f.table(), f.error()));
                r.problems().forEach(p -> w.println("  problem: " + p));
            });
        }
    }
}
