package org.compliancekit.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.compliancekit.StorageException;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/**
 * What differs between databases: identifier quoting, type mapping, value conversion, snapshots and bulk loading.
 * The defaults suit H2 and standard SQL; each product overrides what it does differently.
 */
abstract class Dialect {
    private final DatabaseProduct product;

    Dialect(DatabaseProduct product) {
        this.product = product;
    }

    static Dialect of(DatabaseProduct product) {
        return switch (product) {
            case POSTGRESQL -> new PostgresDialect();
            case MARIADB, MYSQL -> new MariaDbDialect(product);
            case H2 -> new H2Dialect();
        };
    }

    DatabaseProduct product() {
        return product;
    }

    String quote(String identifier) {
        return product.quote(identifier);
    }

    /** The schema searched when none is configured. */
    String currentSchema(Connection c) throws SQLException {
        return c.getSchema();
    }

    /**
     * The schemas a store reads besides its default one when none are configured: every schema the connection
     * sees except the database's own ({@link #isSystemSchema}).
     */
    List<String> otherSchemas(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getSchemas()) {
            while (rs.next()) {
                String s = rs.getString("TABLE_SCHEM");
                if (s != null && !isSystemSchema(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** Whether {@code schema} belongs to the database itself (catalog, information schema): never backed up. */
    boolean isSystemSchema(String schema) {
        return schema.equals("INFORMATION_SCHEMA") || schema.equals("information_schema");
    }

    /** The catalog argument of {@link java.sql.DatabaseMetaData} calls for {@code schema}. */
    String metadataCatalog(String schema) {
        return null;
    }

    /** The schema argument of {@link java.sql.DatabaseMetaData} calls for {@code schema}. */
    String metadataSchema(String schema) {
        return schema;
    }

    /** Table types that hold their own rows (views and partitioned parents do not). */
    String[] tableTypes() {
        return new String[] {"TABLE"};
    }

    String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /** The FROM target of a scan; PostgreSQL narrows it to the table's own rows, without inheriting tables. */
    String scanTarget(String qualifiedTable) {
        return qualifiedTable;
    }

    /** Starts a read-only transaction that sees one snapshot for all following reads. */
    void beginSnapshot(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
    }

    /**
     * Makes the snapshot of the transaction {@link #beginSnapshot} started on {@code c} available to other
     * connections, returning its identifier; null when the database cannot share a snapshot between connections,
     * which is the default. MariaDB and MySQL cannot: {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} on two
     * connections gives two snapshots, equal only if nothing committed in between, which only a global read lock
     * ({@code FLUSH TABLES WITH READ LOCK}, stopping every writer) would ensure. H2 cannot either.
     */
    String exportSnapshot(Connection c) throws SQLException {
        return null;
    }

    /** Starts on {@code c} a read-only transaction that sees the snapshot {@link #exportSnapshot} named. */
    void importSnapshot(Connection c, String snapshotId) throws SQLException {
        throw new UnsupportedOperationException(product() + " shares no snapshot between connections");
    }

    // ---- types

    /**
     * Corrects what {@link java.sql.DatabaseMetaData} reports about a table's columns where the driver blurs the
     * database's own types; by default nothing.
     */
    List<ColumnSchema> refineColumns(Connection c, String schema, String table, List<ColumnSchema> columns)
            throws SQLException {
        return columns;
    }

    /** The expression a scan selects for column {@code c}, given as {@code ref}; by default the column itself. */
    String selectExpression(String ref, ColumnSchema c) {
        return ref;
    }

    /** The portable type of a column; {@code size} as metadata reports it (bits for a MariaDB BIT column). */
    SqlType typeOf(int jdbcType, String typeName, int size) {
        return typeOf(jdbcType, typeName);
    }

    SqlType typeOf(int jdbcType, String typeName) {
        SqlType named = byName(typeName.toLowerCase(Locale.ROOT));
        return named != null ? named : byJdbcType(jdbcType);
    }

    /** For ARRAY columns: the element type's native name, derived from the column's native type. */
    String elementTypeName(String nativeType) {
        String n = nativeType.trim();
        return n.toUpperCase(Locale.ROOT).endsWith(" ARRAY") ? n.substring(0, n.length() - " ARRAY".length()) : n;
    }

    /** The type of the innermost elements: arrays of arrays hold elements of one type at every depth. */
    SqlType elementTypeOf(String nativeType) {
        String n = elementTypeName(nativeType);
        while (n.toUpperCase(Locale.ROOT).endsWith(" ARRAY")) {
            n = elementTypeName(n);
        }
        SqlType t = byName(n.toLowerCase(Locale.ROOT));
        return t == null ? SqlType.OTHER : t;
    }

    static SqlType byName(String name) {
        return switch (name) {
            case "smallint", "int2", "tinyint", "smallserial" -> SqlType.SMALLINT;
            case "integer", "int", "int4", "serial", "mediumint" -> SqlType.INTEGER;
            case "bigint", "int8", "bigserial" -> SqlType.BIGINT;
            case "numeric", "decimal" -> SqlType.DECIMAL;
            case "real", "float4" -> SqlType.REAL;
            case "double precision", "float8", "double" -> SqlType.DOUBLE;
            case "boolean", "bool" -> SqlType.BOOLEAN;
            case "text", "varchar", "character varying", "char", "character", "bpchar", "clob",
                    "character large object", "longtext", "mediumtext", "tinytext" -> SqlType.TEXT;
            case "date" -> SqlType.DATE;
            case "time", "time without time zone" -> SqlType.TIME;
            case "timestamp", "timestamp without time zone", "datetime" -> SqlType.TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> SqlType.TIMESTAMP_TZ;
            case "uuid" -> SqlType.UUID;
            case "bytea", "binary varying", "varbinary", "binary", "blob", "binary large object", "longblob",
                    "mediumblob", "tinyblob" -> SqlType.BINARY;
            case "json", "jsonb" -> SqlType.JSON;
            default -> null;
        };
    }

    static SqlType byJdbcType(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT -> SqlType.SMALLINT;
            case Types.INTEGER -> SqlType.INTEGER;
            case Types.BIGINT -> SqlType.BIGINT;
            case Types.NUMERIC, Types.DECIMAL -> SqlType.DECIMAL;
            case Types.REAL -> SqlType.REAL;
            case Types.FLOAT, Types.DOUBLE -> SqlType.DOUBLE;
            case Types.BIT, Types.BOOLEAN -> SqlType.BOOLEAN;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> SqlType.TEXT;
            case Types.DATE -> SqlType.DATE;
            case Types.TIME -> SqlType.TIME;
            case Types.TIMESTAMP -> SqlType.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> SqlType.TIMESTAMP_TZ;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> SqlType.BINARY;
            case Types.ARRAY -> SqlType.ARRAY;
            default -> SqlType.OTHER;
        };
    }

    // ---- values

    /** Reads column {@code i} as the Java type {@link SqlType} assigns to {@code c}. */
    Object read(ResultSet rs, int i, ColumnSchema c) throws SQLException {
        Object v = switch (c.type()) {
            case SMALLINT -> rs.getShort(i);
            case INTEGER -> rs.getInt(i);
            case BIGINT -> rs.getLong(i);
            case DECIMAL -> rs.getBigDecimal(i);
            case REAL -> rs.getFloat(i);
            case DOUBLE -> rs.getDouble(i);
            case BOOLEAN -> rs.getBoolean(i);
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIME -> rs.getObject(i, LocalTime.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_TZ -> rs.getObject(i, OffsetDateTime.class);
            case UUID -> rs.getObject(i, UUID.class);
            case BINARY -> rs.getBytes(i);
            case ARRAY -> readArray(rs.getArray(i), c.elementType());
            case TEXT, JSON, OTHER -> rs.getString(i);
        };
        return rs.wasNull() ? null : v;
    }

    private List<Object> readArray(Array array, SqlType elementType) throws SQLException {
        if (array == null) {
            return null;
        }
        try {
            return elements((Object[]) array.getArray(), elementType);
        } finally {
            array.free();
        }
    }

    private List<Object> elements(Object[] raw, SqlType elementType) throws SQLException {
        List<Object> out = new ArrayList<>(raw.length);
        for (Object e : raw) {
            if (e instanceof Object[] nested) {
                out.add(elements(nested, elementType));
            } else if (e instanceof Array nested) { // H2 hands out an inner dimension as an Array of its own
                out.add(readArray(nested, elementType));
            } else {
                out.add(element(e, elementType));
            }
        }
        return out;
    }

    /** Normalizes an array element as the driver returns it to the Java type of {@code type}. */
    static Object element(Object e, SqlType type) {
        if (e == null) {
            return null;
        }
        return switch (type) {
            case SMALLINT -> ((Number) e).shortValue();
            case INTEGER -> ((Number) e).intValue();
            case BIGINT -> ((Number) e).longValue();
            case REAL -> ((Number) e).floatValue();
            case DOUBLE -> ((Number) e).doubleValue();
            case DECIMAL -> e instanceof BigDecimal b ? b : new BigDecimal(e.toString());
            case DATE -> e instanceof Date d ? d.toLocalDate() : e;
            case TIME -> e instanceof Time t ? t.toLocalTime() : e;
            case TIMESTAMP -> e instanceof Timestamp t ? t.toLocalDateTime() : e;
            case TIMESTAMP_TZ -> e instanceof Timestamp t ? t.toInstant().atOffset(ZoneOffset.UTC) : e;
            case UUID -> e instanceof UUID ? e : java.util.UUID.fromString(e.toString());
            case TEXT, JSON, OTHER -> e instanceof String ? e : e.toString();
            default -> e;
        };
    }

    /** Binds {@code v} to placeholder {@code i} as column {@code c} needs it; {@code c} null binds as is. */
    void bind(PreparedStatement ps, int i, Object v, ColumnSchema c) throws SQLException {
        if (c == null) {
            ps.setObject(i, v);
            return;
        }
        if (v == null) {
            ps.setNull(i, nullType(c.type()));
            return;
        }
        switch (c.type()) {
            case SMALLINT -> ps.setShort(i, v instanceof Boolean b ? (short) (b ? 1 : 0) : ((Number) v).shortValue());
            case INTEGER -> ps.setInt(i, ((Number) v).intValue());
            case BIGINT -> ps.setLong(i, ((Number) v).longValue());
            case DECIMAL -> ps.setBigDecimal(i, decimal((Number) v));
            case REAL -> ps.setFloat(i, ((Number) v).floatValue());
            case DOUBLE -> ps.setDouble(i, ((Number) v).doubleValue());
            case BOOLEAN -> ps.setBoolean(i, (Boolean) v);
            case TEXT -> ps.setString(i, v.toString());
            case BINARY -> ps.setBytes(i, (byte[]) v);
            case ARRAY -> ps.setArray(i, ps.getConnection().createArrayOf(elementTypeName(c.nativeType()),
                    arrayElements((List<?>) v, c.elementType())));
            case JSON -> bindJson(ps, i, v.toString());
            case OTHER -> bindOther(ps, i, v.toString());
            case UUID -> bindUuid(ps, i, v instanceof UUID u ? u : UUID.fromString(v.toString()));
            default -> ps.setObject(i, v);
        }
    }

    /**
     * The elements as a Java array for {@code createArrayOf}: typed ({@code String[]}, {@code Long[]}, …) when every
     * non-null element has one such class, which lets pgjdbc send the array in binary instead of building and
     * escaping its text literal; else {@code Object[]}, nested lists as nested arrays.
     */
    Object[] arrayElements(List<?> list, SqlType elementType) {
        Class<?> common = null;
        for (Object e : list) {
            if (e == null) {
                continue;
            }
            if (common == null) {
                common = e.getClass();
            } else if (common != e.getClass()) {
                common = Object.class;
                break;
            }
        }
        if (common == String.class || common == Long.class || common == Integer.class || common == Short.class
                || common == Double.class || common == Float.class || common == Boolean.class) {
            return list.toArray((Object[]) java.lang.reflect.Array.newInstance(common, list.size()));
        }
        return list.stream().map(e -> e instanceof List<?> nested ? arrayElements(nested, elementType) : e).toArray();
    }

    void bindJson(PreparedStatement ps, int i, String json) throws SQLException {
        ps.setString(i, json);
    }

    void bindOther(PreparedStatement ps, int i, String value) throws SQLException {
        ps.setString(i, value);
    }

    void bindUuid(PreparedStatement ps, int i, UUID value) throws SQLException {
        ps.setObject(i, value);
    }

    int nullType(SqlType type) {
        return switch (type) {
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case TEXT -> Types.VARCHAR;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMP_TZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case BINARY -> Types.VARBINARY;
            case ARRAY -> Types.ARRAY;
            default -> Types.OTHER;
        };
    }

    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        return n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
    }

    // ---- restore

    /**
     * Prepares {@code c} for loading {@code tables}, before the restore transaction has done anything: the
     * target's own triggers must not change, double or move a loaded row, and foreign keys must neither reject a
     * row of a cycle nor cascade a delete into another table. What it changed is undone by
     * {@link LoadSession#end}, which runs after commit or rollback in every case.
     */
    abstract LoadSession beforeLoad(Connection c, String schema, List<TableSchema> tables) throws SQLException;

    /** Writes every row of {@code rows} into {@code table}; returns the number written. */
    long loadRows(Connection c, String qualifiedTable, TableSchema table, RowCursor rows, int batchSize)
            throws SQLException {
        return new BatchInserter(this).load(c, qualifiedTable, table, rows, batchSize);
    }

    /** Moves generated-value counters past the loaded values, inside the restore transaction. */
    abstract void resetCountersInTransaction(Connection c, String schema, List<TableSchema> tables) throws SQLException;

    /**
     * Moves generated-value counters past the loaded values after commit, for databases whose statement for it is
     * DDL that would end the restore transaction early.
     */
    void resetCountersAfterCommit(Connection c, String schema, List<TableSchema> tables) throws SQLException {
    }

    /**
     * Fails when {@code countSql} (parameters: schema, table) finds triggers on one of {@code tables}: a trigger
     * firing on restored rows could change, double or move them.
     *
     * @param fix what the operator can do, appended to the message
     */
    static void refuseTriggers(Connection c, String schema, List<TableSchema> tables, String countSql, String fix)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(countSql)) {
            for (TableSchema t : tables) {
                ps.setString(1, schema);
                ps.setString(2, t.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        throw new StorageException("table " + t.name() + " has triggers that would fire on restored rows; " + fix);
                    }
                }
            }
        }
    }

