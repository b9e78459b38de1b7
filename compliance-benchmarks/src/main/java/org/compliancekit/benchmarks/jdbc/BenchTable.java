package org.compliancekit.benchmarks.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.compliancekit.store.RowCursor;

/**
 * The benchmark table: orders of about 200 bytes a row (id, email, name, address, status, amount, timestamp), the
 * same rows generated in SQL for the database and in Java for restores.
 */
final class BenchTable {
    static final List<String> COLUMNS = List.of("id", "email", "name", "address", "status", "amount", "created_at");
    private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);

    private BenchTable() {
    }

    static void create(DataSource ds, String table) throws SQLException {
        exec(ds, "DROP TABLE IF EXISTS " + table,
                "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, email VARCHAR(100) NOT NULL, name VARCHAR(100), "
                        + "address VARCHAR(200), status VARCHAR(16) NOT NULL, amount NUMERIC(12,2) NOT NULL, "
                        + "created_at TIMESTAMP NOT NULL)");
    }

    /** Creates {@code table} holding rows 1..n, vacuumed and analyzed. */
    static void fill(DataSource ds, String table, long n) throws SQLException {
        create(ds, table);
        exec(ds, "INSERT INTO " + table + " SELECT g, 'user' || g || '@example.com', 'Customer Name ' || g, "
                        + "g || ' Long Street Name, Apartment ' || (g % 500) || ', 12345 Some City, Some Country Region', "
                        + "CASE WHEN g % 3 = 0 THEN 'shipped' ELSE 'delivered' END, (g % 100000) / 100.0, "
                        + "TIMESTAMP '2024-01-01' + (g % 1000) * INTERVAL '1 minute' FROM generate_series(1, " + n + ") g",
                "VACUUM ANALYZE " + table, "CHECKPOINT");
    }

    /** Rows 1..n as the restore source, equal to what {@link #fill} writes. */
    static RowCursor generated(long n) {
        return new RowCursor() {
            private long g;

            @Override
            public List<String> columns() {
                return COLUMNS;
            }

            @Override
            public Object[] next() {
                if (g == n) {
                    return null;
                }
                g++;
                return new Object[] {g, "user" + g + "@example.com", "Customer Name " + g,
                        g + " Long Street Name, Apartment " + (g % 500) + ", 12345 Some City, Some Country Region",
                        g % 3 == 0 ? "shipped" : "delivered", BigDecimal.valueOf(g % 100000, 2), BASE.plusMinutes(g % 1000)};
            }

            @Override
            public void close() {
            }
        };
    }

    static void exec(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
