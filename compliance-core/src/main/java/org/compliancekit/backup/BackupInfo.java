package org.compliancekit.backup;

import java.time.Instant;
import java.util.List;

/**
 * A finished backup as its manifest describes it; folders without a manifest are not listed.
 *
 * @param name the backup set
 * @param folder its folder, e.g. {@code 2026-03-01} or {@code 2026-03-01T101530Z}
 * @param createdAt when the backup started
 * @param status how it ended
 * @param tables the tables it holds
 * @param rows rows over all tables
 * @param storedBytes bytes over all table files
 * @param authenticated whether the manifest's MAC checked out under the configured keys
 */
public record BackupInfo(
        String name, String folder, Instant createdAt, BackupStatus status, List<String> tables, long rows,
        long storedBytes, boolean authenticated) {

    public BackupInfo {
        tables = List.copyOf(tables);
    }

    /** Whether every table was backed up. */
    public boolean isComplete() {
        return status == BackupStatus.COMPLETED;
    }
}
