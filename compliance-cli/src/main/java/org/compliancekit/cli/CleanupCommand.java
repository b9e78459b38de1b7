package org.compliancekit.cli;

import org.compliancekit.audit.AuditEvent;
import org.compliancekit.backup.CleanupResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Deletes backups past the policy's retention, always keeping the newest complete one. */
@Command(name = "cleanup", description = "Delete backup folders past retention and abandoned incomplete folders; "
        + "the newest complete backup is always kept.")
final class CleanupCommand extends StoreCommand {

    @Option(names = "--dry-run", description = "Only say which folders would be deleted.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        try (CliKit e = kit()) {
            return recorded(e, AuditEvent.TYPE_BACKUP_CLEANUP, dryRun, () -> {
                e.policy();
                CleanupResult r = dryRun ? e.backups(store, false).cleanupDryRun(actor())
                        : e.backups(store, false).cleanup(actor());
                return report(r.failures().isEmpty(), r, w -> {
                    w.println("cleanup" + (r.dryRun() ? " (dry run)" : "") + ": " + r.deletedFolders().size()
                            + " folders and " + r.deletedUnfinished().size() + " unfinished files "
                            + (r.dryRun() ? "would be " : "") + "deleted, " + r.keptFolders().size() + " folders kept");
                    r.deletedFolders().forEach(f -> w.println("  deleted folder " + f));
                    r.deletedUnfinished().forEach(f -> w.println("  deleted unfinished file " + f));
                    r.failures().forEach(f -> w.println("  not deleted " + f.key() + ": " + f.error()));
                });
            });
        }
    }
}
