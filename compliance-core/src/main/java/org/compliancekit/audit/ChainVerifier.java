package org.compliancekit.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.compliancekit.audit.ChainBreak.Reason;

/**
 * Streams a chain through the verification rules of {@code docs/audit-chain.md} and names the first break. For
 * implementors of {@link AuditLog}: feed rows in ascending sequence order to {@link #accept(ChainRow)} (stop when it
 * returns {@code false}), then call {@link #finish()}. Memory is bounded by the number of checkpoints, not rows.
 */
public final class ChainVerifier {

    /** How far from its stored position a reordered record is looked for when explaining a break. */
    static final int REORDER_SEARCH = 4096;

    private final long anchorSequence;
    private final long fromSequence;
    private final ChainEncoder encoder = new ChainEncoder(AuditChain.newDigest());
    private final MessageDigest commitments = AuditChain.newDigest();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final Map<String, CheckpointVerifier> trustedKeys = new HashMap<>();
    private long toSequence = Long.MAX_VALUE;
    private long headSequence = -1;
    private String headHash;
    private boolean genesisMustBeSigned;

    private long expected;
    private String previousHash;
    private int nextCheckpoint;
    private long recordsChecked;
    private long checkpointsChecked;
    private ChainBreak firstBreak;
    private boolean started;

    private ChainVerifier(long anchorSequence, String anchorHash) {
        this.anchorSequence = anchorSequence;
        this.fromSequence = anchorSequence + 1;
        this.expected = fromSequence;
        this.previousHash = Objects.requireNonNull(anchorHash, "anchorHash");
    }

    /**
     * A verifier whose first record must be {@code anchorSequence + 1}, chained to {@code anchorHash}: the genesis
     * ({@code 0} and {@link AuditChain#GENESIS_HASH}, or a prune's cut point) or the stored record before the range.
     */
    public static ChainVerifier after(long anchorSequence, String anchorHash) {
        return new ChainVerifier(anchorSequence, anchorHash);
    }

    /** Stops checking after {@code sequence}: records beyond it are ignored and the tail is not checked. */
    public ChainVerifier upTo(long sequence) {
        this.toSequence = sequence;
        return this;
    }

    /**
     * The head the log recorded (sequence and hash of its last record). A record beyond it is forged; missing
     * records up to it are a gap; a different last hash means the chain was rewritten.
     */
    public ChainVerifier head(long sequence, String hash) {
        this.headSequence = sequence;
        this.headHash = hash;
        return this;
    }

    /** Checkpoints to check: each must verify with {@code verifier} and agree with the record it names. */
    public ChainVerifier checkpoints(Collection<Checkpoint> all, CheckpointVerifier verifier) {
        return checkpoints(all, List.of(verifier));
    }

    /**
     * Checkpoints to check: each must verify with the trusted key its key id names (the current key and retired
     * ones, so checkpoints survive key rotation) and agree with the record it names.
     */
    public ChainVerifier checkpoints(Collection<Checkpoint> all, Collection<CheckpointVerifier> trusted) {
        checkpoints.addAll(all);
        checkpoints.sort(Comparator.comparingLong(Checkpoint::sequence));
        trusted.forEach(v -> trustedKeys.put(v.keyId(), v));
        return this;
    }

    /** Requires a valid checkpoint at the anchor: used when the anchor is a prune's cut point. */
    public ChainVerifier genesisMustBeSigned() {
        this.genesisMustBeSigned = true;
        return this;
    }

    /** Checks the next row; returns {@code false} once a break was found (or the range ended) and rows may stop. */
    public boolean accept(ChainRow row) {
        start();
        if (firstBreak != null || row.sequence() > toSequence) {
            return false;
        }
        long seq = row.sequence();
        if (headSequence >= 0 && seq > headSequence) {
            return fail(seq, Reason.FORGED_ROW, "record " + seq + " lies beyond the chain head " + headSequence
                    + " the log recorded: it was added outside the log");
        }
        if (seq > expected) {
            return fail(expected, Reason.GAP, range(expected, seq - 1) + " missing: deleted from the chain");
        }
        if (seq < expected) {
            return fail(seq, Reason.REORDER, "record " + seq + " arrived after record " + (expected - 1));
        }
        if (row.version() != 1 && row.version() != 2) {
            return fail(seq, Reason.HASH_MISMATCH, "record " + seq + " is stored as chain format version "
                    + row.version() + ", which this version of Compliance Kit does not know: the version column was "
                    + "changed, or a newer Compliance Kit wrote it and must verify it");
        }
        if (row.version() == 1 && row.personalJson() != null) {
            return fail(seq, Reason.HASH_MISMATCH, "record " + seq + " is in chain format version 1, which has no "
                    + "personal fields, but carries some: they were added after it was written");
        }
        List<PersonalFields.Field> personal;
        try {
            personal = PersonalFields.read(row.personalJson());
        } catch (PersonalFields.Unreadable e) {
            return fail(seq, Reason.HASH_MISMATCH, "the personal fields of record " + seq + " cannot be read ("
                    + e.getMessage() + "): they were changed");
        }
        if (!encoder.matchesStoredHash(row, personal)) {
            long original = chainedAs(row, personal);
            if (original > 0) {
                return fail(seq, Reason.REORDER, "the record stored as " + seq + " was chained as record " + original
                        + ": sequence numbers were swapped or renumbered");
            }
            return fail(seq, Reason.HASH_MISMATCH, "record " + seq + " no longer matches its hash: a field was changed");
        }
        if (!row.previousHash().equals(previousHash)) {
            long blamed = seq - 1 > anchorSequence ? seq - 1 : seq;
            return fail(blamed, Reason.FORGED_ROW, "record " + seq + " is not chained to the stored record before it: "
                    + "record " + blamed + " was replaced by a forged row with a recomputed hash");
        }
        PersonalFields.Field broken = PersonalFields.firstBroken(personal, commitments);
        if (broken != null) {
            return fail(seq, Reason.HASH_MISMATCH, "personal field '" + broken.name() + "' of record " + seq + " no "
                    + "longer matches its commitment: its stored value or salt was changed (an erasure removes both)");
        }
        recordsChecked++;
        expected = seq + 1;
        previousHash = row.hash();
        return checkCheckpointsAt(seq, row.hash()) && seq < toSequence;
    }

