package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.TableSchema;

/**
 * Restores rows with one prepared INSERT sent in batches of a bounded size (MariaDB Connector/J 3.x sends a
 * batch as one bulk command; H2 runs it in-process).
 */
final class BatchInserter {
    private final Dialect dialect;

    BatchInserter(Dialect dialect) {
        this.dialect = dialect;
    }

    long load(Connection c, String qualifiedTable, TableSchema table, RowCursor rows, int batchSize) throws SQLException {
        List<ColumnSchema> columns = LoadColumns.of(table, rows.columns());
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualifiedTable).append(" (")
                .append(LoadColumns.list(dialect, columns)).append(") VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(')');
        long n = 0;
        int pending = 0;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                LoadColumns.checkWidth(table, row, columns.size(), n + 1);
                for (int i = 0; i < row.length; i++) {
                    dialect.bind(ps, i + 1, row[i], columns.get(i));
                }
                ps.addBatch();
                n++;
                if (++pending == batchSize) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return n;
    }
}
