package org.compliancekit.cli;

import java.util.Locale;
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
    ReusingDataSource dataSource(CliEnvironment env) {
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
        return new ReusingDataSource(jdbcUrl, user, env.variable(CliEnvironment.DB_PASSWORD).orElse(null));
    }
}