    /** The outcome; checks the tail against the head and checkpoints when the range runs to the head. */
    public AuditVerification finish() {
        start();
        long last = expected - 1;
        if (firstBreak == null && toSequence == Long.MAX_VALUE) {
            if (headSequence > last) {
                fail(last + 1, Reason.GAP, range(last + 1, headSequence) + " missing: cut from the tail, the log's "
                        + "head records " + headSequence);
            } else if (headSequence == last && headHash != null && !headHash.equals(previousHash)) {
                fail(last, Reason.FORGED_ROW, "record " + last + " is not the head the log recorded: the chain was "
                        + "rewritten");
            } else if (nextCheckpoint < checkpoints.size()) {
                Checkpoint c = checkpoints.get(nextCheckpoint);
                checkpointsChecked++;
                if (!signatureValid(c)) {
                    fail(c.sequence(), Reason.BAD_SIGNATURE, badSignature(c));
                } else {
                    fail(last + 1, Reason.CHECKPOINT_MISMATCH, range(last + 1, c.sequence()) + " missing though the "
                            + "checkpoint of " + c.createdAt() + " covers them: records were cut from the tail");
                }
            }
        }
        return new AuditVerification(fromSequence, last, recordsChecked, checkpointsChecked, firstBreak);
    }

    private void start() {
        if (started) {
            return;
        }
        started = true;
        while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).sequence() < anchorSequence) {
            nextCheckpoint++; // made before a prune or before the range: nothing left to compare it with
        }
        boolean signedAnchor = nextCheckpoint < checkpoints.size()
                && checkpoints.get(nextCheckpoint).sequence() == anchorSequence;
        if (genesisMustBeSigned && !signedAnchor) {
            fail(anchorSequence, Reason.GAP, "the chain starts after record " + anchorSequence + " but no signed "
                    + "checkpoint accounts for the records before it: they were removed outside prune");
            return;
        }
        checkCheckpointsAt(anchorSequence, previousHash);
    }

    private boolean checkCheckpointsAt(long seq, String hash) {
        while (firstBreak == null && nextCheckpoint < checkpoints.size()
                && checkpoints.get(nextCheckpoint).sequence() == seq) {
            Checkpoint c = checkpoints.get(nextCheckpoint++);
            checkpointsChecked++;
            if (!signatureValid(c)) {
                fail(seq, Reason.BAD_SIGNATURE, badSignature(c));
            } else if (!c.headHash().equals(hash)) {
                fail(seq, Reason.CHECKPOINT_MISMATCH, "the checkpoint of " + c.createdAt() + " signed a different hash "
                        + "for record " + seq + ": the chain up to it was rewritten after the checkpoint");
            }
        }
        return firstBreak == null;
    }

    private boolean signatureValid(Checkpoint c) {
        CheckpointVerifier key = trustedKeys.get(c.keyId());
        return key != null && key.verify(c);
    }

    private String badSignature(Checkpoint c) {
        String where = "the checkpoint of " + c.createdAt() + " at record " + c.sequence();
        return trustedKeys.containsKey(c.keyId())
                ? where + " does not verify with the public key of key id '" + c.keyId() + "': it was forged or edited"
                : where + " names key id '" + c.keyId() + "', which is not a trusted key: add its public key to the "
                        + "trusted keys if it was retired, otherwise the checkpoint was forged";
    }

    /** The sequence number {@code row} hashes correctly with, near its stored one; 0 when none does. */
    private long chainedAs(ChainRow row, List<PersonalFields.Field> personal) {
        long seq = row.sequence();
        for (long d = 1; d <= REORDER_SEARCH; d++) {
            for (long candidate : new long[] {seq - d, seq + d}) {
                if (candidate > 0 && encoder.matchesStoredHash(row.withSequence(candidate), personal)) {
                    return candidate;
                }
            }
        }
        return 0;
    }

    private boolean fail(long sequence, Reason reason, String explanation) {
        firstBreak = new ChainBreak(sequence, reason, explanation);
        return false;
    }

    private static String range(long from, long to) {
        return from == to ? "record " + from + " is" : "records " + from + " to " + to + " are";
    }
}
