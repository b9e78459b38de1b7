package org.compliancekit.audit;

/**
 * Checks an audit chain without being able to write to it: what an outside auditor runs, configured with public
 * keys only (for the JDBC log, {@code JdbcAuditLog.builder(dataSource).withPublicKeys(..).buildVerifier()}). Every
 * {@link AuditLog} is one too.
 */
@FunctionalInterface
public interface AuditVerifier {

    /**
     * Recomputes the chain over {@code range} and checks it against the log's checkpoints and the range's external
     * ones. Reports the first broken sequence number and why; never throws for a broken chain.
     */
    AuditVerification verify(AuditRange range);

    /** Verifies the whole surviving chain. */
    default AuditVerification verify() {
        return verify(AuditRange.all());
    }
}
