package org.compliancekit.spring;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The test shop: its schema and rows and a backup key. */
final class Shop {
    /** A backup key (32 bytes, base64); tests assert it never shows up in output. */
    static final String BACKUP_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String HASH_SECRET = "shop-hash-secret-for-tests";

    private Shop() {
    }

    /** A fresh H2 database holding the shop's tables and rows. */
    static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        load(ds);
        return ds;
    }

    static void load(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            String sql = new String(Shop.class.getResourceAsStream("/shop-schema.sql").readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String stmt : sql.split(";")) {
                if (!stmt.isBlank()) {
                    s.execute(stmt);
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
