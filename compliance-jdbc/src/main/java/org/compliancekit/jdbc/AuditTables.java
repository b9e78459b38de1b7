package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;
import org.compliancekit.audit.AuditStorage;
import org.compliancekit.audit.ChainRow;
import org.compliancekit.audit.Checkpoint;

/**
 * JDBC access to the audit log's three tables: transactions, the head row, rows and checkpoints. Times are stored
 * as UTC timestamps without zone, so no session time zone can shift them.
 */
final class AuditTables {

    /** The chain's head row: last record and the genesis the chain starts after. */
    record Head(long sequence, String hash, long genesisSequence, String genesisHash) {
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final AuditSql sql;

    AuditTables(DataSource dataSource, AuditSql sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    AuditSql sql() {
        return sql;
    }

    /** Runs {@code work} in a transaction, committed on success and rolled back on any failure. */
    <T> T inTransaction(String operation, SqlWork<T> work) {
        return transaction(operation, false, work);
    }

    /**
     * Runs {@code work} in a read-only repeatable-read transaction: every query sees one snapshot, so rows appended
     * meanwhile are invisible rather than inconsistent.
     */
    <T> T inSnapshot(String operation, SqlWork<T> work) {
        return transaction(operation, true, work);
    }

    private <T> T transaction(String operation, boolean snapshot, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = snapshot ? c.getTransactionIsolation() : -1;
            c.setAutoCommit(false);
            if (snapshot) {
                // Before any statement: PostgreSQL fixes both at the transaction's first query.
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
            }
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
                if (snapshot) {
                    c.setReadOnly(false);
                    c.setTransactionIsolation(isolation);
                }
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw storage(operation, e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode. */
    <T> T withConnection(String operation, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw storage(operation, e);
        }
    }

    StorageException storage(String operation, SQLException e) {
        // The driver's message can quote row values, so only the SQL state goes into ours; the cause keeps the rest.
        return new StorageException("could not " + operation + " audit table " + sql.tableName() + " (SQL state "
                + e.getSQLState() + "); check that the tables from org/compliancekit/jdbc/" + sql.ddlResource()
                + " exist and the database is reachable", e);
    }

    /**
     * Creates missing tables and the chain format version 2 columns from the shipped DDL (when asked), then checks
     * the head row is readable. Returns these tables, or, for a table created before version 2 that was not
     * upgraded, tables that read its rows as version 1 and refuse to append (see {@link #insert}).
     */
    AuditTables prepare(boolean create) {
        if (create) {
            try {
                TableCreation.create(dataSource, sql.product(), sql.ddl(), TableCreation.readable(sql.readHead(),
                        sql.emptyCheckpointRead()));
                if (!hasPersonalColumns()) {
                    // A table from before format version 2: CREATE TABLE IF NOT EXISTS left it as it was.
                    TableCreation.create(dataSource, sql.product(), sql.upgrade(),
                            TableCreation.readable(sql.emptyPersonalRead()));
                }
            } catch (SQLException e) {
                throw storage("create", e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            head(c, false);
        } catch (SQLException e) {
            throw new ConfigurationException("audit tables " + sql.tables() + " are missing or unreadable (SQL state "
                    + e.getSQLState() + "); create them with org/compliancekit/jdbc/" + sql.ddlResource()
                    + " or enable withAutoCreate(true)", e);
        }
        return hasPersonalColumns() ? this : new AuditTables(dataSource, sql.withoutPersonalColumns());
    }

    private boolean hasPersonalColumns() {
        try (Connection c = dataSource.getConnection()) {
            return TableCreation.readable(sql.emptyPersonalRead()).ready(c);
        } catch (SQLException e) {
            throw storage("check the columns of", e);
        }
    }

    /** The head row, locked until the transaction ends when {@code lock} is set: this serializes all appenders. */
    Head head(Connection c, boolean lock) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(lock ? sql.lockHead() : sql.readHead())) {
            if (!rs.next()) {
                throw new ConfigurationException("audit table " + sql.tableName() + "_head has no row with id 1; run "
                        + "the INSERT from org/compliancekit/jdbc/" + sql.ddlResource() + " or enable auto-create");
            }
            return new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4));
        }
    }

    void moveHead(Connection c, long sequence, String hash) throws SQLException {
        update(c, sql.updateHead(), sequence, hash);
    }

    void moveGenesis(Connection c, long sequence, String hash) throws SQLException {
        update(c, sql.updateGenesis(), sequence, hash);
    }

