package org.compliancekit.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.ForeignKey;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/** A schema with every column type, a parent/child pair and rows with awkward values. */
final class Fixtures {
    static final String KEY_A = key(1);
    static final String KEY_B = key(2);

    private Fixtures() {
    }

    static String key(int seed) {
        byte[] k = new byte[32];
        new Random(seed).nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    static KeyRing ringA() {
        return KeyRing.single("a", KEY_A);
    }

    static SchemaDescription schema() {
        TableSchema everything = new TableSchema("everything", List.of(
                new ColumnSchema("id", SqlType.BIGINT, "bigint", false, 0, 0, null, true),
                ColumnSchema.of("small", SqlType.SMALLINT, true),
                ColumnSchema.of("int", SqlType.INTEGER, true),
                new ColumnSchema("money", SqlType.DECIMAL, "numeric(38,10)", true, 38, 10, null, false),
                ColumnSchema.of("real", SqlType.REAL, true),
                ColumnSchema.of("dbl", SqlType.DOUBLE, true),
                ColumnSchema.of("flag", SqlType.BOOLEAN, true),
                ColumnSchema.of("txt", SqlType.TEXT, true),
                ColumnSchema.of("day", SqlType.DATE, true),
                ColumnSchema.of("clock", SqlType.TIME, true),
                ColumnSchema.of("ts", SqlType.TIMESTAMP, true),
                new ColumnSchema("tstz", SqlType.TIMESTAMP_TZ, "timestamptz", true, 0, 0, null, false),
                ColumnSchema.of("uid", SqlType.UUID, true),
                new ColumnSchema("bin", SqlType.BINARY, "bytea", true, 0, 0, null, false),
                new ColumnSchema("doc", SqlType.JSON, "jsonb", true, 0, 0, null, false),
                new ColumnSchema("tags", SqlType.ARRAY, "text[]", true, 0, 0, SqlType.TEXT, false),
                new ColumnSchema("scores", SqlType.ARRAY, "float8[]", true, 0, 0, SqlType.DOUBLE, false),
                new ColumnSchema("mood", SqlType.OTHER, "mood", true, 0, 0, null, false)),
                List.of("id"), List.of());
        TableSchema users = new TableSchema("users", List.of(
                ColumnSchema.of("id", SqlType.INTEGER, false),
                ColumnSchema.text("email", 200, false)), List.of("id"), List.of());
        TableSchema orders = new TableSchema("orders", List.of(
                ColumnSchema.of("id", SqlType.INTEGER, false),
                ColumnSchema.of("user_id", SqlType.INTEGER, false),
                new ColumnSchema("total", SqlType.DECIMAL, "numeric(12,2)", false, 12, 2, null, false)),
                List.of("id"), List.of(new ForeignKey("fk_orders_user", List.of("user_id"), "users", List.of("id"))));
        // orders listed first on purpose: restore must still load users before it
        return SchemaDescription.of(everything, orders, users);
    }

    static InMemoryDataStore emptyStore() {
        return new InMemoryDataStore(schema());
    }

    static InMemoryDataStore filledStore() {
        InMemoryDataStore store = emptyStore();
        store.insert("everything", awkwardRow());
        store.insert("everything", extremeRow());
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("id", 3L);
        store.insert("everything", nulls);
        for (int i = 1; i <= 5; i++) {
            store.insert("users", Map.of("id", i, "email", "user" + i + "@example.com"));
            store.insert("orders", Map.of("id", 100 + i, "user_id", i, "total", new BigDecimal(i + ".50")));
        }
        return store;
    }

    static Map<String, Object> awkwardRow() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", 1L);
        r.put("small", (short) -32768);
        r.put("int", Integer.MIN_VALUE);
        r.put("money", new BigDecimal("1234567890123456789012345678.0123456789"));
        r.put("real", 0.1f);
        r.put("dbl", -0.0d);
        r.put("flag", true);
        r.put("txt", "quote \" backslash \\ newline \n tab \t nul \u0000 astral \uD83D\uDE00 \uD834\uDD1E é 中");
        r.put("day", LocalDate.of(1, 1, 1));
        r.put("clock", LocalTime.of(23, 59, 59, 999_999_999));
        r.put("ts", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1000));
        r.put("tstz", OffsetDateTime.of(2026, 3, 1, 10, 15, 30, 123_456_000, ZoneOffset.ofHoursMinutes(5, 45)));
        r.put("uid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        r.put("bin", new byte[] {0, -1, 127, -128, 10, 13});
        r.put("doc", "{\"b\": [1, 2.50, null], \"a\": \"\\u00e9\"}");
        r.put("tags", java.util.Arrays.asList("a", null, "", "\uD83D\uDE00"));
        r.put("scores", List.of(Double.NaN, Double.NEGATIVE_INFINITY, 1e-300, Double.MAX_VALUE));
        r.put("mood", "happy");
        return r;
    }

    static Map<String, Object> extremeRow() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", Long.MAX_VALUE);
        r.put("small", (short) 32767);
        r.put("int", Integer.MAX_VALUE);
        r.put("money", new BigDecimal("-0.0000000001"));
        r.put("real", Float.NaN);
        r.put("dbl", Double.POSITIVE_INFINITY);
        r.put("flag", false);
        r.put("txt", "");
        r.put("day", LocalDate.of(9999, 12, 31));
        r.put("clock", LocalTime.MIDNIGHT);
        r.put("ts", LocalDateTime.of(2026, 3, 1, 0, 0));
        r.put("tstz", OffsetDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        r.put("uid", new UUID(0, 0));
        r.put("bin", new byte[0]);
        r.put("doc", "[]");
        r.put("tags", List.of());
        r.put("scores", List.of(Double.MIN_VALUE));
        r.put("mood", "");
        return r;
    }

    /** Rows of a table with byte arrays as hex, so maps compare by value. */
    static List<Map<String, Object>> comparable(InMemoryDataStore store, String table) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : store.rows(table)) {
            Map<String, Object> m = new LinkedHashMap<>();
            row.forEach((k, v) -> m.put(k, v instanceof byte[] b ? "hex:" + HexFormat.of().formatHex(b) : v));
            out.add(m);
        }
        return out;
    }

    /** Asserts that every table of {@code actual} holds the same rows, with the same Java types, as {@code expected}. */
    static void assertSameRows(InMemoryDataStore expected, InMemoryDataStore actual) {
        for (TableSchema t : expected.describe().tables()) {
            List<Map<String, Object>> want = comparable(expected, t.name());
            List<Map<String, Object>> got = comparable(actual, t.name());
            assertThat(got).as("rows of %s", t.name()).isEqualTo(want);
            for (int i = 0; i < want.size(); i++) {
                for (String c : want.get(i).keySet()) {
                    Object w = want.get(i).get(c);
                    Object g = got.get(i).get(c);
                    if (w != null && !(w instanceof List)) {
                        assertThat(g).as("%s.%s row %d", t.name(), c, i).isExactlyInstanceOf(w.getClass());
                    }
                }
            }
        }
    }
}
