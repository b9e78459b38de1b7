package org.compliancekit.benchmarks.backup;

import java.time.Instant;
import java.util.List;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.Checkpoint;

/** Discards events: benchmarks measure the backup, not the audit trail. */
final class NoAuditLog implements AuditLog {
    @Override
    public AuditRecord append(AuditEvent event) {
        return new AuditRecord(1, event, Instant.EPOCH, "0", "0");
    }

    @Override
    public List<AuditRecord> appendAll(List<AuditEvent> events) {
        return events.stream().map(this::append).toList();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return List.of();
    }

    @Override
    public Checkpoint checkpoint() {
        return new Checkpoint(0, "0".repeat(64), Instant.EPOCH, "none", "");
    }
}
