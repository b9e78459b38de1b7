package org.compliancekit.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.compliancekit.ConfigurationException;
import picocli.CommandLine.Option;

/** Which database to work on; the password comes from {@code COMPLIANCE_DB_PASSWORD}. */
final class DatabaseOptions {
    @Option(names = "--jdbc-url", paramLabel = "<url>",
            description = "JDBC URL of the database, e.g. jdbc:postgresql://db:5432/shop.")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "<name>",
            description = "Database user; the password is read from COMPLIANCE_DB_PASSWORD.")
    String user;

    /** A data source over the URL, or a configuration error naming the missing option. */
    DataSource dataSource(CliEnvironment env) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new ConfigurationException("--jdbc-url is required: the JDBC URL of the database");
        }
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new ConfigurationException("--jdbc-url must start with 'jdbc:', e.g. jdbc:postgresql://host/db");
        }
        if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
            // the command line is visible in ps and shell history; and a driver may quote the URL in an error
            throw new ConfigurationException("--jdbc-url holds a password; remove it and set "
                    + CliEnvironment.DB_PASSWORD + " instead");
        }
        return new UrlDataSource(jdbcUrl, user, env.variable(CliEnvironment.DB_PASSWORD).orElse(null));
    }

    /** A new connection per call: the engines open few, and a command line has no pool to keep warm. */
    private record UrlDataSource(String url, String user, String password) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return getConnection(user, password);
        }

        @Override
        public Connection getConnection(String username, String pw) throws SQLException {
            return DriverManager.getConnection(url, username, pw);
        }

        @Override
        public String toString() {
            return "UrlDataSource[" + url + "]"; // never the password
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // DriverManager logging is not used
        }

        @Override
        public void setLoginTimeout(int seconds) {
            DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no parent logger");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
