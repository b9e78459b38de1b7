package org.compliancekit.jdbc.subject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.Checkpoint;

/** Keeps appended events in a list; the subject-rights tests only read them back. */
final class ListAuditLog implements AuditLog {
    final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized AuditRecord append(AuditEvent event) {
        events.add(event);
        return new AuditRecord(events.size(), event, Instant.EPOCH, "", "");
    }

    @Override
    public List<AuditRecord> appendAll(List<AuditEvent> events) {
        return events.stream().map(this::append).toList();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        throw new UnsupportedOperationException("the subject-rights tests read events directly");
    }

    @Override
    public Checkpoint checkpoint() {
        throw new UnsupportedOperationException("the subject-rights tests need no checkpoints");
    }
}
