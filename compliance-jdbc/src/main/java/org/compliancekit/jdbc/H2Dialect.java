package org.compliancekit.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.TableSchema;

/** H2 2.x: standard SQL with its own table type names and JSON binding. */
final class H2Dialect extends Dialect {

    H2Dialect() {
        super(DatabaseProduct.H2);
    }

    @Override
    String[] tableTypes() {
        return new String[] {"BASE TABLE", "TABLE"};
    }

    @Override
    void beginSnapshot(Connection c) throws SQLException {
        // H2's REPEATABLE READ fixes each table's state at its first read; SERIALIZABLE fixes the whole database
        // at the transaction's first statement, which the probe below runs now.
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        c.setReadOnly(true);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    @Override
    void bindJson(PreparedStatement ps, int i, String json) throws SQLException {
        // A string bound to a JSON column becomes a JSON string literal; bytes are read as JSON text.
        ps.setBytes(i, json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    LoadSession beforeLoad(Connection c, String schema, List<TableSchema> tables) throws SQLException {
        refuseInsertTriggers(c, schema, tables,
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? "
                        + "AND EVENT_OBJECT_TABLE = ? AND EVENT_MANIPULATION = 'INSERT'");
        // H2 has no session-scoped switch: REFERENTIAL_INTEGRITY is database-wide and commits, which is harmless
        // here because the restore transaction has not done anything yet. It needs admin rights; without them
        // foreign keys stay checked.
        try (Statement s = c.createStatement()) {
            s.execute("SET REFERENTIAL_INTEGRITY FALSE");
            return LoadSession.foreignKeysOff(x -> {
                try (Statement on = x.createStatement()) {
                    on.execute("SET REFERENTIAL_INTEGRITY TRUE");
                }
            });
        } catch (SQLException e) {
            return LoadSession.CHECKED;
        }
    }

    @Override
    void resetCountersInTransaction(Connection c, String schema, List<TableSchema> tables) {
        // H2 changes identity columns with ALTER TABLE, which commits; see resetCountersAfterCommit.
    }

    @Override
    void resetCountersAfterCommit(Connection c, String schema, List<TableSchema> tables) throws SQLException {
        for (TableSchema t : tables) {
            String qualified = qualified(schema, t.name());
            for (ColumnSchema col : t.columns()) {
                if (col.autoIncrement()) {
                    Long max = max(c, qualified, quote(col.name()));
                    if (max != null) {
                        try (Statement s = c.createStatement()) {
                            s.execute("ALTER TABLE " + qualified + " ALTER COLUMN " + quote(col.name())
                                    + " RESTART WITH " + (max + 1));
                        }
                    }
                }
            }
        }
    }
}
