package org.compliancekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.compliancekit.StorageException;
import org.compliancekit.jdbc.testing.TestDatabase;
import org.compliancekit.store.DataStore.LoadMode;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.Test;

/**
 * Binary COPY stores exactly what text COPY stores: the same rows, edge values included, loaded once each way into
 * two tables of the same columns, read back as the server's text of every value. Tables with a column binary COPY
 * does not encode load as text, and a value its column cannot hold fails naming table and column.
 */
class PostgresBinaryCopyTest {

    /** A column: its DDL type and the values of the rows (rows past the end of the list hold NULL). */
    record Col(String name, String ddl, List<Object> values) {
    }

    private static final String ODD = "tab\there, new\nline, cr\r, back\\slash, \"quotes\", 'single', {braces}, "
            + "comma,  NULL, \\N, ünïcødé, 😀, lone \ud83d high, lone \ude00 low, \u007f\u0080\u07ff\u0800\uffff";

    private static List<Object> values(Object... v) {
        return Arrays.asList(v);
    }

    private static List<Col> columns() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return List.of(
                new Col("c_int2", "SMALLINT", values(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, 7, -3L,
                        new BigDecimal("12"), new BigDecimal("1E+2"))),
                new Col("c_int4", "INTEGER", values(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 1L << 20,
                        new BigDecimal("1E+3"), (short) -5)),
                new Col("c_int8", "BIGINT", values(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1,
                        new BigDecimal("9223372036854775807"), BigInteger.valueOf(-42))),
                new Col("c_float4", "REAL", values(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f,
                        Float.MIN_VALUE, Float.MAX_VALUE, 0.1f, 1.17549435E-38f, 0.1, 3, 16777217L)),
                new Col("c_float8", "DOUBLE PRECISION", values(Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, 1e-310, 0.1f,
                        123456789012345L, new BigDecimal("1.5E+3"))),
                new Col("c_bool", "BOOLEAN", values(true, false)),
                new Col("c_text", "TEXT", values("", ODD, "x".repeat(300_000), "\\N", "😀", 42, UUID.fromString(
                        "123e4567-e89b-12d3-a456-426614174000"))),
                new Col("c_varchar", "VARCHAR(200)", values("x", "", "ü é", ODD, "a  ")),
                new Col("c_bpchar", "CHAR(5)", values("ab", "abcde", "", "ab   ", "é😀", " a")),
                new Col("c_bytea", "BYTEA", values(all, new byte[0], new byte[] {0}, new byte[] {'\\', 'N'})),
                new Col("c_date", "DATE", values(LocalDate.of(1, 1, 1), LocalDate.of(0, 12, 31),
                        LocalDate.of(-4712, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.MAX, LocalDate.MIN,
                        LocalDate.of(2000, 1, 1), LocalDate.of(1999, 12, 31), LocalDate.of(2024, 2, 29),
                        LocalDate.of(1970, 1, 1))),
                new Col("c_ts", "TIMESTAMP", values(LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000),
                        LocalDateTime.of(-100, 3, 1, 1, 2, 3, 4_000), LocalDateTime.of(0, 1, 1, 0, 0),
                        LocalDateTime.MAX, LocalDateTime.MIN, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_999),
                        LocalDateTime.of(2000, 1, 1, 0, 0, 0, 500), LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_500),
                        LocalDateTime.of(1969, 7, 20, 20, 17, 40, 2_500), LocalDateTime.of(9999, 12, 31, 23, 59, 59,
                        999_999_000), LocalDateTime.of(1900, 1, 1, 0, 0))),
                new Col("c_tstz", "TIMESTAMPTZ", values(OffsetDateTime.of(2024, 6, 1, 0, 0, 0, 1_000, ZoneOffset.UTC),
                        OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 0, ZoneOffset.ofHours(5)),
                        OffsetDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneOffset.ofHoursMinutes(-5, -30)),
                        OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 45, 30)),
                        OffsetDateTime.of(-44, 3, 15, 12, 0, 0, 0, ZoneOffset.ofHours(1)),
                        OffsetDateTime.MAX, OffsetDateTime.MIN,
                        OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 999_999_500, ZoneOffset.ofHours(-14)),
                        OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(15, 59)))),
                new Col("c_time", "TIME", values(LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000),
                        LocalTime.of(12, 0, 0, 500), LocalTime.of(23, 59, 59, 999_999_900), LocalTime.of(1, 2),
                        LocalTime.of(3, 4, 5, 6_500))),
                new Col("c_uuid", "UUID", values(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                        new UUID(0, 0), new UUID(-1, -1), UUID.randomUUID())),
                new Col("c_num", "NUMERIC", values(BigDecimal.ZERO, new BigDecimal("0.00"), new BigDecimal("-0.5"),
                        new BigDecimal("1E-36"), new BigDecimal("123456789012345678901234567890.123456789012345678901234567890"),
                        new BigDecimal("123456789.000100"), Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, new BigDecimal("1E+10"), new BigDecimal("-12345E+3"),
                        new BigDecimal("0.0001"), new BigDecimal("10000"), new BigDecimal("99999999.99999999"),
                        new BigDecimal("-0.00001"), new BigDecimal("1E+40"), 5L, -7, (short) 3, 0.1,
                        BigInteger.TEN.pow(30), new BigDecimal("9999.9999"), new BigDecimal("1.23E-2"),
                        new BigDecimal("-987654321987654321.000000001"))),
                new Col("c_num2", "NUMERIC(12,2)", values(new BigDecimal("1.005"), new BigDecimal("-0.5"),
                        new BigDecimal("1234567890.12"), Double.NaN, new BigDecimal("0.001"), new BigDecimal("-1.995"),
                        new BigDecimal("1E+5"), 12L)),
                new Col("c_json", "JSON", values("{\"b\": 1,   \"a\": [1, 2.50, \"x\\ty\"]}", "null", "\"ü😀\"", "[]")),
                new Col("c_jsonb", "JSONB", values("{\"b\": 1,   \"a\": [1, 2.50, \"x\\ty\"]}", "null", "\"ü😀\"",
                        "{\"a\": 1, \"a\": 2}")));
    }

    private static String create(String table, List<Col> cols) {
        StringBuilder sql = new StringBuilder("CREATE TABLE " + table + " (id INTEGER NOT NULL PRIMARY KEY");
        cols.forEach(c -> sql.append(", ").append(c.name()).append(' ').append(c.ddl()));
        return sql.append(")").toString();
    }

    /** The edge rows, one all-NULL row, then ordinary rows enough to send more than one chunk. */
    private static int edges(List<Col> cols) {
        return cols.stream().mapToInt(c -> c.values().size()).max().orElseThrow();
    }

    private static List<Object[]> rows(List<Col> cols) {
        int edges = edges(cols);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r <= edges + 3000; r++) {
            Object[] row = new Object[cols.size() + 1];
            row[0] = r + 1;
            for (int i = 0; i < cols.size(); i++) {
                List<Object> v = cols.get(i).values();
                row[i + 1] = r < v.size() ? v.get(r) : r == edges ? null : v.get(r % Math.min(v.size(), 2));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> names(List<Col> cols) {
        List<String> names = new ArrayList<>(List.of("id"));
        cols.forEach(c -> names.add(c.name()));
        return names;
    }

    @Test
    void binaryCopyStoresWhatTextCopyStores() throws SQLException {
        List<Col> cols = columns();
        List<String> names = names(cols);
        List<Object[]> rows = rows(cols);
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.fresh()) {
            db.execute(create("by_binary", cols), create("by_text", cols));
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            TableSchema binary = store.table("by_binary");
            TableSchema text = store.table("by_text");
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(CopyBinaryType.of(c, store.qualified(binary), binary.columns())).as("binary types")
                        .isNotNull().hasSize(names.size());
                long n = new PostgresCopyLoader(new PostgresDialect()).load(c, store.qualified(text), text,
                        RowCursor.of(names, rows.iterator()), false);
                assertThat(n).isEqualTo(rows.size());
            }
            assertThat(store.load(List.of("by_binary"), t -> RowCursor.of(names, rows.iterator()),
                    LoadMode.REFUSE_NON_EMPTY)).containsEntry("by_binary", (long) rows.size());

            List<List<String>> byBinary = asText(db, "by_binary", names);
            List<List<String>> byText = asText(db, "by_text", names);
            assertThat(byBinary).hasSize(rows.size());
            for (int r = 0; r < rows.size(); r++) {
                for (int i = 0; i < byBinary.get(r).size(); i++) {
                    assertThat(byBinary.get(r).get(i)).as("%s of row %d", i < names.size() ? names.get(i)
                            : "size " + i, r + 1).isEqualTo(byText.get(r).get(i));
                }
            }
            List<String> nulls = byBinary.get(edges(cols)).subList(1, names.size());
            assertThat(nulls).as("the all-NULL row").hasSize(cols.size()).containsOnlyNulls();
        }
    }

    @Test
    void valuesTheTextPathCannotStoreFailOrStoreAlikeEitherWay() throws SQLException {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.fresh()) {
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            // The text path writes these in forms the server does not read ("+10000-01-01", an offset of
            // +18:00); binary sends the value itself, which the server stores.
            assertThat(outcomes(db, "DATE", LocalDate.of(10000, 1, 1)))
                    .containsExactly("stored 10000-01-01", "failed");
            assertThat(outcomes(db, "DATE", LocalDate.of(5874897, 12, 31)))
                    .containsExactly("stored 5874897-12-31", "failed");
            assertThat(outcomes(db, "TIMESTAMP", LocalDateTime.of(10000, 1, 1, 0, 0)))
                    .containsExactly("stored 10000-01-01 00:00:00", "failed");
            assertThat(outcomes(db, "TIMESTAMPTZ", OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0,
                    ZoneOffset.ofHours(18)))).containsExactly("stored 1999-12-31 06:00:00+00", "failed");
            sameOutcome(db, "DATE", LocalDate.of(5874898, 1, 1));
            sameOutcome(db, "DATE", LocalDate.of(-4713, 11, 24));
            sameOutcome(db, "DATE", LocalDate.of(-4713, 11, 23));
            sameOutcome(db, "TIMESTAMP", LocalDateTime.of(294277, 1, 1, 0, 0));
            sameOutcome(db, "TEXT", "a\u0000b");
            sameOutcome(db, "JSONB", "a\u0000b");
            sameOutcome(db, "JSONB", "{\"a\": \"\\u0000\"}");
            sameOutcome(db, "JSON", "not json");
            sameOutcome(db, "CHAR(3)", "abcd");
            sameOutcome(db, "CHAR(3)", "abc   ");
            sameOutcome(db, "VARCHAR(3)", "abcd");
            sameOutcome(db, "NUMERIC(4,2)", new BigDecimal("99.995"));
            sameOutcome(db, "NUMERIC(4,2)", Double.POSITIVE_INFINITY);
            sameOutcome(db, "NUMERIC", new BigDecimal(BigInteger.ONE, 16383));
            sameOutcome(db, "NUMERIC", new BigDecimal(BigInteger.ONE, 16384));
            sameOutcome(db, "NUMERIC", new BigDecimal(BigInteger.ONE, -131071));
            sameOutcome(db, "NUMERIC", new BigDecimal(BigInteger.ONE, -131072));
            sameOutcome(db, "TIME(3)", LocalTime.of(23, 59, 59, 999_600_000));
            sameOutcome(db, "TIMESTAMP(0)", LocalDateTime.of(2020, 1, 1, 0, 0, 0, 500_000_000));
            sameOutcome(db, "REAL", 1e300);
            sameOutcome(db, "REAL", 1e-300);
            sameOutcome(db, "REAL", 1e-40);
            sameOutcome(db, "DOUBLE PRECISION", new BigDecimal("1E+400"));
            sameOutcome(db, "INTEGER", 12.9);
            sameOutcome(db, "BIGINT", new BigDecimal("12.0"));
        }
    }

    private int tables;

    /** One value loaded by each path into a column of type {@code ddl}: both store the same text, or both fail. */
    private void sameOutcome(TestDatabase.Fresh db, String ddl, Object value) throws SQLException {
        List<String> both = outcomes(db, ddl, value);
        assertThat(both.get(0)).as("%s %s by binary and by text", ddl, value.getClass().getSimpleName())
                .isEqualTo(both.get(1));
    }

    /** What loading {@code value} stores by binary, then by text. */
    private List<String> outcomes(TestDatabase.Fresh db, String ddl, Object value) throws SQLException {
        String bin = "bin_" + ++tables;
        String txt = "txt_" + tables;
        db.execute("CREATE TABLE " + bin + " (id INTEGER, v " + ddl + ")", "CREATE TABLE " + txt + " (id INTEGER, v "
                + ddl + ")");
        JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
        return List.of(loadOne(db, store, bin, value, true), loadOne(db, store, txt, value, false));
    }

    private static String loadOne(TestDatabase.Fresh db, JdbcDataStore store, String table, Object value,
            boolean binary) throws SQLException {
        TableSchema t = store.table(table);
        try (Connection c = db.dataSource().getConnection()) {
            if (binary) {
                assertThat(CopyBinaryType.of(c, store.qualified(t), t.columns())).isNotNull();
            }
            List<Object[]> rows = List.<Object[]>of(new Object[] {1, value});
            new PostgresCopyLoader(new PostgresDialect()).load(c, store.qualified(t), t,
                    RowCursor.of(List.of("id", "v"), rows.iterator()), binary);
        } catch (SQLException | RuntimeException e) {
            return "failed";
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v::text FROM " + table)) {
            rs.next();
            return "stored " + rs.getString(1);
        }
    }

    @Test
    void aTableWithAColumnBinaryCopyDoesNotEncodeLoadsAsTextAndTheCatalogDecides() throws SQLException {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.fresh()) {
            db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')",
                    "CREATE DOMAIN posint AS INTEGER CHECK (VALUE > 0)",
                    // a domain named like a built-in type: the driver reports it by that bare name
                    "CREATE DOMAIN public.int8 AS TEXT",
                    "CREATE TABLE with_array (id INTEGER, v TEXT, n INTEGER[])",
                    "CREATE TABLE with_enum (id INTEGER, v TEXT, m mood)",
                    "CREATE TABLE with_domain (id INTEGER, p posint)",
                    "CREATE TABLE with_shadow (id INTEGER, s public.int8)",
                    "CREATE TABLE plain (id INTEGER, v TEXT)",
                    "CREATE TABLE with_serial (id SERIAL, big BIGSERIAL, small SMALLSERIAL)");
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            try (Connection c = db.dataSource().getConnection()) {
                for (String table : List.of("with_array", "with_enum", "with_domain", "with_shadow")) {
                    TableSchema t = store.table(table);
                    assertThat(CopyBinaryType.of(c, store.qualified(t), t.columns())).as(table).isNull();
                }
                TableSchema shadow = store.table("with_shadow");
                assertThat(shadow.column("s").orElseThrow().nativeType()).isEqualTo("int8");
                TableSchema plain = store.table("plain");
                assertThat(CopyBinaryType.of(c, store.qualified(plain), plain.columns()))
                        .containsExactly(CopyBinaryType.INT4, CopyBinaryType.TEXT);
                TableSchema serial = store.table("with_serial");
                assertThat(serial.column("id").orElseThrow().nativeType()).isEqualTo("serial");
                assertThat(CopyBinaryType.of(c, store.qualified(serial), serial.columns()))
                        .containsExactly(CopyBinaryType.INT4, CopyBinaryType.INT8, CopyBinaryType.INT2);
            }
            load(store, "with_array", List.of("id", "v", "n"), new Object[] {1, "a\tb", Arrays.asList(1, null, -3)});
            load(store, "with_enum", List.of("id", "v", "m"), new Object[] {1, "a\tb", "happy"});
            load(store, "with_domain", List.of("id", "p"), new Object[] {1, 5});
            load(store, "with_shadow", List.of("id", "s"), new Object[] {1, "not a number"});
            assertThat(select(db, "SELECT v || '|' || n::text FROM with_array")).isEqualTo("a\tb|{1,NULL,-3}");
            assertThat(select(db, "SELECT v || '|' || m::text FROM with_enum")).isEqualTo("a\tb|happy");
            assertThat(select(db, "SELECT p::text FROM with_domain")).isEqualTo("5");
            assertThat(select(db, "SELECT s::text FROM with_shadow")).isEqualTo("not a number");
        }
    }

    @Test
    void aValueOutOfItsColumnsRangeFailsNamingTableAndColumnAndLoadsNothing() throws SQLException {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.fresh()) {
            db.execute("CREATE TABLE ranged (id INTEGER, small SMALLINT, amount INTEGER)");
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            List<Object[]> rows = List.of(new Object[] {1, 1, 5L}, new Object[] {2, 2, 1L << 40});
            assertThatThrownBy(() -> store.load(List.of("ranged"), t -> RowCursor.of(List.of("id", "small", "amount"),
                    rows.iterator()), LoadMode.REFUSE_NON_EMPTY))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("ranged").hasMessageContaining("amount").hasMessageContaining("int4")
                    .hasMessageNotContaining(Long.toString(1L << 40));
            List<Object[]> small = List.<Object[]>of(new Object[] {1, 40_000, 1});
            assertThatThrownBy(() -> store.load(List.of("ranged"), t -> RowCursor.of(List.of("id", "small", "amount"),
                    small.iterator()), LoadMode.REFUSE_NON_EMPTY))
                    .isInstanceOf(StorageException.class).hasMessageContaining("small").hasMessageNotContaining("40000");
            List<Object[]> odd = List.<Object[]>of(new Object[] {1, 1, "7"});
            assertThatThrownBy(() -> store.load(List.of("ranged"), t -> RowCursor.of(List.of("id", "small", "amount"),
                    odd.iterator()), LoadMode.REFUSE_NON_EMPTY))
                    .isInstanceOf(StorageException.class).hasMessageContaining("amount")
                    .hasMessageContaining("java.lang.String");
            assertThat(select(db, "SELECT count(*) FROM ranged")).isEqualTo("0");
        }
    }

    @Test
    void valuesOfAClassOnlyTheServersTextInputReadsLoadTheTableAsText() throws SQLException {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.fresh()) {
            // as a backup from another product decodes them: uuid, date, time and timestamps kept as text
            db.execute("CREATE TABLE foreign_types (id INTEGER, u UUID, d DATE, t TIME, ts TIMESTAMP, "
                    + "tz TIMESTAMPTZ, r REAL)");
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            List<Object[]> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                // the uuid column is NULL in the first rows: the format is chosen once a value of it was seen
                rows.add(new Object[] {i, i < 1_200 ? null : "0e37df36-f698-11e6-8dd4-cb9ced3df976", "2024-02-29",
                        "23:59:59.5", "2024-01-01 00:00:00", "2024-01-01 00:00:00+02", "1.5"});
            }

            assertThat(store.load(List.of("foreign_types"), t -> RowCursor.of(List.of("id", "u", "d", "t", "ts", "tz",
                    "r"), rows.iterator()), LoadMode.REFUSE_NON_EMPTY)).containsEntry("foreign_types", 1_500L);
            assertThat(select(db, "SELECT count(*) || '|' || count(u) || '|' || min(d) || '|' || min(t) || '|' "
                    + "|| min(ts) || '|' || (min(tz) AT TIME ZONE 'UTC') || '|' || min(r) FROM foreign_types"))
                    .isEqualTo("1500|300|2024-02-29|23:59:59.5|2024-01-01 00:00:00|2023-12-31 22:00:00|1.5");
        }
    }

    @Test
    void aColumnWithoutAValueInTheFirstRowsLoadsTheTableAsTextWhereItsLaterValuesMayNeedIt() throws SQLException {
        try (TestDatabase.Fresh db = TestDatabase.POSTGRES.fresh()) {
            db.execute("CREATE TABLE late_uuid (id INTEGER, u UUID, n NUMERIC)");
            JdbcDataStore store = JdbcDataStore.builder(db.dataSource()).build();
            List<Object[]> rows = new java.util.ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                // only u, NULL beyond the sampled rows, later holds a String; the other columns suit binary
                rows.add(new Object[] {i, i < 1_200 ? null : "0e37df36-f698-11e6-8dd4-cb9ced3df976",
                        new BigDecimal("1.50")});
            }

            assertThat(store.load(List.of("late_uuid"), t -> RowCursor.of(List.of("id", "u", "n"), rows.iterator()),
                    LoadMode.REFUSE_NON_EMPTY)).containsEntry("late_uuid", 1_500L);
            assertThat(select(db, "SELECT count(u) || '|' || sum(n) FROM late_uuid")).isEqualTo("300|2250.00");
        }
    }

    @Test
    void theSampleReadsOnlyWhatTheFormatDependsOn() {
        List<Object[]> head = new java.util.ArrayList<>();
        // integers, numeric, bool and bytea take every class binary or text could: nothing to read
        assertThat(PostgresCopyLoader.binaryTakes(cursor(List.<Object[]>of(new Object[] {1, null})), head,
                List.of(CopyBinaryType.INT4, CopyBinaryType.NUMERIC))).isTrue();
        assertThat(head).isEmpty();
        assertThat(PostgresCopyLoader.binaryTakes(cursor(List.<Object[]>of(new Object[] {1, java.time.LocalDate.MIN},
                new Object[] {2, null})), head, List.of(CopyBinaryType.INT4, CopyBinaryType.DATE))).isTrue();
        assertThat(head).hasSize(1);
        head.clear();
        List<Object[]> noUuid = new java.util.ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            noUuid.add(new Object[] {i, null});
        }
        assertThat(PostgresCopyLoader.binaryTakes(cursor(noUuid), head, List.of(CopyBinaryType.INT4,
                CopyBinaryType.UUID))).isFalse();
        assertThat(head).hasSize(1_000);
        head.clear();
        assertThat(PostgresCopyLoader.binaryTakes(cursor(noUuid.subList(0, 10)), head, List.of(CopyBinaryType.INT4,
                CopyBinaryType.UUID))).as("the whole table sampled").isTrue();
        head.clear();
        List<Object[]> wide = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            wide.add(new Object[] {"x".repeat(1 << 20), null});
        }
        assertThat(PostgresCopyLoader.binaryTakes(cursor(wide), head, List.of(CopyBinaryType.TEXT,
                CopyBinaryType.DATE))).isFalse();
        assertThat(head).as("wide rows are not held by the thousand").hasSizeLessThanOrEqualTo(3);
    }

    private static RowCursor cursor(List<Object[]> rows) {
        return RowCursor.of(List.of("a", "b"), rows.iterator());
    }

    private static void load(JdbcDataStore store, String table, List<String> names, Object[] row) {
        assertThat(store.load(List.of(table), t -> RowCursor.of(names, List.<Object[]>of(row).iterator()),
                LoadMode.REFUSE_NON_EMPTY)).containsEntry(table, 1L);
    }

    private static String select(TestDatabase.Fresh db, String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Every value as the server's text, and the stored size of the numeric and jsonb values. */
    private static List<List<String>> asText(TestDatabase.Fresh db, String table, List<String> names)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(names.get(i)).append("::text");
        }
        // ORDER BY a bare id would sort by the output column id::text
        sql.append(", pg_column_size(c_num), pg_column_size(c_num2), pg_column_size(c_jsonb) FROM ").append(table)
                .append(" ORDER BY ").append(table).append(".id");
        List<List<String>> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql.toString())) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
