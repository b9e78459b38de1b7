package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compliancekit.StorageException;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.DataStore.LoadSource;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.TableId;
import org.compliancekit.store.TableSchema;

/**
 * One {@link org.compliancekit.store.DataStore#load} run: every table in one transaction on one connection, so a
 * failure anywhere rolls everything back and the target stays as it was. Foreign keys are off for the load where
 * the database allows it, so any foreign-key graph loads and replacing rows never reaches a table outside the load.
 */
final class Restore {
    private final JdbcDataStore store;
    private final Dialect dialect;

    Restore(JdbcDataStore store) {
        this.store = store;
        this.dialect = store.dialect();
    }

    Map<String, Long> run(List<String> names, LoadSource source, LoadMode mode) {
        List<TableSchema> tables = names.stream().map(store::table).toList();
        Map<String, List<TableSchema>> bySchema = bySchema(tables);
        Connection c = store.connect();
        List<LoadSession> sessions = new ArrayList<>();
        String current = null;
        RuntimeException failure = null;
        try {
            c.setAutoCommit(false);
            for (Map.Entry<String, List<TableSchema>> e : bySchema.entrySet()) {
                sessions.add(dialect.beforeLoad(c, e.getKey(), e.getValue()));
            }
            if (mode == LoadMode.REPLACE) {
                if (!sessions.stream().allMatch(LoadSession::foreignKeysOff)) {
                    refuseReachingOtherTables(tables);
                }
                List<TableSchema> childrenFirst = new ArrayList<>(tables);
                Collections.reverse(childrenFirst);
                for (TableSchema t : childrenFirst) {
                    current = t.name();
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + dialect.scanTarget(store.qualified(t)))) {
                        ps.executeUpdate();
                    }
                }
            } else {
                for (TableSchema t : tables) {
                    requireEmpty(c, t);
                }
            }
            current = null;
            Map<String, Long> loaded = new LinkedHashMap<>();
            for (TableSchema t : tables) {
                current = t.name();
                try (RowCursor rows = WritableColumns.of(store.schema(), t.name(), source.open(t.name()))) {
                    loaded.put(t.name(), dialect.loadRows(c, store.qualified(t), t, rows, store.batchSize()));
                }
            }
            current = null;
            for (Map.Entry<String, List<TableSchema>> e : bySchema.entrySet()) {
                dialect.resetCountersInTransaction(c, e.getKey(), e.getValue());
            }
            c.commit();
            for (Map.Entry<String, List<TableSchema>> e : bySchema.entrySet()) {
                dialect.resetCountersAfterCommit(c, e.getKey(), e.getValue());
            }
            return loaded;
        } catch (SQLException e) {
            failure = SqlFailure.of(current == null ? "restore failed; nothing was changed"
                    : "restore of table " + current + " failed; nothing was changed", e);
            rollback(c, failure);
            throw failure;
        } catch (RuntimeException e) {
            failure = e;
            rollback(c, e);
            throw e;
        } finally {
            for (int i = sessions.size() - 1; i >= 0; i--) {
                try {
                    sessions.get(i).end(c);
                } catch (SQLException | RuntimeException e) {
                    RuntimeException ended = e instanceof RuntimeException r ? r
                            : SqlFailure.of("switching foreign keys back on after the restore failed", (SQLException) e);
                    if (failure == null) {
                        failure = ended;
                    } else {
                        failure.addSuppressed(ended);
                    }
                }
            }
            try {
                store.release(c, false);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e); // the restore's own failure is the one to report
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * The tables grouped by the schema they lie in, each under its own unqualified name, as the dialect's
     * per-schema statements (triggers, counters) need them.
     */
    private Map<String, List<TableSchema>> bySchema(List<TableSchema> tables) {
        Map<String, List<TableSchema>> out = new LinkedHashMap<>();
        for (TableSchema t : tables) {
            TableId id = TableId.parse(t.name());
            out.computeIfAbsent(store.schemaOf(id), k -> new ArrayList<>())
                    .add(new TableSchema(id.table(), t.columns(), t.primaryKey(), t.foreignKeys()));
        }
        return out;
    }

    /**
     * With foreign keys on, deleting a loaded table's rows would cascade into, or set NULL in, the tables that
     * reference it: refused up front when one of those lies outside the load.
     */
    private void refuseReachingOtherTables(List<TableSchema> tables) {
        Set<String> loaded = new LinkedHashSet<>();
        tables.forEach(t -> loaded.add(t.name()));
        Set<String> reached = new LinkedHashSet<>();
        for (TableSchema other : store.describe().tables()) {
            if (loaded.contains(other.name())) {
                continue;
            }
            for (ForeignKey fk : other.foreignKeys()) {
                boolean intoLoad = store.describe().table(fk.referencedTable()).map(t -> loaded.contains(t.name()))
                        .orElse(false);
                if (intoLoad && !store.schema().blocksDelete(other.name(), fk.name())) {
                    reached.add(other.name());
                }
            }
        }
        if (!reached.isEmpty()) {
            throw new StorageException("replacing the rows of " + loaded + " would cascade into or set NULL in "
                    + reached + ", which the restore does not load, and this database user cannot switch foreign "
                    + "keys off for the load; restore those tables too, or restore as a user that may; nothing was "
                    + "changed");
        }
    }

    private void requireEmpty(Connection c, TableSchema t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + dialect.scanTarget(store.qualified(t)) + " LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                throw new StorageException("table " + t.name() + " is not empty; restore refuses to mix rows "
                        + "(choose replace to overwrite it)");
            }
        }
    }

    private static void rollback(Connection c, RuntimeException cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
