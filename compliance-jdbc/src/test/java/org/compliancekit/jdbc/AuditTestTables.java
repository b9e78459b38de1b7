package org.compliancekit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.compliancekit.jdbc.testing.TestDatabase;

/**
 * One fresh database per test class, a pool over it, and a new audit table name per test: the audit tests'
 * shared fixture.
 */
final class AuditTestTables implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestDatabase.Fresh fresh;
    private final HikariDataSource pool;

    AuditTestTables(TestDatabase kind) {
        this.fresh = kind.fresh();
        HikariConfig config = new HikariConfig();
        config.setDataSource(fresh.dataSource());
        config.setMaximumPoolSize(10);
        config.setPoolName("audit-test-" + kind.label());
        this.pool = new HikariDataSource(config);
    }

    /** The pooled data source. */
    DataSource dataSource() {
        return pool;
    }

    /** The unpooled data source: a new connection per call, like several application instances. */
    DataSource unpooled() {
        return fresh.dataSource();
    }

    /** A table name no earlier test used. */
    static String newTable() {
        return "audit_t" + COUNTER.incrementAndGet();
    }

    /** Runs statements in order. */
    void execute(String... sql) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    /** Every column of every row of {@code tables}, as text. */
    String dump(String... tables) {
        StringBuilder out = new StringBuilder();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    @Override
    public void close() {
        pool.close();
        fresh.close();
    }
}
