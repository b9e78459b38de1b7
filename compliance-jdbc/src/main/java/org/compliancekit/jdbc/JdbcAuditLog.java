package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
import org.compliancekit.audit.AuditVerification;
import org.compliancekit.audit.ChainBreak;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.ChainVerifier;
import org.compliancekit.audit.Checkpoint;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.PruneResult;
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
 * <pre>{@code
 * AuditLog log = JdbcAuditLog.builder(dataSource).withSigner(signer).withClock(clock).build();
 * }</pre>
 */
public final class JdbcAuditLog implements AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditLog.class);

    private final DataSource dataSource;
    private final AuditSql sql;
    private final CheckpointSigner signer;
    private final Clock clock;
    private final AuditRedactor redactor;
    private final int batchSize;
    private final int fetchSize;

    private JdbcAuditLog(Builder b, DatabaseProduct product) {
        this.dataSource = b.dataSource;
        this.sql = new AuditSql(product, b.table);
        this.signer = b.signer;
        this.clock = b.clock;
        this.redactor = b.redactor;
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
        List<ChainRow> rows = inTransaction("append to", c -> appendLocked(c, lockHead(c), redacted));
        return rows.stream().map(ChainRow::toRecord).toList();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.query(query))) {
            int i = 1;
            for (Object value : AuditSql.bindQuery(query)) {
                ps.setObject(i++, value instanceof Instant t ? utc(t) : value);
            }
            List<AuditRecord> page = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(row(rs).toRecord());
                }
            }
            return page;
        } catch (SQLException e) {
            throw storage("query", e);
        }
    }

    @Override
    public Checkpoint checkpoint() {
        CheckpointSigner s = requireSigner();
        return inTransaction("checkpoint", c -> {
            Head head = readHead(c, sql.readHead());
            return insertCheckpoint(c, s.sign(head.sequence, head.hash, clock.instant()));
        });
    }

    @Override
    public AuditVerification verify(AuditRange range) {
        return inTransaction("verify", c -> {
            // One snapshot for head, checkpoints and rows: appends made meanwhile are neither gaps nor forgeries.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            Head head = readHead(c, sql.readHead());
            long from = Math.max(range.fromSequence(), head.genesisSequence + 1);
            ChainVerifier verifier;
            if (from == head.genesisSequence + 1) {
                verifier = ChainVerifier.after(head.genesisSequence, head.genesisHash);
                if (head.genesisSequence > 0) {
                    verifier.genesisMustBeSigned();
                }
            } else {
                String anchorHash = hashOf(c, from - 1);
                if (anchorHash == null) {
                    return new AuditVerification(from, from - 1, 0, 0, new ChainBreak(from - 1, ChainBreak.Reason.GAP,
                            "record " + (from - 1) + ", the one before the range, is missing: deleted from the chain"));
                }
                verifier = ChainVerifier.after(from - 1, anchorHash);
            }
            verifier.upTo(range.toSequence()).head(head.sequence, head.hash);
            List<Checkpoint> checkpoints = checkpointsFrom(c, from - 1);
            checkpoints.addAll(range.externalCheckpoints());
            if (!checkpoints.isEmpty()) {
                verifier.checkpoints(checkpoints, requireSigner().verifier());
            }
            streamRows(c, from - 1, range.toHead() ? null : range.toSequence(), verifier);
            return verifier.finish();
        });
    }

    @Override
    public PruneResult prune(Instant before) {
        CheckpointSigner s = requireSigner();
        PruneResult result = inTransaction("prune", c -> {
            Head head = lockHead(c);
            long cut = head.sequence;
            try (PreparedStatement ps = c.prepareStatement(sql.firstAtOrAfter())) {
                ps.setObject(1, utc(before));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        cut = rs.getLong(1) - 1;
                    }
                }
            }
            if (cut <= head.genesisSequence) {
                return PruneResult.nothing();
            }
            String cutHash = cut == head.sequence ? head.hash : hashOf(c, cut);
            if (cutHash == null) {
                throw new StorageException("audit table " + sql.tableName() + " has no record " + cut + " to prune "
                        + "through; run verify() to find out what happened to the chain");
            }
            Checkpoint genesis = insertCheckpoint(c, s.sign(cut, cutHash, clock.instant()));
            try (PreparedStatement ps = c.prepareStatement(sql.updateGenesis())) {
                ps.setLong(1, cut);
                ps.setString(2, cutHash);
                ps.executeUpdate();
            }
            long deleted = cut - head.genesisSequence;
            ChainRow event = appendLocked(c, head, List.of(redactor.redact(PruneResult.event(cut, deleted, before)))).get(0);
            return new PruneResult(cut, deleted, genesis, event.toRecord());
        });
        if (result.deletedRecords() > 0) {
            deleteThrough(result.throughSequence());
        }
        return result;
    }

    /** Removes the rows of a committed prune in bounded batches; rerunning prune finishes an interrupted one. */
    private void deleteThrough(long cut) {
        Long lowest = inTransaction("prune", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.lowestSequence())) {
                return rs.next() && rs.getObject(1) != null ? rs.getLong(1) - 1 : null;
            }
        });
        for (long lo = lowest == null ? cut : lowest; lo < cut; lo += batchSize) {
            long upper = Math.min(lo + batchSize, cut);
            long from = lo;
            inTransaction("prune", c -> {
                try (PreparedStatement ps = c.prepareStatement(sql.deleteRange())) {
                    ps.setLong(1, from);
                    ps.setLong(2, upper);
                    return ps.executeUpdate();
                }
            });
        }
        LOG.info("Pruned audit table {} through record {}", sql.tableName(), cut);
    }

    private List<ChainRow> appendLocked(Connection c, Head head, List<AuditEvent> events) throws SQLException {
        List<ChainRow> rows = new ArrayList<>(events.size());
        long seq = head.sequence;
        String previous = head.hash;
        try (PreparedStatement ps = c.prepareStatement(sql.insertRow())) {
            for (AuditEvent event : events) {
                ChainRow row = AuditChain.link(++seq, clock.instant(), event, previous);
                bindRow(ps, row);
                ps.addBatch();
                rows.add(row);
                previous = row.hash();
                if (rows.size() % batchSize == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(sql.updateHead())) {
            ps.setLong(1, seq);
            ps.setString(2, previous);
            ps.executeUpdate();
        }
        return rows;
    }

    private void streamRows(Connection c, long after, Long upTo, ChainVerifier verifier) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.rowsFrom(upTo != null))) {
            ps.setFetchSize(fetchSize);
            ps.setLong(1, after);
            if (upTo != null) {
                ps.setLong(2, upTo);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && verifier.accept(row(rs))) {
                    // accept() does the work; it returns false at the first break or the end of the range
                }
            }
        }
    }

    private Head lockHead(Connection c) throws SQLException {
        return readHead(c, sql.lockHead());
    }

    private Head readHead(Connection c, String select) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(select)) {
            if (!rs.next()) {
                throw new ConfigurationException("audit table " + sql.tableName() + "_head has no row with id 1; run "
                        + "the INSERT from org/compliancekit/jdbc/" + sql.ddlResource() + " or enable auto-create");
            }
            return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));
        }
    }

    private String hashOf(Connection c, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.hashOf())) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private Checkpoint insertCheckpoint(Connection c, Checkpoint cp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.insertCheckpoint())) {
            ps.setLong(1, cp.sequence());
            ps.setString(2, cp.headHash());
            ps.setObject(3, utc(cp.createdAt()));
            ps.setString(4, cp.keyId());
            ps.setString(5, cp.signature());
            ps.executeUpdate();
        }
        return cp;
    }

    private List<Checkpoint> checkpointsFrom(Connection c, long sequence) throws SQLException {
        List<Checkpoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.checkpointsFrom())) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Checkpoint(rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    private static void bindRow(PreparedStatement ps, ChainRow row) throws SQLException {
        ps.setLong(1, row.sequence());
        ps.setObject(2, utc(row.occurredAt()));
        ps.setString(3, row.type());
        ps.setString(4, row.status());
        ps.setString(5, row.actor());
        ps.setString(6, row.summary());
        ps.setString(7, row.detailsJson());
        ps.setLong(8, row.durationNanos());
        ps.setBoolean(9, row.dryRun());
        ps.setString(10, row.previousHash());
        ps.setString(11, row.hash());
    }

    private static ChainRow row(ResultSet rs) throws SQLException {
        return new ChainRow(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getBoolean(9), rs.getString(10), rs.getString(11));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private CheckpointSigner requireSigner() {
        if (signer == null) {
            throw new ConfigurationException("audit table " + sql.tableName() + ": no checkpoint signer configured; "
                    + "set one with JdbcAuditLog.builder(..).withSigner(CheckpointSigner) to checkpoint, prune and "
                    + "verify checkpoints");
        }
        return signer;
    }

    private <T> T inTransaction(String operation, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                c.setReadOnly(false);
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw storage(operation, e);
        }
    }

    private StorageException storage(String operation, SQLException e) {
        // The driver's message can quote row values, so only the SQL state goes into ours; the cause keeps the rest.
        return new StorageException("could not " + operation + " audit table " + sql.tableName() + " (SQL state "
                + e.getSQLState() + "); check that the tables from org/compliancekit/jdbc/" + sql.ddlResource()
                + " exist and the database is reachable", e);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private record Head(long sequence, String hash, long genesisSequence, String genesisHash) {
    }

    /** Configures a {@link JdbcAuditLog}; validated and frozen by {@link #build()}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = AuditSql.DDL_TABLE_NAME;
        private CheckpointSigner signer;
        private Clock clock = Clock.systemUTC();
        private AuditRedactor redactor = AuditRedactor.patternsOnly();
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

        /** Rows fetched per round trip while verifying (default 1000); bounds verification memory. */
        public Builder withFetchSize(int fetchSize) {
            this.fetchSize = fetchSize;
            return this;
        }

        /** Validates the settings, creates the tables when asked, and checks they are usable. */
        public JdbcAuditLog build() {
            String t = new org.compliancekit.audit.AuditSettings(table, null).table();
            if (batchSize < 1 || batchSize > 100_000) {
                throw new ConfigurationException("audit batch size must be 1 to 100000, was " + batchSize);
            }
            if (fetchSize < 1 || fetchSize > 100_000) {
                throw new ConfigurationException("audit fetch size must be 1 to 100000, was " + fetchSize);
            }
            this.table = t;
            JdbcAuditLog log = new JdbcAuditLog(this, product != null ? product : DatabaseProduct.detect(dataSource));
            log.prepareSchema(autoCreate);
            return log;
        }
    }

    private void prepareSchema(boolean create) {
        if (create) {
            inTransaction("create", c -> {
                try (Statement st = c.createStatement()) {
                    for (String ddl : sql.ddl()) {
                        st.execute(ddl);
                    }
                }
                return null;
            });
        }
        try (Connection c = dataSource.getConnection()) {
            readHead(c, sql.readHead());
        } catch (SQLException e) {
            throw new ConfigurationException("audit tables " + sql.tables() + " are missing or unreadable (SQL state "
                    + e.getSQLState() + "); create them with org/compliancekit/jdbc/" + sql.ddlResource()
                    + " or enable withAutoCreate(true)", e);
        }
    }
}
