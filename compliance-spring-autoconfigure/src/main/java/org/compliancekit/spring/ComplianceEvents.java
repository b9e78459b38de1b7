package org.compliancekit.spring;

import java.util.Map;
import java.util.Objects;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;

/**
 * Records what the application itself does that the audit trail must show: data exports and imports, permission
 * changes and configuration changes. The actor is the authenticated user (Spring Security, when present) unless
 * given. Summaries and details must hold no personal data: name the report, the role, the setting, not the person.
 *
 * <pre>{@code
 * events.permissionChange("role 'refunds' granted to user #4411", Map.of("role", "refunds", "userId", 4411));
 * }</pre>
 */
public final class ComplianceEvents {
    private final AuditLog auditLog;
    private final ActorResolver actors;

    public ComplianceEvents(AuditLog auditLog, ActorResolver actors) {
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.actors = Objects.requireNonNull(actors, "actors");
    }

    /** Data left the application (a report download, a CSV export). */
    public AuditRecord dataExport(String summary, Map<String, Object> details) {
        return record(AuditEvent.TYPE_DATA_EXPORT, summary, details);
    }

    /** Data came in in bulk (an import, a migration). */
    public AuditRecord dataImport(String summary, Map<String, Object> details) {
        return record(AuditEvent.TYPE_DATA_IMPORT, summary, details);
    }

    /** Someone's access changed (a role granted or revoked, an API key issued). */
    public AuditRecord permissionChange(String summary, Map<String, Object> details) {
        return record(AuditEvent.TYPE_PERMISSION_CHANGE, summary, details);
    }

    /** A setting changed (a webhook, a retention period, a feature switch). */
    public AuditRecord configChange(String summary, Map<String, Object> details) {
        return record(AuditEvent.TYPE_CONFIG_CHANGE, summary, details);
    }

    /** Records {@code event} as given, with its own actor and status; for types the methods above do not cover. */
    public AuditRecord record(AuditEvent event) {
        return auditLog.append(event);
    }

    private AuditRecord record(String type, String summary, Map<String, Object> details) {
        String actor = actors.currentActor().orElse(null);
        return auditLog.append(new AuditEvent(type, AuditStatus.COMPLETED, actor, summary, details,
                java.time.Duration.ZERO, false));
    }
}
