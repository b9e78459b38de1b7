package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.compliancekit.store.ColumnSchema;

/**
 * The built-in PostgreSQL types whose binary COPY form {@link CopyBinaryBuffer} writes, each with its fixed type
 * oid. A table loads in binary only when every loaded column has one of these types exactly; any other type
 * (arrays, enums, domains, intervals, ranges, network and geometric types, ...) keeps the whole table on text COPY,
 * where the server's own input function reads each value.
 */
enum CopyBinaryType {
    INT2(21),
    INT4(23),
    INT8(20),
    FLOAT4(700),
    FLOAT8(701),
    BOOL(16),
    TEXT(25),
    VARCHAR(1043),
    BPCHAR(1042),
    BYTEA(17),
    DATE(1082),
    TIMESTAMP(1114),
    TIMESTAMPTZ(1184),
    TIME(1083),
    UUID(2950),
    NUMERIC(1700),
    JSON(114),
    JSONB(3802);

    private static final Map<Integer, CopyBinaryType> BY_OID = new HashMap<>();

    static {
        for (CopyBinaryType t : values()) {
            BY_OID.put(t.oid, t);
        }
    }

    private final int oid;

    CopyBinaryType(int oid) {
        this.oid = oid;
    }

    /**
     * Each column's binary type, in the order of {@code columns}, or {@code null} when one of them has none and the
     * table loads as text. The column's type oid in the server's catalog decides, not the type name the schema
     * reader reported: the driver names a serial column {@code serial}, and a domain or a user type by its bare
     * name, which may shadow a built-in one.
     */
    static List<CopyBinaryType> of(Connection c, String qualifiedTable, List<ColumnSchema> columns)
            throws SQLException {
        Map<String, Integer> oids = typeOids(c, qualifiedTable);
        List<CopyBinaryType> out = new ArrayList<>(columns.size());
        for (ColumnSchema column : columns) {
            CopyBinaryType t = BY_OID.get(oids.get(column.name()));
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    /**
     * Whether a value of {@code v}'s Java class is no reason to load as text: {@link CopyBinaryBuffer} takes it, or
     * the text path would fail on it too (a String for an integer, say, where binary's error names the column). A
     * restore decodes each column by the type the backup recorded; when that differs from the target column's (a
     * backup from another database product) a value may be of a class only the server's text input reads, such as
     * a String for a uuid, date or time column.
     */
    boolean accepts(Object v) {
        return acceptsAnything() || switch (this) {
            case FLOAT4, FLOAT8 -> v instanceof Number;
            case TEXT, VARCHAR, BPCHAR, JSON, JSONB -> v instanceof CharSequence || v instanceof Number
                    || v instanceof Boolean || v instanceof Character || v instanceof java.util.UUID
                    || v instanceof java.time.temporal.TemporalAccessor;
            case UUID -> v instanceof java.util.UUID;
            case DATE -> v instanceof java.time.LocalDate;
            case TIME -> v instanceof java.time.LocalTime;
            case TIMESTAMP -> v instanceof java.time.LocalDateTime;
            case TIMESTAMPTZ -> v instanceof java.time.OffsetDateTime;
            default -> false;
        };
    }

    /**
     * Whether {@link #accepts} is true for every value: binary COPY takes its classes, or the text path would fail
     * on the others too. A column of this type needs no sample.
     */
    boolean acceptsAnything() {
        return switch (this) {
            case INT2, INT4, INT8, BOOL, BYTEA, NUMERIC -> true;
            default -> false;
        };
    }

    private static Map<String, Integer> typeOids(Connection c, String qualifiedTable) throws SQLException {
        String sql = "SELECT attname, atttypid FROM pg_catalog.pg_attribute WHERE attrelid = CAST(CAST(? AS text) AS "
                + "regclass) AND attnum > 0 AND NOT attisdropped";
        Map<String, Integer> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, qualifiedTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), (int) rs.getLong(2));
                }
            }
        }
        return out;
    }
}
