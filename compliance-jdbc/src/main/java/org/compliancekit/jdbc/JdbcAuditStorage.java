package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStorage;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.ChainVerifier;
import org.compliancekit.audit.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit chain in three tables (see {@link AuditTables}). A write session locks the head row with
 * {@code SELECT ... FOR UPDATE}, which serializes appenders of every instance; a snapshot is a read-only
 * repeatable-read transaction.
 */
final class JdbcAuditStorage implements AuditStorage {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditStorage.class);

    private final AuditTables tables;
    private final int batchSize;
    private final int fetchSize;

    JdbcAuditStorage(AuditTables tables, int batchSize, int fetchSize) {
        this.tables = tables;
        this.batchSize = batchSize;
        this.fetchSize = fetchSize;
    }

    AuditTables tables() {
        return tables;
    }

    @Override
    public <T> T write(String operation, Function<Session, T> work) {
        return tables.inTransaction(operation, c -> work.apply(new JdbcSession(c, operation, true)));
    }

    @Override
    public <T> T snapshot(String operation, Function<Session, T> work) {
        return tables.inSnapshot(operation, c -> work.apply(new JdbcSession(c, operation, false)));
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
                        page.add(tables.row(rs).toRecord());
                    }
                }
                return page;
            }
        });
    }

    /** Removes the rows of a committed prune in bounded batches; rerunning prune finishes an interrupted one. */
    @Override
    public void removeThrough(long cut) {
        Long lowest = tables.withConnection("prune", tables::lowestSequence);
        for (long after = lowest == null ? cut : lowest - 1; after < cut; after += batchSize) {
            long from = after;
            long through = Math.min(after + batchSize, cut);
            tables.inTransaction("prune", c -> tables.deleteRange(c, from, through));
        }
        LOG.info("Pruned audit table {} through record {}", tables.sql().tableName(), cut);
    }

    @Override
    public String describe() {
        return "audit table " + tables.sql().tableName();
    }

    /** Work on one connection; an {@link SQLException} becomes the storage failure of the whole operation. */
    @FunctionalInterface
    private interface Sql<T> {
        T run() throws SQLException;
    }

    private final class JdbcSession implements Session {
        private final Connection c;
        private final String operation;
        private final boolean lock;

        JdbcSession(Connection c, String operation, boolean lock) {
            this.c = c;
            this.operation = operation;
            this.lock = lock;
        }

        private <T> T sql(Sql<T> work) {
            try {
                return work.run();
            } catch (SQLException e) {
                throw tables.storage(operation, e);
            }
        }

        @Override
        public Head head() {
            AuditTables.Head h = sql(() -> tables.head(c, lock));
            return new Head(h.sequence(), h.hash(), h.genesisSequence(), h.genesisHash());
        }

        @Override
        public Optional<String> hashOf(long sequence) {
            return Optional.ofNullable(sql(() -> tables.hashOf(c, sequence)));
        }

        @Override
        public OptionalLong firstAtOrAfter(Instant time) {
            Long first = sql(() -> tables.firstAtOrAfter(c, time));
            return first == null ? OptionalLong.empty() : OptionalLong.of(first);
        }

        @Override
        public List<Checkpoint> checkpointsFrom(long sequence) {
            return sql(() -> tables.checkpointsFrom(c, sequence));
        }

        @Override
        public Optional<Checkpoint> latestCheckpoint(String keyId) {
            return Optional.ofNullable(sql(() -> tables.latestCheckpoint(c, keyId)));
        }

        @Override
        public void append(List<ChainRow> rows) {
            ChainRow last = rows.get(rows.size() - 1);
            sql(() -> {
                tables.insert(c, rows, batchSize);
                tables.moveHead(c, last.sequence(), last.hash());
                return null;
            });
        }

        @Override
        public List<PersonalRow> personalRows(long afterSequence, Instant before, String containing, int limit) {
            return sql(() -> tables.personalRows(c, afterSequence, before, containing, limit));
        }

        @Override
        public void rewritePersonal(long sequence, String personalJson) {
            sql(() -> {
                tables.rewritePersonal(c, sequence, personalJson);
                return null;
            });
        }

        @Override
        public void store(Checkpoint checkpoint) {
            sql(() -> tables.insert(c, checkpoint));
        }

        @Override
        public void moveGenesis(long sequence, String hash) {
            sql(() -> {
                tables.moveGenesis(c, sequence, hash);
                return null;
            });
        }

        /** Reads on this thread and verifies on another: decoding rows and hashing them take about as long. */
        @Override
        public void stream(long after, Long upTo, ChainVerifier verifier) {
            AuditSql sql = tables.sql();
            sql(() -> {
                try (VerifierFeed feed = VerifierFeed.start(verifier, fetchSize, sql.tableName())) {
                    if (sql.readsByCopy()) {
                        try (Statement st = c.createStatement()) {
                            // The table is written in sequence order, so the primary key index streams it already
                            // sorted; without statistics the planner picks a full sort, which spills to disk and
                            // doubles the time.
                            st.execute(sql.preferIndexOrder());
                        }
                        PostgresChainCopy.read(c, sql.copyRowsFrom(after, upTo), sql.personalColumns(), feed::accept);
                    } else {
                        readResultSet(after, upTo, feed);
                    }
                    feed.finish();
                }
                return null;
            });
        }

        private void readResultSet(long after, Long upTo, VerifierFeed feed) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(tables.sql().rowsFrom(upTo != null))) {
                ps.setFetchSize(fetchSize);
                ps.setLong(1, after);
                if (upTo != null) {
                    ps.setLong(2, upTo);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && feed.accept(tables.row(rs))) {
                        // accept() hands the row over; it returns false at the first break or the end of the range
                    }
                }
            }
        }
    }
}
