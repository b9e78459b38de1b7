package org.compliancekit.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.Checkpoint;

/** An audit log for engine tests that keeps events as appended, without chaining or redaction. */
public final class RecordingAuditLog implements AuditLog {
    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized AuditRecord append(AuditEvent event) {
        AuditRecord r = new AuditRecord(records.size() + 1, event, Instant.EPOCH.plusSeconds(records.size()), "", "");
        records.add(r);
        return r;
    }

    @Override
    public synchronized List<AuditRecord> appendAll(List<AuditEvent> events) {
        return events.stream().map(this::append).toList();
    }

    @Override
    public synchronized List<AuditRecord> query(AuditQuery q) {
        return records.stream()
                .filter(r -> q.types().isEmpty() || q.types().contains(r.event().type()))
                .filter(r -> q.statuses().isEmpty() || q.statuses().contains(r.event().status()))
                .sorted(Comparator.comparingLong(AuditRecord::sequence).reversed())
                .limit(q.limit()).toList();
    }

    @Override
    public Checkpoint checkpoint() {
        return new Checkpoint(records.size(), "", Instant.EPOCH, "test", "");
    }

    /** Every event appended so far, oldest first. */
    public synchronized List<AuditEvent> events() {
        return records.stream().map(AuditRecord::event).toList();
    }
}
