package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every type each database has, loaded through the store and scanned back, then copied database to database
 * (backup and restore in miniature): the values come back equal, not close.
 */
class TypeFidelityTest {

    /** A column: its DDL type, its portable type, and the values of rows 1 and 2 (row 3 is all NULL). */
    record Col(String name, String ddl, SqlType type, Object first, Object second) {
    }

    private static final String TRICKY = "tab\there, new\nline, cr\r, back\\slash, \"quotes\", 'single', {braces}, "
            + "comma,  NULL, \\N, ünïcødé, 😀";
    private static final byte[] ALL_BYTES = allBytes();

    private static byte[] allBytes() {
        byte[] b = new byte[256];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static List<Col> columns(TestDatabase kind) {
        List<Col> common = List.of(
                new Col("c_smallint", "SMALLINT", SqlType.SMALLINT, Short.MIN_VALUE, Short.MAX_VALUE),
                new Col("c_integer", "INTEGER", SqlType.INTEGER, Integer.MIN_VALUE, Integer.MAX_VALUE),
                new Col("c_bigint", "BIGINT", SqlType.BIGINT, Long.MIN_VALUE, Long.MAX_VALUE),
                new Col("c_decimal", "DECIMAL(38,10)", SqlType.DECIMAL,
                        new BigDecimal("1234567890123456789012345678.0123456789"), new BigDecimal("-0.0000000001")),
                new Col("c_bool", "BOOLEAN", SqlType.BOOLEAN, true, false),
                new Col("c_varchar", "VARCHAR(200)", SqlType.TEXT, TRICKY, ""),
                new Col("c_char", "CHAR(5)", SqlType.TEXT, "ab cd", "12345"),
                new Col("c_date", "DATE", SqlType.DATE, LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31)));
        List<Col> out = new ArrayList<>(common);
        switch (kind) {
            case POSTGRES -> out.addAll(List.of(
                    new Col("c_real", "REAL", SqlType.REAL, Float.NaN, Float.MAX_VALUE),
                    new Col("c_double", "DOUBLE PRECISION", SqlType.DOUBLE, Double.POSITIVE_INFINITY, 0.1 + 0.2),
                    new Col("c_double_neg", "DOUBLE PRECISION", SqlType.DOUBLE, Double.NEGATIVE_INFINITY, Double.NaN),
                    new Col("c_text", "TEXT", SqlType.TEXT, TRICKY.repeat(50), "x"),
                    new Col("c_time", "TIME", SqlType.TIME, LocalTime.of(23, 59, 59, 999_999_000), LocalTime.MIDNIGHT),
                    new Col("c_ts", "TIMESTAMP", SqlType.TIMESTAMP, LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000),
                            LocalDateTime.of(1900, 1, 1, 0, 0)),
                    new Col("c_tstz", "TIMESTAMPTZ", SqlType.TIMESTAMP_TZ,
                            OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 1_000, ZoneOffset.UTC),
                            OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC)),
                    new Col("c_uuid", "UUID", SqlType.UUID, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0)),
                    new Col("c_bytea", "BYTEA", SqlType.BINARY, ALL_BYTES, new byte[0]),
                    new Col("c_json", "JSON", SqlType.JSON, "{\"b\": 1,   \"a\": [1, 2.50, \"x\\ty\"]}", "null"),
                    new Col("c_jsonb", "JSONB", SqlType.JSON, "{\"a\": 1, \"b\": [true, null, \"é\"]}", "[]"),
                    new Col("c_int_arr", "INTEGER[]", SqlType.ARRAY, Arrays.asList(1, null, -3), List.of()),
                    new Col("c_text_arr", "TEXT[]", SqlType.ARRAY,
                            Arrays.asList("a,b", "NULL", "", "q\"b\\s", "{x}", null, "tab\tnl\n"), List.of("x")),
                    new Col("c_ts_arr", "TIMESTAMP[]", SqlType.ARRAY,
                            List.of(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_000)), List.of()),
                    new Col("c_uuid_arr", "UUID[]", SqlType.ARRAY, List.of(new UUID(1, 2)), List.of()),
                    new Col("c_numeric_arr", "NUMERIC(10,2)[]", SqlType.ARRAY, List.of(new BigDecimal("1.50")), List.of()),
                    new Col("c_mood", "mood", SqlType.OTHER, "happy", "sad"),
                    new Col("c_short", "short_text", SqlType.TEXT, "domain text", "d"),
                    new Col("c_posint", "posint", SqlType.INTEGER, 5, Integer.MAX_VALUE),
                    new Col("c_interval", "INTERVAL", SqlType.OTHER, "1 year 2 mons 3 days 04:05:06.789", "00:00:00"),
                    new Col("c_inet", "INET", SqlType.OTHER, "192.168.0.1", "::1")));
            case MARIADB -> out.addAll(List.of(
                    new Col("c_tinyint", "TINYINT", SqlType.SMALLINT, (short) -128, (short) 127),
                    new Col("c_mediumint", "MEDIUMINT", SqlType.INTEGER, -8_388_608, 8_388_607),
                    new Col("c_int_u", "INT UNSIGNED", SqlType.BIGINT, 4_294_967_295L, 0L),
                    new Col("c_bigint_u", "BIGINT UNSIGNED", SqlType.DECIMAL, new BigDecimal("18446744073709551615"), BigDecimal.ZERO),
                    new Col("c_float", "FLOAT", SqlType.REAL, 3.5f, -1.25e-10f),
                    new Col("c_double", "DOUBLE", SqlType.DOUBLE, Double.MAX_VALUE, 0.1 + 0.2),
                    new Col("c_text", "LONGTEXT", SqlType.TEXT, TRICKY.repeat(50), "x"),
                    // A duration from -838:59:59 to 838:59:59, kept as the server's text.
                    new Col("c_time", "TIME(6)", SqlType.OTHER, "23:59:59.999999", "-838:59:59.000000"),
                    new Col("c_bit", "BIT(12)", SqlType.BINARY, new byte[] {0x0f, (byte) 0xff}, new byte[] {0, 0}),
                    new Col("c_year", "YEAR", SqlType.SMALLINT, (short) 1901, (short) 2155),
                    new Col("c_ts", "DATETIME(6)", SqlType.TIMESTAMP, LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000),
                            LocalDateTime.of(1900, 1, 1, 0, 0)),
                    new Col("c_timestamp", "TIMESTAMP(6) NULL", SqlType.TIMESTAMP,
                            LocalDateTime.of(2024, 1, 15, 12, 0, 0, 1_000), LocalDateTime.of(2030, 6, 1, 8, 0)),
                    new Col("c_binary", "BINARY(4)", SqlType.BINARY, new byte[] {0, 1, -1, 0}, new byte[] {9, 9, 9, 9}),
                    new Col("c_varbinary", "VARBINARY(300)", SqlType.BINARY, ALL_BYTES, new byte[0]),
                    new Col("c_blob", "LONGBLOB", SqlType.BINARY, ALL_BYTES, new byte[] {0}),
                    new Col("c_enum", "ENUM('a','b b')", SqlType.OTHER, "b b", "a"),
                    new Col("c_set", "SET('x','y')", SqlType.OTHER, "x,y", ""),
                    new Col("c_uuid", "UUID", SqlType.UUID, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0))));
            case H2 -> out.addAll(List.of(
                    new Col("c_tinyint", "TINYINT", SqlType.SMALLINT, (short) -128, (short) 127),
                    new Col("c_real", "REAL", SqlType.REAL, Float.NaN, Float.MAX_VALUE),
                    new Col("c_double", "DOUBLE PRECISION", SqlType.DOUBLE, Double.NEGATIVE_INFINITY, 0.1 + 0.2),
                    new Col("c_clob", "CLOB", SqlType.TEXT, TRICKY.repeat(50), "x"),
                    new Col("c_time", "TIME(6)", SqlType.TIME, LocalTime.of(23, 59, 59, 999_999_000), LocalTime.MIDNIGHT),
                    new Col("c_ts", "TIMESTAMP(6)", SqlType.TIMESTAMP, LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000),
                            LocalDateTime.of(1900, 1, 1, 0, 0)),
                    new Col("c_tstz", "TIMESTAMP(6) WITH TIME ZONE", SqlType.TIMESTAMP_TZ,
                            OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 1_000, ZoneOffset.UTC),
                            OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 0, ZoneOffset.ofHours(5))),
                    new Col("c_uuid", "UUID", SqlType.UUID, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new UUID(0, 0)),
                    new Col("c_varbinary", "VARBINARY(300)", SqlType.BINARY, ALL_BYTES, new byte[0]),
                    new Col("c_blob", "BLOB", SqlType.BINARY, ALL_BYTES, new byte[] {0}),
                    new Col("c_json", "JSON", SqlType.JSON, "{\"b\":1,\"a\":[1,2.50,\"x\\ty\"]}", "null"),
                    new Col("c_int_arr", "INTEGER ARRAY", SqlType.ARRAY, Arrays.asList(1, null, -3), List.of()),
                    new Col("c_text_arr", "VARCHAR(50) ARRAY", SqlType.ARRAY,
                            Arrays.asList("a,b", "NULL", "", "q\"b\\s", null), List.of("x")),
                    new Col("c_enum", "ENUM('a','b b')", SqlType.OTHER, "b b", "a")));
        }
        return out;
    }

    private static String[] ddl(TestDatabase kind, List<Col> cols) {
        List<String> sql = new ArrayList<>();
        if (kind == TestDatabase.POSTGRES) {
            sql.add("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
            sql.add("CREATE DOMAIN short_text AS VARCHAR(20) CHECK (length(VALUE) > 0)");
            sql.add("CREATE DOMAIN posint AS INTEGER CHECK (VALUE > 0)");
        }
        StringBuilder t = new StringBuilder("CREATE TABLE everything (id INTEGER NOT NULL PRIMARY KEY");
        for (Col c : cols) {
            t.append(", ").append(c.name()).append(' ').append(c.ddl());
        }
        sql.add(t.append(")").toString());
        return sql.toArray(String[]::new);
    }

    private static List<Object[]> rows(List<Col> cols) {
        List<Object[]> rows = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            Object[] row = new Object[cols.size() + 1];
            row[0] = r;
            for (int i = 0; i < cols.size(); i++) {
                row[i + 1] = r == 1 ? cols.get(i).first() : r == 2 ? cols.get(i).second() : null;
            }
            rows.add(row);
        }
        return rows;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyTypeSurvivesLoadScanAndACopyToAnotherDatabase(TestDatabase kind) {
        List<Col> cols = columns(kind);
        List<String> names = new ArrayList<>();
        names.add("id");
        cols.forEach(c -> names.add(c.name()));
        List<Object[]> rows = rows(cols);
        try (TestDatabase.Fresh source = kind.fresh(); TestDatabase.Fresh target = kind.fresh()) {
            source.execute(ddl(kind, cols));
            target.execute(ddl(kind, cols));
            JdbcDataStore from = JdbcDataStore.builder(source.dataSource()).build();
            TableSchema described = from.describe().require("everything");
            for (Col c : cols) {
                assertThat(described.column(c.name()).orElseThrow().type()).as("type of " + c.ddl()).isEqualTo(c.type());
            }
            from.load(List.of("everything"), t -> RowCursor.of(names, rows.iterator()), LoadMode.REFUSE_NON_EMPTY);
            List<Object[]> scanned;
            try (ReadView view = from.openReadView()) {
                scanned = JdbcDataStoreTest.all(view.scan("everything"));
            }
            assertSameRows(names, scanned, rows);

            JdbcDataStore to = JdbcDataStore.builder(target.dataSource()).withBatchSize(2).build();
            try (ReadView view = from.openReadView()) {
                to.load(List.of("everything"), view::scan, LoadMode.REFUSE_NON_EMPTY);
            }
            try (ReadView view = to.openReadView()) {
                assertSameRows(names, JdbcDataStoreTest.all(view.scan("everything")), rows);
            }
        }
    }

    private static void assertSameRows(List<String> names, List<Object[]> actual, List<Object[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            for (int i = 0; i < names.size(); i++) {
                Object a = actual.get(r)[i];
                Object e = expected.get(r)[i];
                assertThat(same(a, e)).as("%s of row %d: got %s (%s), expected %s (%s)", names.get(i), r + 1,
                        show(a), a == null ? "-" : a.getClass().getSimpleName(), show(e),
                        e == null ? "-" : e.getClass().getSimpleName()).isTrue();
            }
        }
    }

    private static boolean same(Object a, Object e) {
        if (a instanceof List<?> x && e instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.deepEquals(a, e);
    }

    private static String show(Object v) {
        return v instanceof byte[] b ? "bytes" + b.length : String.valueOf(v);
    }
}
