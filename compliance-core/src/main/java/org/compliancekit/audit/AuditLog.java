package org.compliancekit.audit;

import java.time.Instant;
import java.util.List;

/**
 * The audit trail SPI: an append-only, hash-chained log of significant actions. Implementations: in memory
 * ({@link InMemoryAuditLog}), JDBC in {@code compliance-jdbc}; all pass the same contract suite
 * ({@code AuditLogContractTest} in {@code compliance-tck}). The chain's encoding is specified in
 * {@code docs/audit-chain.md}.
 */
public interface AuditLog extends AuditVerifier {

    /** Redacts, chains and stores one event. */
    AuditRecord append(AuditEvent event);

    /** Appends several events as one contiguous run of the chain, in order. */
    List<AuditRecord> appendAll(List<AuditEvent> events);

    /** One page of records matching {@code query}, newest first. */
    List<AuditRecord> query(AuditQuery query);

    /** A signed statement of the chain's current head; the log keeps it and checks it in every later verify. */
    Checkpoint checkpoint();

    /**
     * Whether {@link #checkpoint()} can sign, i.e. a signing key is configured. Callers that checkpoint at the end
     * of every operation skip it when not; default {@code false}.
     */
    default boolean signsCheckpoints() {
        return false;
    }

    /**
     * Removes records that occurred before {@code before}. The cut point is checkpointed as the chain's new genesis
     * and a {@code config_change} event records the prune, so the surviving chain still verifies and the prune is
     * itself on record. Records are removed in bounded batches; an interrupted prune is completed by running it again.
     */
    PruneResult prune(Instant before);
}
