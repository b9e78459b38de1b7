package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates the library's own tables (audit, job lock) when missing, safely while other instances do the same: on
 * PostgreSQL the DDL runs under a transaction-scoped advisory lock, because concurrent {@code CREATE TABLE IF NOT
 * EXISTS} there can fail with a duplicate key in the system catalog; elsewhere a statement that fails because another
 * instance is creating the same object is rerun, and a last failure is accepted when the tables are usable.
 */
final class TableCreation {

    /** Whether the tables are in place and readable. */
    @FunctionalInterface
    interface Probe {
        boolean ready(Connection c);
    }

    // An arbitrary constant naming "Compliance Kit creates its tables" among the database's advisory locks.
    private static final long ADVISORY_LOCK = 0x436f6d706c4b6974L;
    private static final int ATTEMPTS = 5;

    private TableCreation() {
    }

    /** Runs {@code ddl} unless another instance's run makes it unnecessary; throws when the tables stay unusable. */
    static void create(DataSource dataSource, DatabaseProduct product, List<String> ddl, Probe probe)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                run(dataSource, product, ddl);
                return;
            } catch (SQLException e) {
                // Another instance may be half-way through the same statements (H2 and MariaDB commit each DDL
                // statement on its own); every statement is idempotent, so a rerun once it is done completes them.
                if (attempt == ATTEMPTS) {
                    if (ready(dataSource, probe)) {
                        return;
                    }
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static void run(DataSource dataSource, DatabaseProduct product, List<String> ddl) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                if (product == DatabaseProduct.POSTGRESQL) {
                    st.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
                }
                for (String statement : ddl) {
                    st.execute(statement);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static boolean ready(DataSource dataSource, Probe probe) {
        try (Connection c = dataSource.getConnection()) {
            return probe.ready(c);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void pause(int attempt) throws SQLException {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while creating tables", e);
        }
    }

    /** A probe that runs every one of {@code queries} (each reading at most a row) and succeeds when all do. */
    static Probe readable(String... queries) {
        return c -> {
            try (Statement st = c.createStatement()) {
                for (String q : queries) {
                    st.executeQuery(q).close();
                }
                return true;
            } catch (SQLException e) {
                return false;
            }
        };
    }
}
