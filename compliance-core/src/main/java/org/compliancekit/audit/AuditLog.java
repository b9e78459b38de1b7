package org.compliancekit.audit;

import java.util.List;

/**
 * The audit trail SPI: an append-only, hash-chained log of significant actions. Implementations: in memory here,
 * JDBC in {@code compliance-jdbc}; all pass the same contract suite.
 */
public interface AuditLog {

    /** Redacts, chains and stores one event. */
    AuditRecord append(AuditEvent event);

    /** Appends several events as one contiguous run of the chain, in order. */
    List<AuditRecord> appendAll(List<AuditEvent> events);

    /** One page of records matching {@code query}, newest first. */
    List<AuditRecord> query(AuditQuery query);

    /** A signed statement of the chain's current head. */
    Checkpoint checkpoint();
}
