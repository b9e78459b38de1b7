package org.compliancekit.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.compliancekit.IntegrityException;

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
 * @param version the chain format version the record was hashed with, as stored: {@code 1} or {@code 2}
 * @param personalJson the record's personal fields as stored (format 2; commitments, salts, values and erasure
 *     markers as one JSON object), {@code null} when it has none; the hash covers only the commitments
 */
public record ChainRow(
        long sequence, Instant occurredAt, String type, String status, String actor, String summary,
        String detailsJson, long durationNanos, boolean dryRun, String previousHash, String hash, int version,
        String personalJson) {

    public ChainRow {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(detailsJson, "detailsJson");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** A format-1 row: no personal fields. */
    public ChainRow(long sequence, Instant occurredAt, String type, String status, String actor, String summary,
            String detailsJson, long durationNanos, boolean dryRun, String previousHash, String hash) {
        this(sequence, occurredAt, type, status, actor, summary, detailsJson, durationNanos, dryRun, previousHash, hash,
                1, null);
    }

    /** This row carrying {@code newHash}. */
    ChainRow withHash(String newHash) {
        return new ChainRow(sequence, occurredAt, type, status, actor, summary, detailsJson, durationNanos, dryRun,
                previousHash, newHash, version, personalJson);
    }

    /** This row with a different sequence number, as stored (used to explain a reorder). */
    ChainRow withSequence(long otherSequence) {
        return new ChainRow(otherSequence, occurredAt, type, status, actor, summary, detailsJson, durationNanos, dryRun,
                previousHash, hash, version, personalJson);
    }

    /** This row with its personal fields stored as {@code newPersonalJson} (after an erasure). */
    ChainRow withPersonalJson(String newPersonalJson) {
        return new ChainRow(sequence, occurredAt, type, status, actor, summary, detailsJson, durationNanos, dryRun,
                previousHash, hash, version, newPersonalJson);
    }

    /**
     * The record callers see. Throws {@link org.compliancekit.IntegrityException} when a stored field cannot be
     * read back (an unknown status or details that are not a JSON object), naming the sequence number.
     */
    public AuditRecord toRecord() {
        AuditStatus parsedStatus = AuditChain.parseStatus(status, sequence);
        Map<String, String> personal;
        try {
            personal = PersonalFields.values(PersonalFields.read(personalJson));
        } catch (PersonalFields.Unreadable e) {
            throw new IntegrityException("audit record " + sequence + " has personal fields that cannot be read ("
                    + e.getMessage() + "); verify the chain to find out whether it was altered");
        }
        AuditEvent event = new AuditEvent(type, parsedStatus, actor, summary,
                AuditChain.parseDetails(detailsJson, sequence), Duration.ofNanos(durationNanos), dryRun, personal);
        return new AuditRecord(sequence, event, occurredAt, previousHash, hash);
    }
}
