package org.compliancekit.backup;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a restore did. When it did not restore, the target is exactly as it was.
 *
 * @param folder the backup folder restored from; empty when none matched the request
 * @param restored whether the rows were loaded
 * @param rows rows loaded per table, in load order (parents first); empty when not restored
 * @param error why nothing was restored; {@code null} on success
 * @param verification the checks made: the manifest's, before any row was written, and one for each table file
 *     read, checked as its rows streamed into the load (files not reached before a failure are absent);
 *     {@code null} when no backup was found
 * @param notRestored tables of the request the backup lacks (a partial backup restored with
 *     {@link RestoreRequest#allowPartial()}), each with the error recorded when the backup ran; empty otherwise
 */
public record RestoreResult(Optional<String> folder, boolean restored, Map<String, Long> rows, String error,
        VerifyResult verification, List<TableFailure> notRestored) {
    public RestoreResult {
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
        notRestored = List.copyOf(notRestored);
    }

    /** A result that left no requested table out. */
    public RestoreResult(Optional<String> folder, boolean restored, Map<String, Long> rows, String error,
            VerifyResult verification) {
        this(folder, restored, rows, error, verification, List.of());
    }

    /** Whether every requested table was restored. */
    public boolean complete() {
        return restored && notRestored.isEmpty();
    }

    /** Rows loaded over all tables. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
