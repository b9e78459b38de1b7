package org.compliancekit.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.compliancekit.ConfigurationException;

/**
 * An {@link AuditLog} held in memory, for applications' tests: it behaves like the JDBC log in everything the
 * contract promises (it passes the same contract suite) but keeps nothing across restarts. Thread-safe.
 *
 * <pre>{@code
 * AuditLog log = InMemoryAuditLog.builder(clock).withSigner(CheckpointSigner.generate("test")).build();
 * }</pre>
 */
public final class InMemoryAuditLog implements AuditLog {

    private final Clock clock;
    private final CheckpointSigner signer;
    private final AuditRedactor redactor;
    private final List<CheckpointVerifier> trustedKeys;

    // Rows in sequence order; rows.get(i).sequence() == genesisSequence + 1 + i.
    private final List<ChainRow> rows = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private long genesisSequence;
    private String genesisHash = AuditChain.GENESIS_HASH;

    private InMemoryAuditLog(Builder b) {
        this.clock = b.clock;
        this.signer = b.signer;
        this.redactor = b.redactor;
        List<CheckpointVerifier> keys = new ArrayList<>(b.retiredKeys);
        if (b.signer != null) {
            keys.add(b.signer.verifier());
        }
        this.trustedKeys = List.copyOf(keys);
    }

    /** A builder; {@code clock} stamps every record and checkpoint. */
    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    @Override
    public AuditRecord append(AuditEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    @Override
    public synchronized List<AuditRecord> appendAll(List<AuditEvent> events) {
        List<ChainRow> linked = new ArrayList<>(events.size());
        long seq = headSequence();
        String previous = headHash();
        for (AuditEvent event : events) {
            ChainRow row = AuditChain.link(++seq, clock.instant(), redactor.redact(Objects.requireNonNull(event, "event")),
                    previous);
            linked.add(row);
            previous = row.hash();
        }
        rows.addAll(linked); // after every event linked: a bad event leaves nothing half-appended
        return linked.stream().map(ChainRow::toRecord).toList();
    }

    @Override
    public synchronized List<AuditRecord> query(AuditQuery query) {
        List<AuditRecord> page = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0 && page.size() < query.limit(); i--) {
            ChainRow row = rows.get(i);
            if (matches(row, query)) {
                page.add(row.toRecord());
            }
        }
        return page;
    }

    @Override
    public synchronized Checkpoint checkpoint() {
        Checkpoint c = requireSigner().sign(headSequence(), headHash(), clock.instant());
        checkpoints.add(c);
        return c;
    }

    @Override
    public synchronized AuditVerification verify(AuditRange range) {
        long from = Math.max(range.fromSequence(), genesisSequence + 1);
        if (from > headSequence() + 1) {
            return new AuditVerification(from, from - 1, 0, 0, null);
        }
        ChainVerifier verifier = from == genesisSequence + 1
                ? ChainVerifier.after(genesisSequence, genesisHash)
                : ChainVerifier.after(from - 1, rowAt(from - 1).hash());
        if (genesisSequence > 0 && from == genesisSequence + 1) {
            verifier.genesisMustBeSigned();
        }
        verifier.upTo(range.toSequence()).head(headSequence(), headHash());
        List<Checkpoint> all = new ArrayList<>(checkpoints);
        all.addAll(range.externalCheckpoints());
        if (!all.isEmpty()) {
            verifier.checkpoints(all, requireTrustedKeys());
        }
        for (int i = (int) (from - genesisSequence - 1); i < rows.size(); i++) {
            if (!verifier.accept(rows.get(i))) {
                break;
            }
        }
        return verifier.finish();
    }

    @Override
    public synchronized PruneResult prune(Instant before) {
        int cut = 0;
        while (cut < rows.size() && rows.get(cut).occurredAt().isBefore(before)) {
            cut++;
        }
        if (cut == 0) {
            return PruneResult.nothing();
        }
        ChainRow last = rows.get(cut - 1);
        Checkpoint genesis = requireSigner().sign(last.sequence(), last.hash(), clock.instant());
        checkpoints.add(genesis);
        AuditRecord record = append(PruneResult.event(last.sequence(), cut, before));
        rows.subList(0, cut).clear();
        genesisSequence = last.sequence();
        genesisHash = last.hash();
        return new PruneResult(last.sequence(), cut, genesis, record);
    }

    /**
     * The rows exactly as stored (details as canonical JSON), oldest first: lets tests prove what reached storage,
     * e.g. that redaction removed a value.
     */
    public synchronized List<ChainRow> storedRows() {
        return List.copyOf(rows);
    }

    private ChainRow rowAt(long sequence) {
        return rows.get((int) (sequence - genesisSequence - 1));
    }

    private long headSequence() {
        return genesisSequence + rows.size();
    }

    private String headHash() {
        return rows.isEmpty() ? genesisHash : rows.get(rows.size() - 1).hash();
    }

    private CheckpointSigner requireSigner() {
        if (signer == null) {
            throw new ConfigurationException("this audit log has no checkpoint signer; configure one with "
                    + "withSigner(CheckpointSigner) to make checkpoints and prune");
        }
        return signer;
    }

    private List<CheckpointVerifier> requireTrustedKeys() {
        if (trustedKeys.isEmpty()) {
            throw new ConfigurationException("this audit log has checkpoints but no key to check them with; configure "
                    + "withSigner(CheckpointSigner) or withRetiredKeys(CheckpointVerifier...)");
        }
        return trustedKeys;
    }

    private static boolean matches(ChainRow row, AuditQuery q) {
        return (q.beforeSequence() == null || row.sequence() < q.beforeSequence())
                && (q.types().isEmpty() || q.types().contains(row.type()))
                && (q.statuses().isEmpty() || q.statuses().stream().anyMatch(s -> s.wireName().equals(row.status())))
                && (q.actor() == null || q.actor().equals(row.actor()))
                && (q.from() == null || !row.occurredAt().isBefore(q.from()))
                && (q.to() == null || row.occurredAt().isBefore(q.to()));
    }

    /** Configures an {@link InMemoryAuditLog}. */
    public static final class Builder {
        private final Clock clock;
        private CheckpointSigner signer;
        private AuditRedactor redactor = AuditRedactor.patternsOnly();
        private final List<CheckpointVerifier> retiredKeys = new ArrayList<>();

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** Signs checkpoints and prune cut points; without one, {@code checkpoint} and {@code prune} fail. */
        public Builder withSigner(CheckpointSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** Public keys of retired signing keys, so checkpoints they signed still verify after a key rotation. */
        public Builder withRetiredKeys(CheckpointVerifier... keys) {
            retiredKeys.addAll(List.of(keys));
            return this;
        }

        /** Redacts events before they are stored; default {@link AuditRedactor#patternsOnly()}. */
        public Builder withRedactor(AuditRedactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** A new, empty log. */
        public InMemoryAuditLog build() {
            return new InMemoryAuditLog(this);
        }
    }
}
