package org.compliancekit.jdbc;

import java.util.Locale;
import java.util.Set;
import org.compliancekit.store.SchemaDescription;

/**
 * A schema as read from metadata, with what the portable description leaves out: which foreign keys cascade or
 * set NULL on delete and so never block one.
 *
 * @param name the schema (PostgreSQL, H2) or database (MariaDB) name
 * @param description the portable description
 * @param nonBlockingForeignKeys ids ({@link #foreignKeyId}) of foreign keys that do not block a delete
 */
record JdbcSchema(String name, SchemaDescription description, Set<String> nonBlockingForeignKeys) {
    JdbcSchema {
        nonBlockingForeignKeys = Set.copyOf(nonBlockingForeignKeys);
    }

    static String foreignKeyId(String table, String foreignKey) {
        return (table + "." + foreignKey).toLowerCase(Locale.ROOT);
    }

    boolean blocksDelete(String table, String foreignKey) {
        return !nonBlockingForeignKeys.contains(foreignKeyId(table, foreignKey));
    }
}
