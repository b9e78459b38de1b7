package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.store.ColumnSchema;

/**
 * A statement under construction: SQL text made only of quoted identifiers and fixed keywords, plus the values
 * bound to its placeholders. Values never enter the text.
 */
final class SqlText {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> values = new ArrayList<>();
    private final List<ColumnSchema> columns = new ArrayList<>();

    SqlText append(String fragment) {
        sql.append(fragment);
        return this;
    }

    /** Appends a placeholder bound to {@code value}, converted as {@code column}'s type needs. */
    SqlText bind(Object value, ColumnSchema column) {
        sql.append('?');
        values.add(value);
        columns.add(column);
        return this;
    }

    SqlText append(SqlText other) {
        sql.append(other.sql);
        values.addAll(other.values);
        columns.addAll(other.columns);
        return this;
    }

    boolean isEmpty() {
        return sql.length() == 0;
    }

    PreparedStatement prepare(Connection c, Dialect dialect) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            for (int i = 0; i < values.size(); i++) {
                dialect.bind(ps, i + 1, values.get(i), columns.get(i));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return sql.toString();
    }
}
