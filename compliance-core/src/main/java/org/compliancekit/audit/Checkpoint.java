package org.compliancekit.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement "the chain had {@code sequence} records ending in {@code headHash} at {@code createdAt}".
 * Signed with Ed25519 so an auditor verifies it with the public key alone. Kept outside the log (e.g. in every
 * backup manifest), it makes deleting the tail of the chain detectable.
 *
 * @param sequence sequence number of the head record (0 for an empty chain)
 * @param headHash hash of the head record, lower-case hex
 * @param createdAt when the checkpoint was made
 * @param keyId identifies the signing key pair
 * @param signature base64 Ed25519 signature over the canonical encoding documented in {@code docs/audit-chain.md}
 */
public record Checkpoint(long sequence, String headHash, Instant createdAt, String keyId, String signature) {
    public Checkpoint {
        Objects.requireNonNull(headHash, "headHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signature, "signature");
    }
}
