package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditChain;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRange;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditRedactor;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.ChainBreak;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.ChainVerifier;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.CheckpointVerifier;
import org.compliancekit.audit.PruneResult;
import org.compliancekit.jdbc.AuditTables.Head;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditLog} in a relational database: PostgreSQL, MariaDB/MySQL or H2. Appends from any number of threads
 * and application instances form one chain because each append locks the chain's head row
 * ({@code SELECT ... FOR UPDATE} on {@code <table>_head}) for the length of its transaction.
 *
 * <p>The tables come from {@code org/compliancekit/jdbc/audit-<product>.sql} in this jar (copy it into a migration)
 * or from {@link Builder#withAutoCreate(boolean)}.
 *
 * <p>{@link #verify} reads the rows on the calling thread and hashes them on a second one, the two joined by a
 * queue of a few fetch-size batches. On PostgreSQL the rows come through {@code COPY ... TO STDOUT} in primary key
 * order, which the driver's result sets cannot match in speed; the other databases use a streaming result set.
 *
 * <pre>{@code
 * AuditLog log = JdbcAuditLog.builder(dataSource).withSigner(signer).withClock(clock).build();
 * }</pre>
 */
public final class JdbcAuditLog implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditLog.class);

    private final AuditTables tables;
    private final CheckpointSigner signer;
    private final Clock clock;
    private final AuditRedactor redactor;
    private final List<CheckpointVerifier> trustedKeys;
    private final int batchSize;
    private final int fetchSize;

    private JdbcAuditLog(Builder b, DatabaseProduct product) {
        this.tables = new AuditTables(b.dataSource, new AuditSql(product, b.table));
        this.signer = b.signer;
        this.clock = b.clock;
        this.redactor = b.redactor;
        List<CheckpointVerifier> keys = new ArrayList<>(b.retiredKeys);
        if (b.signer != null) {
            keys.add(b.signer.verifier());
        }
        this.trustedKeys = List.copyOf(keys);
        this.batchSize = b.batchSize;
        this.fetchSize = b.fetchSize;
    }

    /** A builder for the log in {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
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
        List<ChainRow> rows = tables.inTransaction("append to", c -> appendLocked(c, tables.head(c, true), redacted));
        return rows.stream().map(ChainRow::toRecord).toList();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return tables.withConnection("query", c -> {
            try (PreparedStatement ps = c.prepareStatement(tables.sql().query(query))) {
                int i = 1;
                for (Object value : AuditSql.bindQuery(query)) {
                    ps.setObject(i++, value instanceof Instant t ? AuditTables.utc(t) : value);
                }
                List<AuditRecord> page = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(AuditTables.row(rs).toRecord());
                    }
                }
                return page;
            }
        });
    }

    @Override
    public Checkpoint checkpoint() {
        CheckpointSigner s = requireSigner();
        return tables.inTransaction("checkpoint", c -> {
            Head head = tables.head(c, false);
            return tables.insert(c, s.sign(head.sequence(), head.hash(), clock.instant()));
        });
    }

    @Override
    public AuditVerification verify(AuditRange range) {
        // One snapshot for head, checkpoints and rows: appends made meanwhile are neither gaps nor forgeries.
        return tables.inSnapshot("verify", c -> {
            Head head = tables.head(c, false);
            long from = Math.max(range.fromSequence(), head.genesisSequence() + 1);
            ChainVerifier verifier;
            if (from == head.genesisSequence() + 1) {
                verifier = ChainVerifier.after(head.genesisSequence(), head.genesisHash());
                if (head.genesisSequence() > 0) {
                    verifier.genesisMustBeSigned();
                }
            } else {
                String anchorHash = tables.hashOf(c, from - 1);
                if (anchorHash == null) {
                    return new AuditVerification(from, from - 1, 0, 0, new ChainBreak(from - 1, ChainBreak.Reason.GAP,
                            "record " + (from - 1) + ", the one before the range, is missing: deleted from the chain"));
                }
                verifier = ChainVerifier.after(from - 1, anchorHash);
            }
            verifier.upTo(range.toSequence()).head(head.sequence(), head.hash());
            List<Checkpoint> checkpoints = tables.checkpointsFrom(c, from - 1);
            checkpoints.addAll(range.externalCheckpoints());
            if (!checkpoints.isEmpty()) {
                verifier.checkpoints(checkpoints, requireTrustedKeys());
            }
            streamRows(c, from - 1, range.toHead() ? null : range.toSequence(), verifier);
            return verifier.finish();
        });
    }

    @Override
    public PruneResult prune(Instant before) {
        CheckpointSigner s = requireSigner();
        PruneResult result = tables.inTransaction("prune", c -> {
            Head head = tables.head(c, true);
            Long firstKept = tables.firstAtOrAfter(c, before);
            long cut = firstKept == null ? head.sequence() : firstKept - 1;
            if (cut <= head.genesisSequence()) {
                return PruneResult.nothing();
            }
            String cutHash = cut == head.sequence() ? head.hash() : tables.hashOf(c, cut);
            if (cutHash == null) {
                throw new StorageException("audit table " + tables.sql().tableName() + " has no record " + cut
                        + " to prune through; run verify() to find out what happened to the chain");
            }
            Checkpoint genesis = tables.insert(c, s.sign(cut, cutHash, clock.instant()));
            tables.moveGenesis(c, cut, cutHash);
            long deleted = cut - head.genesisSequence();
            AuditEvent event = redactor.redact(PruneResult.event(cut, deleted, before));
            ChainRow record = appendLocked(c, head, List.of(event)).get(0);
            return new PruneResult(cut, deleted, genesis, record.toRecord());
        });
        if (result.deletedRecords() > 0) {
            deleteThrough(result.throughSequence());
        }
        return result;
    }

    /** Removes the rows of a committed prune in bounded batches; rerunning prune finishes an interrupted one. */
    private void deleteThrough(long cut) {
        Long lowest = tables.withConnection("prune", tables::lowestSequence);
        for (long after = lowest == null ? cut : lowest - 1; after < cut; after += batchSize) {
            long from = after;
            long through = Math.min(after + batchSize, cut);
            tables.inTransaction("prune", c -> tables.deleteRange(c, from, through));
        }
        LOG.info("Pruned audit table {} through record {}", tables.sql().tableName(), cut);
    }

    private List<ChainRow> appendLocked(Connection c, Head head, List<AuditEvent> events) throws SQLException {
        List<ChainRow> rows = new ArrayList<>(events.size());
        long seq = head.sequence();
        String previous = head.hash();
        for (AuditEvent event : events) {
            ChainRow row = AuditChain.link(++seq, clock.instant(), event, previous);
            rows.add(row);
            previous = row.hash();
        }
        tables.insert(c, rows, batchSize);
        tables.moveHead(c, seq, previous);
        return rows;
    }

    /** Reads on this thread and verifies on another: decoding rows and hashing them take about as long. */
    private void streamRows(Connection c, long after, Long upTo, ChainVerifier verifier) throws SQLException {
        AuditSql sql = tables.sql();
        try (VerifierFeed feed = VerifierFeed.start(verifier, fetchSize, sql.tableName())) {
            if (sql.readsByCopy()) {
                try (Statement st = c.createStatement()) {
                    // The table is written in sequence order, so the primary key index streams it already sorted;
                    // without statistics the planner picks a full sort, which spills to disk and doubles the time.
                    st.execute(sql.preferIndexOrder());
                }
                PostgresChainCopy.read(c, sql.copyRowsFrom(after, upTo), feed::accept);
            } else {
                readResultSet(c, after, upTo, feed);
            }
            feed.finish();
        }
    }

    private void readResultSet(Connection c, long after, Long upTo, VerifierFeed feed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(tables.sql().rowsFrom(upTo != null))) {
            ps.setFetchSize(fetchSize);
            ps.setLong(1, after);
            if (upTo != null) {
                ps.setLong(2, upTo);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && feed.accept(AuditTables.row(rs))) {
                    // accept() hands the row over; it returns false at the first break or the end of the range
                }
            }
        }
    }

    private List<CheckpointVerifier> requireTrustedKeys() {
        if (trustedKeys.isEmpty()) {
            throw new ConfigurationException("audit table " + tables.sql().tableName() + " has checkpoints but no key "
                    + "is configured to check them; set withSigner(CheckpointSigner) or, to verify only, "
                    + "withRetiredKeys(CheckpointVerifier...) with the public keys");
        }
        return trustedKeys;
    }

    private CheckpointSigner requireSigner() {
        if (signer == null) {
            throw new ConfigurationException("audit table " + tables.sql().tableName() + ": no checkpoint signer "
                    + "configured; set one with JdbcAuditLog.builder(..).withSigner(CheckpointSigner) to checkpoint "
                    + "and prune");
        }
        return signer;
    }

    /** Configures a {@link JdbcAuditLog}; validated and frozen by {@link #build()}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = AuditSql.DDL_TABLE_NAME;
        private CheckpointSigner signer;
        private Clock clock = Clock.systemUTC();
        private AuditRedactor redactor = AuditRedactor.patternsOnly();
        private final List<CheckpointVerifier> retiredKeys = new ArrayList<>();
        private boolean autoCreate;
        private DatabaseProduct product;
        private int batchSize = 1000;
        private int fetchSize = 1000;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The audit table's name (default {@code compliance_audit}); {@code _head} and {@code _checkpoint} tables follow it. */
        public Builder withTable(String table) {
            this.table = table;
            return this;
        }

        /** Signs checkpoints and prune cut points, and verifies them; without one, those operations fail. */
        public Builder withSigner(CheckpointSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /**
         * Public keys that checkpoints may also be signed with: retired signing keys after a rotation, or, for a
         * log used only to verify (an auditor's), the keys instead of a signer.
         */
        public Builder withRetiredKeys(CheckpointVerifier... keys) {
            retiredKeys.addAll(List.of(keys));
            return this;
        }

        /** Stamps records and checkpoints (default the system UTC clock). */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Redacts events before hashing and storing (default {@link AuditRedactor#patternsOnly()}). */
        public Builder withRedactor(AuditRedactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** Creates the tables when missing, from the shipped DDL (default {@code false}: a migration creates them). */
        public Builder withAutoCreate(boolean autoCreate) {
            this.autoCreate = autoCreate;
            return this;
        }

        /** Overrides detection of the database product from the connection's metadata. */
        public Builder withProduct(DatabaseProduct product) {
            this.product = Objects.requireNonNull(product, "product");
            return this;
        }

        /** Rows per insert batch and per prune delete transaction (default 1000). */
        public Builder withBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Rows fetched per round trip while verifying, and rows per batch handed to the hashing thread (default
         * 1000); bounds verification memory.
         */
        public Builder withFetchSize(int fetchSize) {
            this.fetchSize = fetchSize;
            return this;
        }

        /** Validates the settings, creates the tables when asked, and checks they are usable. */
        public JdbcAuditLog build() {
            String t = new AuditSettings(table, null).table();
            if (batchSize < 1 || batchSize > 100_000) {
                throw new ConfigurationException("audit batch size must be 1 to 100000, was " + batchSize);
            }
            if (fetchSize < 1 || fetchSize > 100_000) {
                throw new ConfigurationException("audit fetch size must be 1 to 100000, was " + fetchSize);
            }
            this.table = t;
            JdbcAuditLog log = new JdbcAuditLog(this, product != null ? product : DatabaseProduct.detect(dataSource));
            log.tables.prepare(autoCreate);
            return log;
        }
    }
}
