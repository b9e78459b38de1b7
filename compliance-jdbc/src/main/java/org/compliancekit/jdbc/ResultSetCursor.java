package org.compliancekit.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.compliancekit.StorageException;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;

/**
 * A {@link RowCursor} over an open result set. The driver fetches rows in chunks of the statement's fetch size,
 * so memory stays bounded whatever the table's size.
 */
final class ResultSetCursor implements RowCursor {
    private final Dialect dialect;
    private final String table;
    private final PreparedStatement statement;
    private final ResultSet rs;
    private final List<ColumnSchema> columns;
    private final List<String> names;
    private boolean closed;

    ResultSetCursor(Dialect dialect, String table, PreparedStatement statement, List<ColumnSchema> columns)
            throws SQLException {
        this.dialect = dialect;
        this.table = table;
        this.statement = statement;
        this.columns = columns;
        this.names = columns.stream().map(ColumnSchema::name).toList();
        this.rs = statement.executeQuery();
    }

    @Override
    public List<String> columns() {
        return names;
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        try {
            if (!rs.next()) {
                close();
                return null;
            }
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = dialect.read(rs, i + 1, columns.get(i));
            }
            return row;
        } catch (SQLException e) {
            close();
            throw SqlFailure.of("reading table " + table + " failed", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rs.close();
            statement.close();
        } catch (SQLException e) {
            throw new StorageException("closing the cursor over table " + table + " failed (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }
}
