package org.compliancekit.spring;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRange;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.PersonalFieldErasure;
import org.compliancekit.audit.PruneResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An audit log that tells the {@link AuditEventListener}s of each record after the wrapped log stored it. */
final class ObservedAuditLog implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(ObservedAuditLog.class);

    private final AuditLog delegate;
    private final List<AuditEventListener> listeners;

    ObservedAuditLog(AuditLog delegate, List<AuditEventListener> listeners) {
        this.delegate = delegate;
        this.listeners = List.copyOf(listeners);
    }

    static AuditLog wrap(AuditLog log, List<AuditEventListener> listeners) {
        return listeners.isEmpty() ? log : new ObservedAuditLog(log, listeners);
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        AuditRecord record = delegate.append(event);
        tell(record);
        return record;
    }

    @Override
    public List<AuditRecord> appendAll(List<AuditEvent> events) {
        List<AuditRecord> records = delegate.appendAll(events);
        records.forEach(this::tell);
        return records;
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return delegate.query(query);
    }

    @Override
    public Checkpoint checkpoint() {
        return delegate.checkpoint();
    }

    @Override
    public boolean signsCheckpoints() {
        // Without it every observed log would say it cannot sign, and no step or request would end with a checkpoint.
        return delegate.signsCheckpoints();
    }

    @Override
    public AuditVerification verify(AuditRange range) {
        return delegate.verify(range);
    }

    @Override
    public PruneResult prune(Instant before) {
        return delegate.prune(before);
    }

    @Override
    public PersonalFieldErasure erasePersonalFields(String subjectRef) {
        PersonalFieldErasure erased = delegate.erasePersonalFields(subjectRef);
        erased.erasureRecord().ifPresent(this::tell);
        return erased;
    }

    @Override
    public PersonalFieldErasure erasePersonalFieldsBefore(Instant before, Set<String> names) {
        PersonalFieldErasure erased = delegate.erasePersonalFieldsBefore(before, names);
        erased.erasureRecord().ifPresent(this::tell);
        return erased;
    }

    private void tell(AuditRecord record) {
        for (AuditEventListener listener : listeners) {
            try {
                listener.recorded(record);
            } catch (RuntimeException e) {
                // The event is stored; a failing observer must not turn a done operation into a failed one.
                LOG.warn("audit event listener {} failed with {}", listener.getClass().getName(),
                        e.getClass().getName());
            }
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
