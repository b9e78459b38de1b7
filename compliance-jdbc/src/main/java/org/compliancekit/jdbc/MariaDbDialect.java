package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import org.compliancekit.StorageException;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/**
 * MariaDB and MySQL: a database is a catalog, snapshots start with {@code START TRANSACTION WITH CONSISTENT
 * SNAPSHOT}, restores use batched inserts.
 *
 * <p>Generated-value counters need no reset: InnoDB moves an AUTO_INCREMENT counter past every explicit value
 * inserted, and {@code ALTER TABLE … AUTO_INCREMENT} would commit the restore transaction halfway.
 */
final class MariaDbDialect extends Dialect {

    MariaDbDialect(DatabaseProduct product) {
        super(product);
    }

    @Override
    String currentSchema(Connection c) throws SQLException {
        return c.getCatalog();
    }

    /** A schema is a database here: a store reads only its own unless told otherwise. */
    @Override
    List<String> otherSchemas(Connection c) {
        return List.of();
    }

    @Override
    String metadataCatalog(String schema) {
        return schema;
    }

    @Override
    String metadataSchema(String schema) {
        return null;
    }

    @Override
    void beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = c.createStatement()) {
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
    }

    @Override
    List<ColumnSchema> refineColumns(Connection c, String schema, String table, List<ColumnSchema> columns)
            throws SQLException {
        // The driver reports BIT(n) as one bit, TIME (a duration from -838:59:59 to 838:59:59) as a time of day
        // and spatial types as text; the server's own column types say what they are. TINYINT(1), what BOOLEAN
        // declares, stays a boolean; read() refuses one holding another number than 0 or 1.
        Map<String, String[]> types = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), new String[] {rs.getString(2).toLowerCase(Locale.ROOT), rs.getString(3)});
                }
            }
        }
        List<ColumnSchema> out = new ArrayList<>(columns.size());
        for (ColumnSchema col : columns) {
            String[] t = types.get(col.name());
            SqlType type = t == null ? null : switch (t[0]) {
                case "bit" -> t[1].equalsIgnoreCase("bit(1)") ? SqlType.BOOLEAN : SqlType.BINARY;
                case "time" -> SqlType.OTHER;
                case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                        "geometrycollection" -> SqlType.BINARY;
                default -> null;
            };
            if (type == null && t != null && t[0].equals("tinyint") && col.type() == SqlType.BOOLEAN) {
                type = SqlType.BOOLEAN; // the native type name then says TINYINT(1), which read() checks
            }
            out.add(type == null ? col : new ColumnSchema(col.name(), type, t[1], col.nullable(),
                    type == SqlType.BINARY ? 0 : col.size(), col.scale(), null, col.autoIncrement()));
        }
        return out;
    }

    @Override
    String selectExpression(String ref, ColumnSchema c) {
        // The driver converts DATETIME and TIMESTAMP values through the JVM's time zone, which moves a local time
        // that zone skips (02:30 on a spring-forward day in Europe/Berlin); the server's text keeps it.
        return c.type() == SqlType.TIMESTAMP ? "CAST(" + ref + " AS CHAR)" : ref;
    }

    @Override
    SqlType typeOf(int jdbcType, String typeName) {
        String n = typeName.toLowerCase(Locale.ROOT);
        if (jdbcType == Types.BIT || jdbcType == Types.BOOLEAN) {
            return SqlType.BOOLEAN; // TINYINT(1) and BIT(1), as the driver reports them
        }
        if (n.endsWith(" unsigned")) {
            String base = n.substring(0, n.length() - " unsigned".length());
            return switch (base) {
                case "tinyint" -> SqlType.SMALLINT;
                case "smallint", "mediumint" -> SqlType.INTEGER;
                case "int", "integer" -> SqlType.BIGINT;
                case "bigint" -> SqlType.DECIMAL;
                default -> byJdbcType(jdbcType);
            };
        }
        if (n.equals("year")) {
            return SqlType.SMALLINT;
        }
        if (n.equals("float")) {
            return SqlType.REAL;
        }
        if (n.equals("enum") || n.equals("set")) {
            return SqlType.OTHER;
        }
        return super.typeOf(jdbcType, typeName);
    }

    @Override
    Object read(ResultSet rs, int i, ColumnSchema c) throws SQLException {
        if (c.type() == SqlType.BOOLEAN && c.nativeType().toLowerCase(Locale.ROOT).startsWith("tinyint")) {
            short v = rs.getShort(i);
            if (rs.wasNull()) {
                return null;
            }
            if (v != 0 && v != 1) {
                // The value is not quoted: a message must never carry row data.
                throw new StorageException("column " + c.name() + " is TINYINT(1), which this library reads as a "
                        + "boolean, but it holds a number other than 0 and 1; the table is not backed up rather "
                        + "than backed up with a different value: declare the column TINYINT (without the (1)) "
                        + "if it holds numbers");
            }
            return v == 1;
        }
        if (c.type() == SqlType.TIMESTAMP) {
            String s = rs.getString(i);
            return s == null ? null : LocalDateTime.parse(s.replace(' ', 'T'));
        }
        if (c.type() == SqlType.UUID) {
            String s = rs.getString(i);
            return s == null ? null : UUID.fromString(s);
        }
        if (c.type() == SqlType.DECIMAL && c.scale() == 0 && c.nativeType().toLowerCase(Locale.ROOT).startsWith("bigint")) {
            return rs.getBigDecimal(i);
        }
        return super.read(rs, i, c);
    }

    @Override
    void bindUuid(PreparedStatement ps, int i, UUID value) throws SQLException {
        ps.setString(i, value.toString());
    }

    @Override
    LoadSession beforeLoad(Connection c, String schema, List<TableSchema> tables) throws SQLException {
        // MariaDB cannot switch triggers off for one session. They are saved, dropped before the restore
        // transaction starts (DROP TRIGGER commits, and nothing is in the transaction yet) and created again after
        // it ends, committed or not. FOREIGN_KEY_CHECKS=0 lets rows of a cycle load in any order and keeps deletes
        // from cascading into other tables; it is session scope and switched back on at the end.
        TriggerSet triggers = TriggerSet.dropFrom(c, schema, tables, this);
        try (Statement s = c.createStatement()) {
            s.execute("SET FOREIGN_KEY_CHECKS = 0");
        } catch (SQLException e) {
            triggers.recreate(c, e);
            throw e;
        }
        return LoadSession.foreignKeysOff(x -> {
            SQLException failure = null;
            try (Statement s = x.createStatement()) {
                s.execute("SET FOREIGN_KEY_CHECKS = 1");
            } catch (SQLException e) {
                failure = e;
            }
            triggers.recreate(x, failure);
            if (failure != null) {
                throw failure;
            }
        });
    }

    @Override
    long loadRows(Connection c, String qualifiedTable, TableSchema table, RowCursor rows, int batchSize)
            throws SQLException {
        List<ColumnSchema> columns = LoadColumns.of(table, rows.columns());
        if (MariaDbInfileLoader.supports(c, columns)) {
            return new MariaDbInfileLoader(this).load(c, qualifiedTable, table, columns, rows);
        }
        return super.loadRows(c, qualifiedTable, table, rows, batchSize);
    }

    @Override
    void resetCountersInTransaction(Connection c, String schema, List<TableSchema> tables) {
        // InnoDB already moved each counter past the largest inserted value.
    }

    @Override
    String utcNow() {
        return "UTC_TIMESTAMP(3)";
    }

    @Override
    String utcNowPlusMillis() {
        return "TIMESTAMPADD(MICROSECOND, ? * 1000, UTC_TIMESTAMP(3))";
    }

    /**
     * {@code UPDATE t JOIN (SELECT ? AS k0, ? AS c0 UNION ALL SELECT ?, ? …) v ON t.k0 = v.k0 SET t.c = v.c0}:
     * a derived table of the rows, joined on the key, in one statement.
     */
    @Override
    SqlText updateFromRows(String target, List<ColumnSchema> keys, List<ColumnSchema> set, List<Object[]> rows) {
        if (!plainlyTyped(keys) || !plainlyTyped(set)) {
            return null;
        }
        SqlText sql = new SqlText().append("UPDATE " + target + " t JOIN (");
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "SELECT " : " UNION ALL SELECT ");
            bindRow(sql, rows.get(r), keys, set, r == 0);
        }
        sql.append(") v ON ");
        sql.append(keyJoin(keys));
        sql.append(" SET ");
        for (int i = 0; i < set.size(); i++) {
            sql.append(sep(i) + "t." + quote(set.get(i).name()) + " = v.c" + i);
        }
        return sql;
    }
}
