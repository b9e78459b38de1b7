package org.compliancekit.cli;

import java.time.LocalDate;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.backup.BackupInfo;
import org.compliancekit.backup.Backups;
import picocli.CommandLine.Option;

/** Which backup a command reads: a folder, the newest of a date, or by default the newest complete one. */
final class BackupChoice {
    @Option(names = "--date", paramLabel = "<yyyy-mm-dd>", description = "The newest backup of this day (UTC); "
            + "default the newest complete backup.")
    LocalDate date;

    @Option(names = "--folder", paramLabel = "<folder>", description = "An exact backup folder, e.g. 2026-03-01.")
    String folder;

    /** The folder chosen, resolved against the backups in the store. */
    String folder(Backups backups) {
        if (folder != null && date != null) {
            throw new ConfigurationException("give --date or --folder, not both");
        }
        if (folder != null) {
            return folder;
        }
        if (date != null) {
            String day = date.toString();
            return backups.listBackups().stream().map(BackupInfo::folder).filter(f -> f.startsWith(day))
                    .reduce((a, b) -> b).orElseThrow(() -> new StorageException("no backup of set '"
                            + backups.settings().name() + "' was taken on " + day + "; 'compliance verify-backup' "
                            + "without --date picks the newest complete one"));
        }
        return backups.lastCompleted().map(BackupInfo::folder).orElseThrow(() -> new StorageException(
                "no complete backup of set '" + backups.settings().name() + "' in --store; check --store and --name"));
    }
}
