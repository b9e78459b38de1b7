package org.compliancekit.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An {@link AuditLog} held in memory, for applications' tests: it behaves like the JDBC log in everything the
 * contract promises (it passes the same contract suite) but keeps nothing across restarts. Thread-safe.
 *
 * <pre>{@code
 * AuditLog log = InMemoryAuditLog.builder(clock).withSigner(CheckpointSigner.generate("test")).build();
 * }</pre>
 */
public final class InMemoryAuditLog extends StorageBasedAuditLog {

    private InMemoryAuditLog(Builder b) {
        super(new Memory(), b.clock, b.signer, b.retiredKeys, b.redactor, "InMemoryAuditLog.builder(..)");
    }

    /** A builder; {@code clock} stamps every record and checkpoint. */
    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    /**
     * The rows exactly as stored (details as canonical JSON), oldest first: lets tests prove what reached storage,
     * e.g. that redaction removed a value.
     */
    public List<ChainRow> storedRows() {
        Memory m = (Memory) storage();
        synchronized (m) {
            return List.copyOf(m.rows);
        }
    }

    /**
     * Replaces stored record {@code sequence} with {@code edit}'s result, bypassing the log: lets tests of
     * verification simulate someone editing the storage directly.
     */
    public void replaceStoredRow(long sequence, UnaryOperator<ChainRow> edit) {
        Memory m = (Memory) storage();
        synchronized (m) {
            int i = m.index(sequence);
            m.rows.set(i, edit.apply(m.rows.get(i)));
        }
    }

    /** The chain in lists; one monitor stands in for the database's head-row lock and snapshot. */
    private static final class Memory implements AuditStorage {
        // Rows in sequence order, contiguous.
        private final List<ChainRow> rows = new ArrayList<>();
        private final List<Checkpoint> checkpoints = new ArrayList<>();
        private long genesisSequence;
        private String genesisHash = AuditChain.GENESIS_HASH;

        private final Session session = new Session() {
            @Override
            public Head head() {
                ChainRow last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
                return last == null ? new Head(genesisSequence, genesisHash, genesisSequence, genesisHash)
                        : new Head(last.sequence(), last.hash(), genesisSequence, genesisHash);
            }

            @Override
            public Optional<String> hashOf(long sequence) {
                int i = index(sequence);
                return i >= 0 && i < rows.size() ? Optional.of(rows.get(i).hash()) : Optional.empty();
            }

            @Override
            public OptionalLong firstAtOrAfter(Instant time) {
                return rows.stream().filter(r -> !r.occurredAt().isBefore(time)).mapToLong(ChainRow::sequence)
                        .findFirst();
            }

            @Override
            public List<Checkpoint> checkpointsFrom(long sequence) {
                return checkpoints.stream().filter(c -> c.sequence() >= sequence).toList();
            }

            @Override
            public Optional<Checkpoint> latestCheckpoint(String keyId) {
                return checkpoints.stream().filter(c -> c.keyId().equals(keyId)).reduce((a, b) -> b);
            }

            @Override
            public void append(List<ChainRow> linked) {
                rows.addAll(linked);
            }

            @Override
            public List<PersonalRow> personalRows(long afterSequence, Instant before, String containing, int limit) {
                return rows.stream().filter(r -> r.sequence() > afterSequence && r.personalJson() != null
                                && r.personalJson().contains("\"value\":")
                                && (before == null || r.occurredAt().isBefore(before))
                                && (containing == null || r.personalJson().contains(containing)))
                        .limit(limit).map(r -> new PersonalRow(r.sequence(), r.personalJson())).toList();
            }

            @Override
            public void rewritePersonal(long sequence, String personalJson) {
                int i = index(sequence);
                rows.set(i, rows.get(i).withPersonalJson(personalJson));
            }

            @Override
            public void store(Checkpoint checkpoint) {
                checkpoints.add(checkpoint);
            }

            @Override
            public void moveGenesis(long sequence, String hash) {
                genesisSequence = sequence;
                genesisHash = hash;
            }

            @Override
            public void stream(long after, Long upTo, ChainVerifier verifier) {
                for (int i = Math.max(0, index(after + 1)); i < rows.size(); i++) {
                    ChainRow row = rows.get(i);
                    if ((upTo != null && row.sequence() > upTo) || !verifier.accept(row)) {
                        break;
                    }
                }
            }
        };

        // Rows before the genesis stay listed until removeThrough: their index is counted from the first kept row.
        private int index(long sequence) {
            return rows.isEmpty() ? -1 : (int) (sequence - rows.get(0).sequence());
        }

        @Override
        public synchronized <T> T write(String operation, Function<Session, T> work) {
            int size = rows.size();
            int checkpointCount = checkpoints.size();
            long genesis = genesisSequence;
            String genesisAt = genesisHash;
            try {
                return work.apply(session);
            } catch (RuntimeException e) {
                // Rolled back like a database transaction.
                rows.subList(size, rows.size()).clear();
                checkpoints.subList(checkpointCount, checkpoints.size()).clear();
                genesisSequence = genesis;
                genesisHash = genesisAt;
                throw e;
            }
        }

        @Override
        public synchronized <T> T snapshot(String operation, Function<Session, T> work) {
            return work.apply(session);
        }

        @Override
        public synchronized List<AuditRecord> query(AuditQuery query) {
            List<AuditRecord> page = new ArrayList<>();
            for (int i = rows.size() - 1; i >= 0 && page.size() < query.limit(); i--) {
                ChainRow row = rows.get(i);
                if (row.sequence() > genesisSequence && matches(row, query)) {
                    page.add(row.toRecord());
                }
            }
            return page;
        }

        @Override
        public synchronized void removeThrough(long sequence) {
            rows.removeIf(r -> r.sequence() <= sequence);
        }

        @Override
        public String describe() {
            return "in-memory audit log";
        }

        private static boolean matches(ChainRow row, AuditQuery q) {
            return (q.beforeSequence() == null || row.sequence() < q.beforeSequence())
                    && (q.types().isEmpty() || q.types().contains(row.type()))
                    && (q.statuses().isEmpty() || q.statuses().stream().anyMatch(s -> s.wireName().equals(row.status())))
                    && (q.actor() == null || q.actor().equals(row.actor()))
                    && (q.from() == null || !row.occurredAt().isBefore(q.from()))
                    && (q.to() == null || row.occurredAt().isBefore(q.to()));
        }
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

        /** Public keys to verify checkpoints with, for a log that only verifies (one without a signer). */
        public Builder withPublicKeys(CheckpointVerifier... keys) {
            return withRetiredKeys(keys);
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
