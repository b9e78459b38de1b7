package org.compliancekit.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@link AuditLog#prune(Instant)}.
 *
 * @param throughSequence the last sequence number removed; 0 when nothing was old enough
 * @param deletedRecords how many records were removed
 * @param genesis the signed checkpoint of the cut point, the surviving chain's new starting point; {@code null} when
 *     nothing was removed
 * @param record the {@code config_change} event recording the prune; {@code null} when nothing was removed
 */
public record PruneResult(long throughSequence, long deletedRecords, Checkpoint genesis, AuditRecord record) {

    /** Nothing was old enough to remove. */
    public static PruneResult nothing() {
        return new PruneResult(0, 0, null, null);
    }

    /**
     * The {@code config_change} event every implementation appends for a prune, after the cut point's checkpoint.
     */
    public static AuditEvent event(long throughSequence, long deletedRecords, Instant before) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", "audit_prune");
        details.put("before", before.toString());
        details.put("through_sequence", throughSequence);
        details.put("deleted_records", deletedRecords);
        return new AuditEvent(AuditEvent.TYPE_CONFIG_CHANGE, AuditStatus.SUCCESS, AuditEvent.SYSTEM,
                "audit trail pruned through record " + throughSequence, details, Duration.ZERO, false);
    }

    /** The new genesis checkpoint, when records were removed. */
    public Optional<Checkpoint> genesisCheckpoint() {
        return Optional.ofNullable(genesis);
    }

    /** The event recording the prune, when records were removed. */
    public Optional<AuditRecord> pruneRecord() {
        return Optional.ofNullable(record);
    }
}
