package org.compliancekit.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Where a {@link StorageBasedAuditLog} keeps its chain: rows, the head, and checkpoints. For implementors of an audit
 * log on a new kind of storage; the chain logic (redaction, linking, verification setup, prune cut, key checks) lives
 * in {@link StorageBasedAuditLog} and is the same for every storage.
 */
public interface AuditStorage {

    /**
     * The chain's head: its last record and the genesis the chain starts after.
     *
     * @param sequence sequence number of the last record (the genesis sequence when no record survives)
     * @param hash hash of the last record
     * @param genesisSequence sequence number the surviving chain starts after (0 until the first prune)
     * @param genesisHash hash the first surviving record chains to
     */
    record Head(long sequence, String hash, long genesisSequence, String genesisHash) {
    }

    /**
     * A record's stored personal fields.
     *
     * @param sequence the record's sequence number
     * @param personalJson its {@code personal} text as stored ({@link ChainRow#personalJson()})
     */
    record PersonalRow(long sequence, String personalJson) {
    }

    /** One transaction's view of the storage. Its methods throw {@link org.compliancekit.StorageException}. */
    interface Session {
        /** The head; in a {@link #write} session it stays locked until the session ends. */
        Head head();

        /** The stored hash of record {@code sequence}, if there is such a record. */
        Optional<String> hashOf(long sequence);

        /** The sequence number of the first record at or after {@code time}, if any. */
        OptionalLong firstAtOrAfter(Instant time);

        /** Stored checkpoints at or after {@code sequence}, in sequence order. */
        List<Checkpoint> checkpointsFrom(long sequence);

        /** The newest stored checkpoint signed under {@code keyId}, if any. */
        Optional<Checkpoint> latestCheckpoint(String keyId);

        /** Stores {@code rows}, already linked after the head, and moves the head to the last of them. */
        void append(List<ChainRow> rows);

        /**
         * Up to {@code limit} records after {@code afterSequence}, in sequence order, that may still hold a personal
         * field value: at least those whose stored personal text contains {@code "value":} and, when given,
         * {@code containing}, and that occurred before {@code before} when given. A storage may return more (the
         * caller checks each); it must not miss one.
         */
        default List<PersonalRow> personalRows(long afterSequence, Instant before, String containing, int limit) {
            throw new UnsupportedOperationException("this audit storage keeps no erasable personal fields");
        }

        /** Replaces the stored personal text of record {@code sequence}; every other column stays as it is. */
        default void rewritePersonal(long sequence, String personalJson) {
            throw new UnsupportedOperationException("this audit storage keeps no erasable personal fields");
        }

        /** Stores a checkpoint. */
        void store(Checkpoint checkpoint);

        /** Makes {@code sequence} and {@code hash} the genesis the surviving chain starts after. */
        void moveGenesis(long sequence, String hash);

        /**
         * Feeds the rows after {@code after} (up to {@code upTo} included, or to the end when {@code null}) to
         * {@code verifier} in ascending sequence order, stopping when it returns {@code false}; does not call
         * {@link ChainVerifier#finish()}.
         */
        void stream(long after, Long upTo, ChainVerifier verifier);
    }

    /**
     * Runs {@code work} in one transaction that holds the chain's write lock from its first {@link Session#head()}:
     * writers from every thread and instance are serialized. Committed on success, rolled back on any failure.
     */
    <T> T write(String operation, Function<Session, T> work);

    /** Runs {@code work} on one consistent snapshot: records appended meanwhile are invisible. Read only. */
    <T> T snapshot(String operation, Function<Session, T> work);

    /** One page of records matching {@code query}, newest first. */
    List<AuditRecord> query(AuditQuery query);

    /**
     * Removes the records through {@code sequence}, which a committed prune already cut off the chain; may work in
     * batches, and is rerun to finish when interrupted.
     */
    void removeThrough(long sequence);

    /** Names the storage in messages, e.g. {@code audit table compliance_audit}. */
    String describe();
}
