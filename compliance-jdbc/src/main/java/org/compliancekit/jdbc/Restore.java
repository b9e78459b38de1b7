package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancekit.StorageException;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.DataStore.LoadSource;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.TableSchema;

/**
 * One {@link org.compliancekit.store.DataStore#load} run: every table in one transaction on one connection, so a
 * failure anywhere rolls everything back and the target stays as it was.
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
        String schema = store.schema().name();
        Connection c = store.connect();
        boolean prepared = false;
        String current = null;
        RuntimeException failure = null;
        try {
            c.setAutoCommit(false);
            if (mode == LoadMode.REPLACE) {
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
            prepared = true;
            dialect.beforeLoad(c, schema, tables);
            Map<String, Long> loaded = new LinkedHashMap<>();
            for (TableSchema t : tables) {
                current = t.name();
                try (RowCursor rows = source.open(t.name())) {
                    loaded.put(t.name(), dialect.loadRows(c, store.qualified(t), t, rows, store.batchSize()));
                }
            }
            current = null;
            dialect.resetCountersInTransaction(c, schema, tables);
            c.commit();
            dialect.resetCountersAfterCommit(c, schema, tables);
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
            try {
                if (prepared) {
                    dialect.afterLoad(c);
                }
            } catch (SQLException e) {
                // The connection is closed next; a pool resets session settings or discards it.
            }
            try {
                store.release(c, false);
            } catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e); // the restore's own failure is the one to report
            }
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
