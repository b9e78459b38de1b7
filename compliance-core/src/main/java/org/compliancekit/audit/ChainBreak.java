package org.compliancekit.audit;

import java.util.Objects;

/**
 * The first place where the chain does not verify.
 *
 * @param sequence the sequence number of the first broken (or missing) record
 * @param reason what kind of break it is
 * @param explanation one sentence for people; names sequence numbers and times, never record content
 */
public record ChainBreak(long sequence, Reason reason, String explanation) {

    public ChainBreak {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** Why the chain broke. */
    public enum Reason {
        /** A record's fields no longer produce its hash: a field was changed. */
        HASH_MISMATCH,
        /** Records are missing: deleted from the middle, or cut from the tail the log's head still counts. */
        GAP,
        /** A record carries a sequence number other than the one it was chained with. */
        REORDER,
        /**
         * A record that hashes correctly but does not belong: rewritten with a recomputed hash, or added beyond the
         * head the log recorded.
         */
        FORGED_ROW,
        /** A validly signed checkpoint disagrees with the chain: records were rewritten or cut after it was made. */
        CHECKPOINT_MISMATCH,
        /** A checkpoint's signature does not verify with the public key: the checkpoint itself was forged or edited. */
        BAD_SIGNATURE
    }
}