    /** The stored hash of record {@code sequence}; {@code null} when there is no such record. */
    String hashOf(Connection c, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.hashOf())) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The sequence number of the first record at or after {@code time}; {@code null} when none is. */
    Long firstAtOrAfter(Connection c, Instant time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.firstAtOrAfter())) {
            ps.setObject(1, utc(time));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? rs.getLong(1) : null;
            }
        }
    }

    /** The lowest stored sequence number; {@code null} for an empty table. */
    Long lowestSequence(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.lowestSequence())) {
            return rs.next() && rs.getObject(1) != null ? rs.getLong(1) : null;
        }
    }

    int deleteRange(Connection c, long after, long through) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.deleteRange())) {
            ps.setLong(1, after);
            ps.setLong(2, through);
            return ps.executeUpdate();
        }
    }

    /** Inserts {@code rows}, sending a batch every {@code batchSize} rows. */
    void insert(Connection c, List<ChainRow> rows, int batchSize) throws SQLException {
        if (!sql.personalColumns()) {
            throw new ConfigurationException("audit table " + sql.tableName() + " has no columns chain_version and "
                    + "personal, which chain format version 2 needs to append; add them with org/compliancekit/jdbc/"
                    + sql.upgradeResource() + " (existing records keep verifying as version 1) or enable "
                    + "withAutoCreate(true)");
        }
        try (PreparedStatement ps = c.prepareStatement(sql.insertRow())) {
            int pending = 0;
            for (ChainRow row : rows) {
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
                ps.setInt(12, row.version());
                ps.setString(13, row.personalJson());
                ps.addBatch();
                if (++pending == batchSize) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    Checkpoint insert(Connection c, Checkpoint cp) throws SQLException {
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

    /** Stored checkpoints at or after {@code sequence}, in sequence order. */
    List<Checkpoint> checkpointsFrom(Connection c, long sequence) throws SQLException {
        return checkpoints(c, sql.checkpointsFrom(), sequence);
    }

    /** The newest checkpoint signed under {@code keyId}; {@code null} when there is none. */
    Checkpoint latestCheckpoint(Connection c, String keyId) throws SQLException {
        List<Checkpoint> found = checkpoints(c, sql.latestCheckpoint(), keyId);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Checkpoint> checkpoints(Connection c, String query, Object parameter) throws SQLException {
        List<Checkpoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Checkpoint(rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** The row at the cursor of a result selecting {@link AuditSql#columns()}. */
    ChainRow row(ResultSet rs) throws SQLException {
        // The DDL forbids NULL in every column but actor and personal; one can only come from altering the table.
        // Reading it as empty (or the epoch) makes verification report that row's hash mismatch instead of failing.
        LocalDateTime at = rs.getObject(2, LocalDateTime.class);
        boolean v2 = sql.personalColumns();
        return new ChainRow(rs.getLong(1), at == null ? Instant.EPOCH : at.toInstant(ZoneOffset.UTC), text(rs, 3),
                text(rs, 4), rs.getString(5), text(rs, 6), text(rs, 7), rs.getLong(8), rs.getBoolean(9), text(rs, 10),
                text(rs, 11), v2 ? rs.getInt(12) : 1, v2 ? rs.getString(13) : null);
    }

    /** Up to {@code limit} records that may still hold a personal value (see {@link AuditSql#personalRows}). */
    List<AuditStorage.PersonalRow> personalRows(Connection c, long after, Instant before, String containing, int limit)
            throws SQLException {
        List<AuditStorage.PersonalRow> out = new ArrayList<>();
        if (!sql.personalColumns()) {
            return out; // a table from before format version 2 holds no personal fields
        }
        try (PreparedStatement ps = c.prepareStatement(sql.personalRows(before != null, containing != null))) {
            int i = 1;
            ps.setLong(i++, after);
            if (before != null) {
                ps.setObject(i++, utc(before));
            }
            if (containing != null) {
                ps.setString(i++, AuditSql.containsPattern(containing));
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditStorage.PersonalRow(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    void rewritePersonal(Connection c, long sequence, String personalJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.rewritePersonal())) {
            ps.setString(1, personalJson);
            ps.setLong(2, sequence);
            if (ps.executeUpdate() != 1) {
                throw new StorageException("audit table " + sql.tableName() + " has no record " + sequence + " to "
                        + "erase personal fields of; it was removed meanwhile (a prune); erase again");
            }
        }
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private static void update(Connection c, String statement, long sequence, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setLong(1, sequence);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
    }
}
