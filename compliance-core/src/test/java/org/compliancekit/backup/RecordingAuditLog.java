package org.compliancekit.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRange;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.audit.PruneResult;

/**
 * A real in-memory audit log that also keeps the events as the engine handed them over, so tests can read what the
 * engine recorded without going through redaction: its outcome records in {@link #events}, the run journal's
 * started, progress and interruption records apart in {@link #journal}.
 */
final class RecordingAuditLog implements AuditLog {
    final List<AuditEvent> events = new ArrayList<>();
    final List<AuditEvent> journal = new ArrayList<>();
    private final InMemoryAuditLog log = InMemoryAuditLog.builder(java.time.Clock.systemUTC())
            .withSigner(CheckpointSigner.generate("audit-1")).build();

    @Override
    public AuditRecord append(AuditEvent event) {
        keep(event);
        return log.append(event);
    }

    @Override
    public List<AuditRecord> appendAll(List<AuditEvent> list) {
        list.forEach(this::keep);
        return log.appendAll(list);
    }

    private void keep(AuditEvent event) {
        (event.type().startsWith("run_") ? journal : events).add(event);
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return log.query(query);
    }

    @Override
    public boolean signsCheckpoints() {
        return log.signsCheckpoints();
    }

    @Override
    public Checkpoint checkpoint() {
        return log.checkpoint();
    }

    @Override
    public AuditVerification verify(AuditRange range) {
        return log.verify(range);
    }

    @Override
    public PruneResult prune(Instant before) {
        return log.prune(before);
    }

    AuditEvent last() {
        return events.get(events.size() - 1);
    }
}