    /** H2 cannot switch triggers off for one session: tables with INSERT triggers are refused. */
    static void refuseInsertTriggers(Connection c, String schema, List<TableSchema> tables, String countSql)
            throws SQLException {
        refuseTriggers(c, schema, tables, countSql, "drop its INSERT triggers for the restore and create them again afterwards");
    }

    /**
     * The element type name for binding a list of single-column keys as one array parameter, or null when the
     * database takes key lists as {@code IN (?, ?, …)}.
     */
    String keyArrayType(ColumnSchema key) {
        return null;
    }

    /**
     * Whether an UPDATE can run inside a {@code WITH} query and return rows ({@code RETURNING}), so that one
     * statement can find a page of rows, update it and report both.
     */
    boolean updatesFromCte() {
        return false;
    }

    /**
     * One statement setting columns {@code set} of the rows listed in {@code rows} (each row: the key values in
     * {@code keys} order, then the new values in {@code set} order), or null when the database takes such updates
     * as a batch of single-row statements. The caller keeps {@code rows} small enough for the database's parameter
     * limit.
     */
    SqlText updateFromRows(String target, List<ColumnSchema> keys, List<ColumnSchema> set, List<Object[]> rows) {
        return null;
    }

    /** The alias of the updated table in {@link #updateFromRows} and {@link #updateFromColumnArrays}. */
    static final String UPDATE_FROM_ROWS_ALIAS = "t";

