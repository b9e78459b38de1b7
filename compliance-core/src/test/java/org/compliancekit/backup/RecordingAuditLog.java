package org.compliancekit.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.Checkpoint;

/** Keeps appended events in a list; no chain, no redaction. Enough to see what the engine records. */
final class RecordingAuditLog implements AuditLog {
    final List<AuditEvent> events = new ArrayList<>();

    @Override
    public AuditRecord append(AuditEvent event) {
        events.add(event);
        return new AuditRecord(events.size(), event, Instant.EPOCH, "0", Integer.toString(events.size()));
    }

    @Override
    public List<AuditRecord> appendAll(List<AuditEvent> list) {
        return list.stream().map(this::append).toList();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return List.of();
    }

    @Override
    public Checkpoint checkpoint() {
        return new Checkpoint(events.size(), "ab".repeat(32), Instant.parse("2026-03-01T00:00:00Z"), "audit-1",
                "c2lnbmF0dXJl");
    }

    AuditEvent last() {
        return events.get(events.size() - 1);
    }
}
