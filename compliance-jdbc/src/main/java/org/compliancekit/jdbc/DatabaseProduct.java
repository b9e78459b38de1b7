package org.compliancekit.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import org.compliancekit.StorageException;

/**
 * The databases the JDBC module supports, detected from {@link DatabaseMetaData}. Detection is separate from
 * behaviour: the dialect classes decide what SQL each product gets.
 */
public enum DatabaseProduct {
    POSTGRESQL('"'),
    // MariaDB reports itself as MySQL through some drivers, so it is matched first.
    MARIADB('`'),
    MYSQL('`'),
    H2('"');

    private final char quote;

    DatabaseProduct(char quote) {
        this.quote = quote;
    }

    /** Detects the product behind {@code dataSource} (opens and closes one connection). */
    public static DatabaseProduct detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return from(c.getMetaData());
        } catch (SQLException e) {
            throw new StorageException("could not connect to detect the database product: " + e.getMessage(), e);
        }
    }

    /** Detects the product from connection metadata. */
    public static DatabaseProduct from(DatabaseMetaData meta) throws SQLException {
        String name = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        String version = String.valueOf(meta.getDatabaseProductVersion()).toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || version.contains("mariadb")) {
            return MARIADB;
        }
        if (name.contains("mysql")) {
            return MYSQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new ConfigurationException("database '" + meta.getDatabaseProductName() + "' is not supported; "
                + "Compliance Kit's JDBC module supports PostgreSQL, MariaDB, MySQL and H2");
    }

    /** Whether this is MariaDB or MySQL, which share most SQL. */
    public boolean isMySqlFamily() {
        return this == MARIADB || this == MYSQL;
    }

    /**
     * Quotes an identifier for this product. Identifiers come from the database's own metadata; quoting (with
     * embedded quote characters doubled) keeps any name, however odd, a name and never SQL.
     */
    public String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("identifier must not be empty");
        }
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }
}
