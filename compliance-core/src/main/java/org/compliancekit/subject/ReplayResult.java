package org.compliancekit.subject;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link SubjectRights#replayErasures} re-applied after a restore.
 *
 * @param since erasures strictly after this instant were replayed (the backup's time)
 * @param entries ledger entries read
 * @param changed rows anonymized or deleted again, per table, in the order they were visited (children first)
 */
public record ReplayResult(Instant since, int entries, Map<String, Long> changed) {
    public ReplayResult {
        Objects.requireNonNull(since, "since");
        changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
    }

    /** Rows changed over all tables. */
    public long totalChanged() {
        return changed.values().stream().mapToLong(Long::longValue).sum();
    }
}
