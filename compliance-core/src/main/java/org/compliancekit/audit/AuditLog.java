package org.compliancekit.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

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

    /**
     * Erases every personal field (see {@link AuditEvent#personal()}) of every record whose
     * {@value AuditEvent#SUBJECT_REF} field is {@code subjectRef}: value and salt are removed, the commitment stays,
     * so the chain still verifies while the values are gone. Appends a {@code personal_field_erasure} record with the
     * counts (never the subject) when anything was erased. The subject-rights erasure calls this with the subject's
     * id. Idempotent: erased fields are skipped.
     *
     * @throws UnsupportedOperationException when this log cannot store personal fields
     */
    default PersonalFieldErasure erasePersonalFields(String subjectRef) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no erasable personal fields");
    }

    /**
     * Erases the personal fields named in {@code names} (every personal field when empty) of every record that
     * occurred before {@code before}: a retention for personal fields shorter than the trail's own. Works in bounded
     * batches; appends a {@code personal_field_erasure} record with the counts when anything was erased.
     *
     * @throws UnsupportedOperationException when this log cannot store personal fields
     */
    default PersonalFieldErasure erasePersonalFieldsBefore(Instant before, Set<String> names) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no erasable personal fields");
    }
}
