package org.compliancekit.backup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one backup run did.
 *
 * @param name the backup set
 * @param folder the folder written, e.g. {@code 2026-03-01}
 * @param status completed, partial (some tables failed) or failed (none backed up)
 * @param tables the tables backed up
 * @param failures the tables that failed, each with its error
 * @param duration how long the run took
 * @param dryRun whether this only says what a backup would write (rows and bytes are then 0)
 * @param excludedTables the tables of the data store the backup left out, by {@code backup.excludeTables} or
 *     because their schema is not in {@code backup.schemas}; the manifest lists the same
 */
public record BackupResult(
        String name, String folder, BackupStatus status, List<TableBackup> tables, List<TableFailure> failures,
        Duration duration, boolean dryRun, List<String> excludedTables) {

    public BackupResult {
        Objects.requireNonNull(status, "status");
        tables = List.copyOf(tables);
        failures = List.copyOf(failures);
        excludedTables = excludedTables == null ? List.of() : List.copyOf(excludedTables);
    }

    /** A result that left no table out. */
    public BackupResult(String name, String folder, BackupStatus status, List<TableBackup> tables,
            List<TableFailure> failures, Duration duration, boolean dryRun) {
        this(name, folder, status, tables, failures, duration, dryRun, List.of());
    }

    /** Rows written over all tables. */
    public long rows() {
        return tables.stream().mapToLong(TableBackup::rows).sum();
    }

    /** Bytes stored over all tables. */
    public long storedBytes() {
        return tables.stream().mapToLong(TableBackup::storedBytes).sum();
    }

    /** One table written. */
    public record TableBackup(String table, String objectKey, long rows, long storedBytes) {
    }
}
