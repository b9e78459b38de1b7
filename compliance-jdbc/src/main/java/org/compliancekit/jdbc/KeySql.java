package org.compliancekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.compliancekit.ConfigurationException;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/** Primary key SQL for one table alias: ordering, keyset continuation and key lists, values bound. */
final class KeySql {
    private final Dialect dialect;
    private final TableSchema table;
    private final String alias;
    private final List<ColumnSchema> columns;

    KeySql(Dialect dialect, TableSchema table, String alias, String operation) {
        if (table.primaryKey().isEmpty()) {
            throw new ConfigurationException("table " + table.name() + " has no primary key, which " + operation
                    + " needs to address rows; add a primary key to the table");
        }
        this.dialect = dialect;
        this.table = table;
        this.alias = alias;
        this.columns = table.primaryKey().stream().map(c -> table.column(c).orElseThrow()).toList();
    }

    Dialect dialect() {
        return dialect;
    }

    List<ColumnSchema> columns() {
        return columns;
    }

    /** The key columns, comma-separated, for SELECT and ORDER BY. */
    String list() {
        StringBuilder sb = new StringBuilder();
        for (ColumnSchema c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(prefix()).append(dialect.quote(c.name()));
        }
        return sb.toString();
    }

    private String prefix() {
        return alias == null ? "" : alias + ".";
    }

    /** Rows after {@code key} in key order. */
    SqlText after(RowKey key) {
        SqlText sql = new SqlText().append(columns.size() == 1 ? list() : "(" + list() + ")").append(" > ");
        return tuple(sql, key);
    }

    /** Whether {@link #in} binds any number of keys as one array parameter, so key lists need no splitting. */
    boolean bindsOneArray() {
        return columns.size() == 1 && dialect.keyArrayType(columns.get(0)) != null;
    }

    /** Rows whose key is one of {@code keys} (not empty). */
    SqlText in(List<RowKey> keys) {
        if (bindsOneArray()) {
            String arrayType = dialect.keyArrayType(columns.get(0));
            // One array parameter instead of one per key: a statement text and plan shared by every batch.
            ColumnSchema c = columns.get(0);
            ColumnSchema array = new ColumnSchema(c.name(), SqlType.ARRAY, "_" + arrayType, false, 0, 0, c.type(), false);
            keys.forEach(this::check);
            return new SqlText().append(list() + " = ANY(").bind(keys.stream().map(k -> k.values().get(0)).toList(), array)
                    .append(")");
        }
        SqlText sql = new SqlText().append(columns.size() == 1 ? list() : "(" + list() + ")").append(" IN (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ");
            tuple(sql, keys.get(i));
        }
        return sql.append(")");
    }

    /** The row with exactly {@code key}, for per-row updates: {@code a = ? AND b = ?}. */
    SqlText equalTo(RowKey key) {
        SqlText sql = new SqlText();
        check(key);
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(prefix() + dialect.quote(columns.get(i).name()) + " = ")
                    .bind(key.values().get(i), columns.get(i));
        }
        return sql;
    }

    private SqlText tuple(SqlText sql, RowKey key) {
        check(key);
        if (columns.size() == 1) {
            return sql.bind(key.values().get(0), columns.get(0));
        }
        sql.append("(");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").bind(key.values().get(i), columns.get(i));
        }
        return sql.append(")");
    }

    private void check(RowKey key) {
        if (key.values().size() != columns.size()) {
            throw new IllegalArgumentException("a key of table " + table.name() + " needs " + columns.size()
                    + " values, got " + key.values().size());
        }
    }

    /** Reads the key of the current row from result columns {@code from..from+n-1}. */
    RowKey read(java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            values.add(dialect.read(rs, from + i, columns.get(i)));
        }
        return new RowKey(values);
    }
}
