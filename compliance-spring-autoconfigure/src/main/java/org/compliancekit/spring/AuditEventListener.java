package org.compliancekit.spring;

import org.compliancekit.audit.AuditRecord;

/**
 * Told of every audit record the kit's audit log stored, after it was stored: the one place where every engine's
 * outcome (backups, PII deletion, erasures, exports, host events) passes. Define a bean of this type to observe them;
 * the metrics part is one. A listener that throws is logged and does not affect the audited operation.
 */
@FunctionalInterface
public interface AuditEventListener {

    /** Called once per stored record, on the thread that appended it. */
    void recorded(AuditRecord record);
}
