package org.compliancekit.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as stored in the chain.
 *
 * @param sequence position in the chain, gap-free, starting at 1
 * @param event the event, details already redacted
 * @param occurredAt when it was appended (UTC, from the log's Clock)
 * @param previousHash hash of the record before (the genesis value for the first record), lower-case hex
 * @param hash SHA-256 over the canonical encoding of this record and {@code previousHash}, lower-case hex
 */
public record AuditRecord(long sequence, AuditEvent event, Instant occurredAt, String previousHash, String hash) {
    public AuditRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }
}
