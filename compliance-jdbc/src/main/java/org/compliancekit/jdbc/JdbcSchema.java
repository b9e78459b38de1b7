package org.compliancekit.jdbc;

import java.util.Locale;
import java.util.Set;
import org.compliancekit.store.SchemaDescription;

/**
 * A schema as read from metadata, with what the portable description leaves out: which foreign keys cascade or
 * set NULL on delete and so never block one.
 *
 * @param name the default schema (PostgreSQL, H2) or database (MariaDB): its tables carry unqualified names, those
 *     of other schemas read along are named as {@link org.compliancekit.store.TableId} says
 * @param description the portable description
 * @param nonBlockingForeignKeys ids ({@link #foreignKeyId}) of foreign keys that do not block a delete
 * @param generatedColumns ids ({@link #columnId}) of columns the database computes (generated or virtual
 *     columns): backed up, never written on restore
 */
record JdbcSchema(String name, SchemaDescription description, Set<String> nonBlockingForeignKeys,
        Set<String> generatedColumns) {
    JdbcSchema {
        nonBlockingForeignKeys = Set.copyOf(nonBlockingForeignKeys);
        generatedColumns = Set.copyOf(generatedColumns);
    }

    /** The id of a column: the table's name in the description and the column's as the database spells it. */
    static String columnId(String table, String column) {
        return table + "\u0000" + column;
    }

    boolean isGenerated(String table, String column) {
        return generatedColumns.contains(columnId(table, column));
    }

    static String foreignKeyId(String table, String foreignKey) {
        return (table + "." + foreignKey).toLowerCase(Locale.ROOT);
    }

    boolean blocksDelete(String table, String foreignKey) {
        return !nonBlockingForeignKeys.contains(foreignKeyId(table, foreignKey));
    }
}
