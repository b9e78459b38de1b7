package org.compliancekit.backup;

import java.util.Map;
import java.util.Optional;

/**
 * What a restore did. When it did not restore, the target is exactly as it was.
 *
 * @param folder the backup folder restored from; empty when none matched the request
 * @param restored whether the rows were loaded
 * @param rows rows loaded per table, in load order (parents first); empty when not restored
 * @param error why nothing was restored; {@code null} on success
 * @param verification the check of the backup made before loading; {@code null} when no backup was found
 */
public record RestoreResult(
        Optional<String> folder, boolean restored, Map<String, Long> rows, String error, VerifyResult verification) {
    public RestoreResult {
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    }

    /** Rows loaded over all tables. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
