package org.compliancekit.audit;

import java.util.Optional;

/**
 * The outcome of {@link AuditLog#verify(AuditRange)}.
 *
 * @param fromSequence first sequence number checked
 * @param lastSequence last sequence number checked (before {@code fromSequence} when nothing was)
 * @param recordsChecked records whose hash and link were checked
 * @param checkpointsChecked checkpoints (stored and external) compared with the chain
 * @param firstBreak the first break, or {@code null} when the range verifies
 */
public record AuditVerification(
        long fromSequence, long lastSequence, long recordsChecked, long checkpointsChecked, ChainBreak firstBreak) {

    /** Whether every record and checkpoint in the range verified. */
    public boolean valid() {
        return firstBreak == null;
    }

    /** The first break, if any. */
    public Optional<ChainBreak> breakage() {
        return Optional.ofNullable(firstBreak);
    }
}
