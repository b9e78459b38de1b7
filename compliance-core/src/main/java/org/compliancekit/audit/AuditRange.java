package org.compliancekit.audit;

import java.util.List;

/**
 * Which part of the chain {@link AuditLog#verify(AuditRange)} checks, and which checkpoints held outside the log
 * (e.g. from backup manifests) it must also agree with.
 *
 * @param fromSequence first sequence number to check; records before it are trusted as stored
 * @param toSequence last sequence number to check; {@link Long#MAX_VALUE} for "to the head", which also checks that
 *     nothing was cut from the tail
 * @param externalCheckpoints checkpoints kept elsewhere; each must be validly signed and match the chain
 */
public record AuditRange(long fromSequence, long toSequence, List<Checkpoint> externalCheckpoints) {

    public AuditRange {
        if (fromSequence < 1 || toSequence < fromSequence) {
            throw new IllegalArgumentException("audit range must satisfy 1 <= from <= to, was " + fromSequence + ".."
                    + toSequence);
        }
        externalCheckpoints = List.copyOf(externalCheckpoints);
    }

    /** The whole surviving chain, from its genesis to its head. */
    public static AuditRange all() {
        return new AuditRange(1, Long.MAX_VALUE, List.of());
    }

    /** Records {@code from} to {@code to}, both included. */
    public static AuditRange sequences(long from, long to) {
        return new AuditRange(from, to, List.of());
    }

    /** This range, also checked against {@code checkpoints} held outside the log. */
    public AuditRange against(Checkpoint... checkpoints) {
        return new AuditRange(fromSequence, toSequence, List.of(checkpoints));
    }

    /** This range, also checked against {@code checkpoints} held outside the log, e.g. {@code Backups.auditCheckpoints()}. */
    public AuditRange against(List<Checkpoint> checkpoints) {
        List<Checkpoint> all = new java.util.ArrayList<>(externalCheckpoints);
        all.addAll(checkpoints);
        return new AuditRange(fromSequence, toSequence, all);
    }

    /** Whether the range runs to the head of the chain. */
    public boolean toHead() {
        return toSequence == Long.MAX_VALUE;
    }
}
