package org.compliancekit.subject;

import java.time.Instant;
import java.util.stream.Stream;
import org.compliancekit.store.BlobStore;

/**
 * Remembers erasures so that they survive a database restore: restoring a backup taken before an erasure would
 * bring the subject's rows back, and {@link SubjectRights#replayErasures} erases them again. The ledger holds no
 * personal data: subjects and row keys are keyed hashes (HMAC-SHA256 under the HASH secret), so it can be kept
 * for as long as the backups are.
 *
 * <p>Keep the ledger where a database restore does not reach, e.g. {@link #inBlobStore(BlobStore, String)} on the
 * backup bucket.
 */
public interface ErasureLedger {

    /**
     * Stores one erasure durably before returning. {@link SubjectRights#erase} calls it inside the erasure's
     * transaction, so an erasure whose entry cannot be stored is rolled back.
     */
    void record(LedgerEntry entry);

    /**
     * The entries of erasures strictly after {@code instant}, oldest first. Close the stream
     * (try-with-resources); it may read lazily.
     */
    Stream<LedgerEntry> since(Instant instant);

    /** A ledger in memory, for tests and for applications that restore from nothing but their own process. */
    static ErasureLedger inMemory() {
        return new InMemoryErasureLedger();
    }

    /**
     * A ledger of one small JSON object per erasure under {@code prefix} (e.g. {@code ledger/}) in
     * {@code blobs}: the format is documented in {@code docs/subject-rights.md}.
     */
    static ErasureLedger inBlobStore(BlobStore blobs, String prefix) {
        return new BlobErasureLedger(blobs, prefix);
    }
}