    /**
     * Whether {@link #updateFromColumnArrays} can write rows of these key and value columns: each column's values
     * bound as one array parameter, so one statement takes any number of rows.
     */
    boolean bindsColumnArrays(List<ColumnSchema> keys, List<ColumnSchema> set) {
        return false;
    }

    /**
     * Like {@link #updateFromRows} with each column's values bound as one array, plus {@code constants}
     * ({@code col = …} over alias {@link #UPDATE_FROM_ROWS_ALIAS}) set on every row; only where
     * {@link #bindsColumnArrays} says so.
     */
    SqlText updateFromColumnArrays(String target, List<ColumnSchema> keys, List<ColumnSchema> set, List<Object[]> rows,
            List<SqlText> constants) {
        throw new UnsupportedOperationException(product() + " does not bind column arrays");
    }

    /**
     * Whether every column's values bind with a type the database infers without a cast (so a derived table of
     * bound values has the columns' types).
     */
    static boolean plainlyTyped(List<ColumnSchema> columns) {
        return columns.stream().allMatch(c -> switch (c.type()) {
            case ARRAY, JSON, OTHER -> false;
            default -> true;
        });
    }

    /**
     * Appends one row of {@link #updateFromRows}'s values, comma-separated; on the first row with {@code asAliases}
     * each value is followed by {@code AS k<i>} (key) or {@code AS c<i>} (new value).
     */
    static void bindRow(SqlText sql, Object[] row, List<ColumnSchema> keys, List<ColumnSchema> set, boolean asAliases) {
        for (int i = 0; i < row.length; i++) {
            sql.append(sep(i)).bind(row[i], i < keys.size() ? keys.get(i) : set.get(i - keys.size()));
            if (asAliases) {
                sql.append(" AS " + rowAlias(i, keys.size()));
            }
        }
    }

