package org.compliancekit.kit;

import java.time.Clock;
import java.util.Optional;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.InMemoryAuditLog;

/**
 * Creates the audit log for a {@link ComplianceKit} from the policy's audit settings, the host's signing key and
 * the kit's clock, so that the trail is stamped by the same clock as every engine. Store modules supply one
 * (the JDBC module's {@code JdbcComplianceKit}); {@link #inMemory()} serves tests.
 */
@FunctionalInterface
public interface AuditLogFactory {

    /**
     * @param settings the policy's {@code audit} section (table name, retention)
     * @param signer the key that signs checkpoints, when the host configured one
     * @param clock the kit's clock
     */
    AuditLog create(AuditSettings settings, Optional<CheckpointSigner> signer, Clock clock);

    /** An audit log held in memory: for tests and demos, gone when the process ends. */
    static AuditLogFactory inMemory() {
        return (settings, signer, clock) -> {
            InMemoryAuditLog.Builder b = InMemoryAuditLog.builder(clock);
            signer.ifPresent(b::withSigner);
            return b.build();
        };
    }
}
