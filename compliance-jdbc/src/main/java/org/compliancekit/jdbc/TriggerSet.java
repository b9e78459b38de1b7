package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.StorageException;
import org.compliancekit.store.TableSchema;

/**
 * The MariaDB/MySQL triggers of the tables a restore loads, saved with their SQL mode and dropped so that they do
 * not fire on restored rows, then created again in their original order. Every DDL statement here commits, so the
 * set is dropped before the restore transaction starts and recreated after it ends.
 */
final class TriggerSet {
    private static final String LIST = "SELECT TRIGGER_NAME, SQL_MODE FROM information_schema.TRIGGERS "
            + "WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ? "
            + "ORDER BY EVENT_MANIPULATION, ACTION_TIMING, ACTION_ORDER";

    private final String schema;
    private final List<Trigger> dropped = new ArrayList<>();
    private boolean recreated;

    private record Trigger(String name, String sqlMode, String definition) {
    }

    private TriggerSet(String schema) {
        this.schema = schema;
    }

    /** Saves and drops every trigger of {@code tables}; on failure recreates the ones already dropped. */
    static TriggerSet dropFrom(Connection c, String schema, List<TableSchema> tables, Dialect dialect)
            throws SQLException {
        TriggerSet set = new TriggerSet(schema);
        List<Trigger> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            for (TableSchema t : tables) {
                ps.setString(1, schema);
                ps.setString(2, t.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Trigger(rs.getString(1), rs.getString(2), null));
                    }
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (Trigger t : found) {
                String qualified = dialect.qualified(schema, t.name());
                String definition;
                try (ResultSet rs = s.executeQuery("SHOW CREATE TRIGGER " + qualified)) {
                    rs.next();
                    definition = rs.getString("SQL Original Statement");
                }
                s.execute("DROP TRIGGER " + qualified);
                set.dropped.add(new Trigger(t.name(), t.sqlMode(), definition));
            }
        } catch (SQLException e) {
            set.recreate(c, e);
            throw e;
        }
        return set;
    }

    /**
     * Creates the dropped triggers again, once. A trigger that cannot be created is reported with its definition so
     * it can be created by hand: attached to {@code primary} when there is one, thrown otherwise.
     */
    void recreate(Connection c, Exception primary) {
        if (recreated || dropped.isEmpty()) {
            return;
        }
        recreated = true;
        List<String> failed = new ArrayList<>();
        SQLException first = null;
        try {
            String catalog = c.getCatalog();
            String mode;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
                rs.next();
                mode = rs.getString(1);
            }
            // The saved definitions name tables without their database, as they were written.
            c.setCatalog(schema);
            try (PreparedStatement setMode = c.prepareStatement("SET SESSION sql_mode = ?");
                    Statement s = c.createStatement()) {
                for (Trigger t : dropped) {
                    try {
                        setMode.setString(1, t.sqlMode());
                        setMode.execute();
                        s.execute(t.definition());
                    } catch (SQLException e) {
                        first = first == null ? e : first;
                        failed.add(t.name() + ": " + t.definition());
                    }
                }
                setMode.setString(1, mode);
                setMode.execute();
            } finally {
                if (catalog != null) {
                    c.setCatalog(catalog);
                }
            }
        } catch (SQLException e) {
            first = first == null ? e : first;
            if (failed.isEmpty()) {
                dropped.forEach(t -> failed.add(t.name() + ": " + t.definition()));
            }
        }
        if (!failed.isEmpty()) {
            StorageException e = SqlFailure.of("the triggers dropped for the restore of " + schema + " could not all be "
                    + "created again; create them by hand: " + String.join("; ", failed), first);
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                throw e;
            }
        }
    }
}