    /** {@code k<i>} for key values, {@code c<i>} for new values, in {@link #updateFromRows}'s derived table. */
    static String rowAlias(int i, int keyCount) {
        return i < keyCount ? "k" + i : "c" + (i - keyCount);
    }

    /** {@code t.a = v.k0 AND t.b = v.k1}: the target row of each derived row of {@link #updateFromRows}. */
    String keyJoin(List<ColumnSchema> keys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : " AND ").append(UPDATE_FROM_ROWS_ALIAS + ".").append(quote(keys.get(i).name())).append(" = v.k").append(i);
        }
        return sb.toString();
    }

    /** {@code , } between items after the first. */
    static String sep(int i) {
        return i == 0 ? "" : ", ";
    }

    // ---- database time, for the job lock

    /** SQL for the database's current UTC time as a timestamp without zone. */
    String utcNow() {
        return "LOCALTIMESTAMP(3)";
    }

    /** SQL for {@link #utcNow()} plus a bound number of milliseconds (one placeholder). */
    String utcNowPlusMillis() {
        return "DATEADD(MILLISECOND, ?, LOCALTIMESTAMP(3))";
    }

    void bindMillis(PreparedStatement ps, int i, long millis) throws SQLException {
        ps.setLong(i, millis);
    }

    /** {@code MAX(column)} of a table, or null for an empty table; counters are moved past it. */
    static Long max(Connection c, String qualifiedTable, String quotedColumn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(" + quotedColumn + ") FROM " + qualifiedTable);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
    }
}
