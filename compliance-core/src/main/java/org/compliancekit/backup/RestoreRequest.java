package org.compliancekit.backup;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which backup to restore, which of its tables, and whether existing rows may be replaced.
 *
 * @param folder the backup folder (e.g. {@code 2026-03-01}); empty for the latest complete backup
 * @param date when set and {@code folder} is empty, the latest complete backup of that UTC date
 * @param tables the tables to restore; empty for every table in the backup
 * @param replace whether tables that hold rows are emptied first; otherwise the restore refuses them
 * @param allowPartial whether a backup that lacks tables (status {@code partial}) may be restored; the result then
 *     names the tables it did not restore. Without it such a restore is refused.
 */
public record RestoreRequest(Optional<String> folder, Optional<LocalDate> date, Set<String> tables, boolean replace,
        boolean allowPartial) {
    public RestoreRequest {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(date, "date");
        tables = Set.copyOf(tables);
    }

    /** A request that refuses partial backups. */
    public RestoreRequest(Optional<String> folder, Optional<LocalDate> date, Set<String> tables, boolean replace) {
        this(folder, date, tables, replace, false);
    }

    /** The latest complete backup, every table, refusing non-empty targets. */
    public static RestoreRequest latest() {
        return new RestoreRequest(Optional.empty(), Optional.empty(), Set.of(), false);
    }

    /** The latest complete backup taken on {@code date} (UTC). */
    public static RestoreRequest fromDate(LocalDate date) {
        return new RestoreRequest(Optional.empty(), Optional.of(date), Set.of(), false);
    }

    /** The backup in {@code folder}, as listed by {@link Backups#listBackups()}. */
    public static RestoreRequest fromFolder(String folder) {
        return new RestoreRequest(Optional.of(folder), Optional.empty(), Set.of(), false);
    }

    public RestoreRequest withTables(Set<String> tables) {
        return new RestoreRequest(folder, date, tables, replace, allowPartial);
    }

    public RestoreRequest withReplace(boolean replace) {
        return new RestoreRequest(folder, date, tables, replace, allowPartial);
    }

    public RestoreRequest withAllowPartial(boolean allowPartial) {
        return new RestoreRequest(folder, date, tables, replace, allowPartial);
    }
}
