package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import org.compliancekit.StorageException;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/**
 * PostgreSQL: {@code COPY} for restores, {@code ONLY} for scans (a parent table's scan must not include the rows
 * of tables inheriting from it), typed binding for json, enums and domains.
 */
final class PostgresDialect extends Dialect {

    PostgresDialect() {
        super(DatabaseProduct.POSTGRESQL);
    }

    @Override
    boolean isSystemSchema(String schema) {
        // pg_catalog, pg_toast, pg_temp_N, pg_toast_temp_N: names starting pg_ are reserved for the system.
        return schema.startsWith("pg_") || schema.equals("information_schema");
    }

    @Override
    String scanTarget(String qualifiedTable) {
        return "ONLY " + qualifiedTable;
    }

    @Override
    void beginSnapshot(Connection c) throws SQLException {
        super.beginSnapshot(c);
        // The snapshot of a REPEATABLE READ transaction is taken at its first statement: take it now, so the view
        // shows the state at the moment it was opened.
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    @Override
    String exportSnapshot(Connection c) throws SQLException {
        // valid until the exporting transaction ends; the view that exported it stays open until its siblings close
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    void importSnapshot(Connection c, String snapshotId) throws SQLException {
        if (!snapshotId.matches("[0-9A-Fa-f]+(-[0-9A-Fa-f]+)+")) {
            // inlined below (SET TRANSACTION takes no parameters), so it must be what the server hands out
            throw new StorageException("the database exported a snapshot id of an unexpected form; the backup reads "
                    + "over one connection");
        }
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try (Statement s = c.createStatement()) {
            // the first statement of the transaction: a query before it would have taken a snapshot of its own
            s.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
        }
    }

    @Override
    SqlType typeOf(int jdbcType, String typeName) {
        if (jdbcType == Types.ARRAY || typeName.startsWith("_")) {
            return SqlType.ARRAY;
        }
        String n = typeName.toLowerCase(Locale.ROOT);
        if (n.equals("bit") || n.equals("varbit") || n.equals("money")) {
            // bit strings of any length and locale-formatted money: their text is their exact value
            return SqlType.OTHER;
        }
        SqlType named = byName(n);
        if (named != null) {
            return named;
        }
        // Enums, intervals, network types, ranges...: kept as their text form, which COPY reads back exactly.
        return jdbcType == Types.VARCHAR || jdbcType == Types.OTHER || jdbcType == Types.DISTINCT ? SqlType.OTHER
                : byJdbcType(jdbcType);
    }

    @Override
    Object read(ResultSet rs, int i, ColumnSchema c) throws SQLException {
        switch (c.type()) {
            case TIMESTAMP_TZ, TIMESTAMP, DATE -> {
                // the common forms read here; infinity, BC and the like through the driver as before
                String s = rs.getString(i);
                if (s == null) {
                    return null;
                }
                Object fast = switch (c.type()) {
                    case TIMESTAMP_TZ -> PostgresTemporals.timestampTz(s);
                    case TIMESTAMP -> PostgresTemporals.timestamp(s);
                    default -> PostgresTemporals.date(s);
                };
                return fast != null ? fast : super.read(rs, i, c);
            }
            default -> {
            }
        }
        if (c.type() == SqlType.DECIMAL) {
            // numeric also holds NaN and, from PostgreSQL 14, ±Infinity, which BigDecimal cannot.
            String s = rs.getString(i);
            return s == null ? null : PostgresText.decimal(s);
        }
        if (c.type() == SqlType.ARRAY && PostgresText.isTemporal(c.elementType())) {
            // The driver turns timestamp elements into java.sql.Timestamp in the JVM's zone, which moves a
            // local time that zone skips (02:30 on a spring-forward day); the array's text keeps it.
            String s = rs.getString(i);
            return s == null ? null : PostgresText.array(s, c.elementType());
        }
        return super.read(rs, i, c);
    }

    @Override
    String elementTypeName(String nativeType) {
        return nativeType.startsWith("_") ? nativeType.substring(1) : nativeType;
    }

    @Override
    void bindJson(PreparedStatement ps, int i, String json) throws SQLException {
        ps.setObject(i, json, Types.OTHER);
    }

    @Override
    void bindOther(PreparedStatement ps, int i, String value) throws SQLException {
        // Sent untyped, so the server converts the text to the column's own type (enum, domain, interval, ...).
        ps.setObject(i, value, Types.OTHER);
    }

    @Override
    LoadSession beforeLoad(Connection c, String schema, List<TableSchema> tables) throws SQLException {
        // Replica mode switches off ordinary triggers and the foreign key triggers: rows of a cycle load in any
        // order, and a delete cascades to or nulls no other table. COPY never fires rules. SET LOCAL ends with the
        // transaction. Setting it needs superuser rights or, from PostgreSQL 15, GRANT SET ON PARAMETER
        // session_replication_role; without them a restore proceeds only when no loaded table has an enabled user
        // trigger, and foreign keys stay checked.
        Savepoint sp = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL session_replication_role = replica");
            c.releaseSavepoint(sp);
            return LoadSession.foreignKeysOff(x -> { });
        } catch (SQLException e) {
            c.rollback(sp);
            refuseTriggers(c, schema, tables);
            return LoadSession.CHECKED;
        }
    }

    private static void refuseTriggers(Connection c, String schema, List<TableSchema> tables) throws SQLException {
        String sql = "SELECT count(*) FROM pg_trigger g JOIN pg_class r ON r.oid = g.tgrelid "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace "
                + "WHERE NOT g.tgisinternal AND g.tgenabled <> 'D' AND n.nspname = ? AND r.relname = ?";
        refuseTriggers(c, schema, tables, sql, "this database user may not set session_replication_role to "
                + "switch them off: restore as a superuser, GRANT SET ON PARAMETER session_replication_role, or "
                + "disable the table's triggers for the restore");
    }

    @Override
    long loadRows(Connection c, String qualifiedTable, TableSchema table, RowCursor rows, int batchSize)
            throws SQLException {
        return new PostgresCopyLoader(this).load(c, qualifiedTable, table, rows);
    }

    @Override
    void resetCountersInTransaction(Connection c, String schema, List<TableSchema> tables) throws SQLException {
        // setval is not undone by a rollback, so it runs last; a later failure leaves a counter only moved ahead.
        for (TableSchema t : tables) {
            String qualified = qualified(schema, t.name());
            for (ColumnSchema col : t.columns()) {
                if (!col.autoIncrement()) {
                    continue;
                }
                String sql = "SELECT setval(s, COALESCE(m, 1), m IS NOT NULL) FROM (SELECT pg_get_serial_sequence(?, ?) s, "
                        + "(SELECT MAX(" + quote(col.name()) + ") FROM " + qualified + ") m) x WHERE s IS NOT NULL";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, qualified);
                    ps.setString(2, col.name());
                    ps.executeQuery().close();
                }
            }
        }
    }

    @Override
    String utcNow() {
        return "timezone('utc', CURRENT_TIMESTAMP)";
    }

    @Override
    String utcNowPlusMillis() {
        return "timezone('utc', CURRENT_TIMESTAMP) + CAST(? AS BIGINT) * INTERVAL '1 millisecond'";
    }

    @Override
    boolean updatesFromCte() {
        return true;
    }

    @Override
    String keyArrayType(ColumnSchema key) {
        return switch (key.type()) {
            case SMALLINT -> "int2";
            case INTEGER -> "int4";
            case BIGINT -> "int8";
            case DECIMAL -> "numeric";
            case TEXT -> "text";
            case UUID -> "uuid";
            default -> null;
        };
    }

    /**
     * {@code UPDATE t SET c = v.c0 FROM unnest(?, ?) v(k0, c0) WHERE t.k = v.k0}: one typed array per column, so the
     * statement has the same few parameters and plan whatever the batch size. Columns without an array type here
     * go through {@code (VALUES (?, ?), …)} instead, each new value cast to its column's type; columns bound as
     * untyped text are left to the batch of single-row updates.
     */
    @Override
    SqlText updateFromRows(String target, List<ColumnSchema> keys, List<ColumnSchema> set, List<Object[]> rows) {
        if (bindsColumnArrays(keys, set)) {
            return updateFromColumnArrays(target, keys, set, rows, List.of());
        }
        if (!plainlyTyped(keys) || !plainlyTyped(set)) {
            return null;
        }
        SqlText sql = new SqlText().append("UPDATE " + target + " AS t SET ");
        for (int i = 0; i < set.size(); i++) {
            // a VALUES column of NULLs only has type text: cast to the column's own type
            sql.append(sep(i) + quote(set.get(i).name()) + " = CAST(v.c" + i + " AS " + quote(set.get(i).nativeType())
                    + ")");
        }
        sql.append(" FROM (VALUES ");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(sep(r) + "(");
            bindRow(sql, rows.get(r), keys, set, false);
            sql.append(")");
        }
        return fromRowsEnd(sql.append(")"), keys, set);
    }

    @Override
    boolean bindsColumnArrays(List<ColumnSchema> keys, List<ColumnSchema> set) {
        return plainlyTyped(keys) && plainlyTyped(set) && keys.stream().allMatch(c -> keyArrayType(c) != null)
                && set.stream().allMatch(c -> keyArrayType(c) != null);
    }

    @Override
    SqlText updateFromColumnArrays(String target, List<ColumnSchema> keys, List<ColumnSchema> set, List<Object[]> rows,
            List<SqlText> constants) {
        SqlText sql = new SqlText().append("UPDATE " + target + " AS " + UPDATE_FROM_ROWS_ALIAS + " SET ");
        for (int i = 0; i < set.size(); i++) {
            sql.append(sep(i) + quote(set.get(i).name()) + " = v.c" + i);
        }
        for (int i = 0; i < constants.size(); i++) {
            sql.append(sep(set.size() + i)).append(constants.get(i));
        }
        List<ColumnSchema> all = new java.util.ArrayList<>(keys);
        all.addAll(set);
        sql.append(" FROM unnest(");
        for (int i = 0; i < all.size(); i++) {
            ColumnSchema c = all.get(i);
            ColumnSchema array = new ColumnSchema(c.name(), SqlType.ARRAY, "_" + keyArrayType(c), true, 0, 0,
                    c.type(), false);
            int column = i;
            sql.append(sep(i)).bind(rows.stream().map(r -> r[column]).toList(), array);
        }
        return fromRowsEnd(sql.append(")"), keys, set);
    }

    /** {@code AS v(k0, …, c0, …) WHERE t.k = v.k0 …}: the end of both forms. */
    private SqlText fromRowsEnd(SqlText sql, List<ColumnSchema> keys, List<ColumnSchema> set) {
        sql.append(" AS v(");
        for (int i = 0; i < keys.size() + set.size(); i++) {
            sql.append(sep(i) + rowAlias(i, keys.size()));
        }
        return sql.append(") WHERE ").append(keyJoin(keys));
    }
}
