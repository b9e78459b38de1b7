package org.compliancekit.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One record of the chain exactly as an implementation stores it: every field in the form the hash covers (see
 * {@code docs/audit-chain.md}). Stores persist these fields column by column and hand them back to
 * {@link ChainVerifier} unchanged; {@link #toRecord()} turns one into the value callers see.
 *
 * @param sequence position in the chain
 * @param occurredAt append time, whole microseconds
 * @param type event type
 * @param status status wire name ({@link AuditStatus#wireName()})
 * @param actor actor id, {@code null} for the system
 * @param summary one-line summary, already redacted
 * @param detailsJson details as canonical JSON text, already redacted; hashed byte for byte as stored
 * @param durationNanos duration in nanoseconds
 * @param dryRun dry-run flag
 * @param previousHash hash of the record before, lower-case hex
 * @param hash this record's hash as stored, lower-case hex
 */
public record ChainRow(
        long sequence, Instant occurredAt, String type, String status, String actor, String summary,
        String detailsJson, long durationNanos, boolean dryRun, String previousHash, String hash) {

    public ChainRow {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(detailsJson, "detailsJson");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** This row carrying {@code newHash}. */
    ChainRow withHash(String newHash) {
        return new ChainRow(sequence, occurredAt, type, status, actor, summary, detailsJson, durationNanos, dryRun,
                previousHash, newHash);
    }

    /** This row with a different sequence number, as stored (used to explain a reorder). */
    ChainRow withSequence(long otherSequence) {
        return new ChainRow(otherSequence, occurredAt, type, status, actor, summary, detailsJson, durationNanos, dryRun,
                previousHash, hash);
    }

    /**
     * The record callers see. Throws {@link org.compliancekit.IntegrityException} when a stored field cannot be
     * read back (an unknown status or details that are not a JSON object), naming the sequence number.
     */
    public AuditRecord toRecord() {
        AuditStatus parsedStatus = AuditChain.parseStatus(status, sequence);
        AuditEvent event = new AuditEvent(type, parsedStatus, actor, summary,
                AuditChain.parseDetails(detailsJson, sequence), Duration.ofNanos(durationNanos), dryRun);
        return new AuditRecord(sequence, event, occurredAt, previousHash, hash);
    }
}
