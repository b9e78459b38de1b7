package org.compliancekit.jdbc;

import java.util.regex.Pattern;
import org.compliancekit.ConfigurationException;

/**
 * A table name given in configuration (lock and hold tables): letters, digits and underscores, optionally
 * schema-qualified. It is used unquoted, so the database folds it as it folds the names in the shipped DDL.
 */
record TableName(String sql) {
    private static final Pattern PLAIN = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");

    static TableName of(String name, String setting) {
        if (name == null || !PLAIN.matcher(name).matches()) {
            throw new ConfigurationException(setting + " must be a plain table name (letters, digits, underscores, "
                    + "optionally schema-qualified), was '" + name + "'");
        }
        return new TableName(name);
    }
}
