package org.compliancekit.cli;

import java.util.LinkedHashSet;
import java.util.List;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.backup.Backups;
import org.compliancekit.backup.RestoreRequest;
import org.compliancekit.backup.RestoreResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Restores a backup into the database at {@code --jdbc-url}, e.g. a fresh one for a restore drill, checking each
 * file as it loads.
 */
@Command(name = "restore", description = {"Load a backup into the database at --jdbc-url, checking each file as "
        + "its rows load (all tables in one transaction: nothing changes if a check or the load fails).",
        "The tables must exist and be empty, unless --replace."})
final class RestoreCommand extends StoreCommand {
    @Mixin
    BackupChoice choice;

    @Option(names = "--table", paramLabel = "<table>", description = "Restore only these tables (repeatable).")
    List<String> tables = List.of();

    @Option(names = "--replace", description = "Empty the tables before loading them.")
    boolean replace;

    @Option(names = "--allow-partial", description = "Restore a partial backup: load the tables it holds and name "
            + "the ones it lacks (exit code 1 all the same). Without it a partial backup is not restored.")
    boolean allowPartial;

    @Override
    public Integer call() throws Exception {
        try (CliKit e = kit().storeReadOnly()) {
            return recorded(e, AuditEvent.TYPE_DATA_IMPORT, false, () -> {
                Backups backups = e.backups(store, false);
                RestoreRequest request = RestoreRequest.fromFolder(choice.folder(backups))
                        .withTables(new LinkedHashSet<>(tables)).withReplace(replace).withAllowPartial(allowPartial);
                RestoreResult r = backups.restore(request);
                e.endProgress();
                return report(r.complete(), r, w -> {
                    w.println("restore from " + r.folder().orElse("(none)") + ": " + (r.restored()
                            ? "restored " + r.rows().size() + " tables, " + r.totalRows() + " rows"
                            + (r.complete() ? "" : "; " + r.notRestored().size() + " tables NOT restored (the backup "
                            + "is partial)") : "NOT restored: " + r.error()));
                    r.rows().forEach((t, n) -> w.printf("  %-30s %10d rows%n", t, n));
                    r.notRestored().forEach(f -> w.printf("  %-30s NOT restored: missing from the backup: %s%n",
                            f.table(), f.error()));
                });
            });
        }
    }
}
