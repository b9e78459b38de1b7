package org.compliancekit.cli;

import java.time.LocalDate;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.backup.BackupInfo;
import org.compliancekit.backup.Backups;
import picocli.CommandLine.Option;

/**
 * Which backup a command reads: a folder, the newest (complete, where there is one) of a date, or by default the
 * newest complete one.
 */
final class BackupChoice {
    @Option(names = "--date", paramLabel = "<yyyy-mm-dd>", description = "The newest complete backup of this day "
            + "(UTC), or the newest of the day when none of them is complete; default the newest complete backup.")
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
            List<BackupInfo> ofTheDay = backups.listBackups().stream().filter(b -> b.folder().startsWith(day)).toList();
            // a partial or failed backup taken after a complete one the same day must not hide it; when the day has
            // no complete one, its newest is still chosen, so that verify-backup and restore say what it lacks
            return ofTheDay.stream().filter(BackupInfo::isComplete).reduce((a, b) -> b)
                    .or(() -> ofTheDay.stream().reduce((a, b) -> b)).map(BackupInfo::folder)
                    .orElseThrow(() -> new StorageException("no backup of set '" + backups.settings().name()
                            + "' was taken on " + day + "; 'compliance verify-backup' without --date picks the newest "
                            + "complete one"));
        }
        return backups.lastCompleted().map(BackupInfo::folder).orElseThrow(() -> new StorageException(
                "no complete backup of set '" + backups.settings().name() + "' in --store; check --store and --name"));
    }
}
