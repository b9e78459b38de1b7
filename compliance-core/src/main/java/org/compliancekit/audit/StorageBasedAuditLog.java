package org.compliancekit.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;

/**
 * An {@link AuditLog} over an {@link AuditStorage}: the chain logic every store shares. It redacts and links
 * events, sets up verification from the stored head, genesis and checkpoints, cuts the chain for a prune and checks
 * the configured keys; the storage only keeps rows, the head and checkpoints. Implementations extend it with a
 * builder of their own, as {@code InMemoryAuditLog} and the JDBC module's log do.
 */
public abstract class StorageBasedAuditLog implements AuditLog {

    private final AuditStorage storage;
    private final Clock clock;
    private final CheckpointSigner signer;
    private final AuditRedactor redactor;
    private final List<CheckpointVerifier> trustedKeys;
    private final String builderName;

    /**
     * @param storage where the chain is kept
     * @param clock stamps records and checkpoints
     * @param signer signs checkpoints and prune cut points; {@code null} for a log that only verifies
     * @param retiredKeys public keys checkpoints may also be signed with
     * @param redactor applied to every event before it is linked
     * @param builderName how users configure this log, named in configuration errors, e.g.
     *     {@code JdbcAuditLog.builder(..)}
     */
    protected StorageBasedAuditLog(AuditStorage storage, Clock clock, CheckpointSigner signer,
            List<CheckpointVerifier> retiredKeys, AuditRedactor redactor, String builderName) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signer = signer;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.builderName = Objects.requireNonNull(builderName, "builderName");
        List<CheckpointVerifier> keys = new ArrayList<>(retiredKeys);
        if (signer != null) {
            keys.add(signer.verifier());
        }
        this.trustedKeys = List.copyOf(keys);
        if (signer != null) {
            requireKnownKey(signer);
        }
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    @Override
    public List<AuditRecord> appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<AuditEvent> redacted = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            redacted.add(redactor.redact(Objects.requireNonNull(e, "event")));
        }
        // Linked inside the write session: a bad event fails before anything is stored, leaving nothing half-appended.
        List<ChainRow> rows = storage.write("append to", s -> link(s, s.head(), redacted));
        return rows.stream().map(ChainRow::toRecord).toList();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return storage.query(Objects.requireNonNull(query, "query"));
    }

    @Override
    public Checkpoint checkpoint() {
        CheckpointSigner s = requireSigner("checkpoint");
        return storage.write("checkpoint", session -> {
            AuditStorage.Head head = session.head();
            Checkpoint c = s.sign(head.sequence(), head.hash(), clock.instant());
            session.store(c);
            return c;
        });
    }

    @Override
    public boolean signsCheckpoints() {
        return signer != null;
    }

    @Override
    public AuditVerification verify(AuditRange range) {
        Objects.requireNonNull(range, "range");
        // One snapshot for head, checkpoints and rows: appends made meanwhile are neither gaps nor forgeries.
        return storage.snapshot("verify", s -> {
            AuditStorage.Head head = s.head();
            long from = Math.max(range.fromSequence(), head.genesisSequence() + 1);
            if (from > head.sequence() + 1) {
                return new AuditVerification(from, from - 1, 0, 0, null);
            }
            ChainVerifier verifier;
            if (from == head.genesisSequence() + 1) {
                verifier = ChainVerifier.after(head.genesisSequence(), head.genesisHash());
                if (head.genesisSequence() > 0) {
                    verifier.genesisMustBeSigned();
                }
            } else {
                String anchorHash = s.hashOf(from - 1).orElse(null);
                if (anchorHash == null) {
                    return new AuditVerification(from, from - 1, 0, 0, new ChainBreak(from - 1, ChainBreak.Reason.GAP,
                            "record " + (from - 1) + ", the one before the range, is missing: deleted from the chain"));
                }
                verifier = ChainVerifier.after(from - 1, anchorHash);
            }
            verifier.upTo(range.toSequence()).head(head.sequence(), head.hash());
            List<Checkpoint> checkpoints = new ArrayList<>(s.checkpointsFrom(from - 1));
            checkpoints.addAll(range.externalCheckpoints());
            if (!checkpoints.isEmpty()) {
                verifier.checkpoints(checkpoints, requireTrustedKeys());
            }
            s.stream(from - 1, range.toHead() ? null : range.toSequence(), verifier);
            return verifier.finish();
        });
    }

    @Override
    public PruneResult prune(Instant before) {
        Objects.requireNonNull(before, "before");
        CheckpointSigner s = requireSigner("prune");
        PruneResult result = storage.write("prune", session -> {
            AuditStorage.Head head = session.head();
            long cut = session.firstAtOrAfter(before).stream().map(first -> first - 1).findFirst()
                    .orElse(head.sequence());
            if (cut <= head.genesisSequence()) {
                return PruneResult.nothing();
            }
            String cutHash = cut == head.sequence() ? head.hash() : session.hashOf(cut).orElseThrow(() ->
                    new StorageException(storage.describe() + " has no record " + cut + " to prune through; run "
                            + "verify() to find out what happened to the chain"));
            Checkpoint genesis = s.sign(cut, cutHash, clock.instant());
            session.store(genesis);
            session.moveGenesis(cut, cutHash);
            long deleted = cut - head.genesisSequence();
            ChainRow record = link(session, head, List.of(redactor.redact(PruneResult.event(cut, deleted, before))))
                    .get(0);
            return new PruneResult(cut, deleted, genesis, record.toRecord());
        });
        if (result.deletedRecords() > 0) {
            storage.removeThrough(result.throughSequence());
        }
        return result;
    }

    @Override
    public PersonalFieldErasure erasePersonalFields(String subjectRef) {
        Objects.requireNonNull(subjectRef, "subjectRef");
        return erase(PersonalFieldEraser.subject(subjectRef));
    }

    @Override
    public PersonalFieldErasure erasePersonalFieldsBefore(Instant before, Set<String> names) {
        Objects.requireNonNull(before, "before");
        return erase(PersonalFieldEraser.before(before, Objects.requireNonNull(names, "names")));
    }

    private PersonalFieldErasure erase(PersonalFieldEraser.Selection selection) {
        PersonalFieldEraser.Erased erased = new PersonalFieldEraser(storage, clock).erase(selection);
        return erased.event() == null ? PersonalFieldErasure.nothing()
                : new PersonalFieldErasure(erased.records(), erased.fields(), append(erased.event()));
    }

    /** The storage this log keeps its chain in. */
    protected final AuditStorage storage() {
        return storage;
    }

    private List<ChainRow> link(AuditStorage.Session session, AuditStorage.Head head, List<AuditEvent> events) {
        List<ChainRow> rows = new ArrayList<>(events.size());
        long seq = head.sequence();
        String previous = head.hash();
        for (AuditEvent event : events) {
            ChainRow row = AuditChain.link(++seq, clock.instant(), event, previous);
            rows.add(row);
            previous = row.hash();
        }
        session.append(rows);
        return rows;
    }

    /**
     * Refuses a signer whose key id already signed this log's checkpoints with another key pair: every later
     * checkpoint would then fail verification and look like tampering, when it is a configuration mistake.
     */
    private void requireKnownKey(CheckpointSigner s) {
        Checkpoint known = storage.snapshot("check the signing key against", session ->
                session.latestCheckpoint(s.keyId())).orElse(null);
        if (known != null && !s.verifier().verify(known)) {
            throw new ConfigurationException("the audit signing key configured under key id '" + s.keyId() + "' is "
                    + "not the key pair that signed the checkpoints of " + storage.describe() + " under that id (its "
                    + "public key differs); configure the original key for '" + s.keyId() + "', or give a new key a "
                    + "new key id and keep the old public key for verification");
        }
    }

    private CheckpointSigner requireSigner(String operation) {
        if (signer == null) {
            throw new ConfigurationException(storage.describe() + ": no checkpoint signer configured, so it cannot "
                    + operation + "; set one with " + builderName + ".withSigner(CheckpointSigner)");
        }
        return signer;
    }

    private List<CheckpointVerifier> requireTrustedKeys() {
        if (trustedKeys.isEmpty()) {
            throw new ConfigurationException(storage.describe() + " has checkpoints but no key is configured to check "
                    + "them; set " + builderName + ".withSigner(CheckpointSigner) or, to verify only, "
                    + builderName + ".withPublicKeys(CheckpointVerifier...)");
        }
        return trustedKeys;
    }
}
