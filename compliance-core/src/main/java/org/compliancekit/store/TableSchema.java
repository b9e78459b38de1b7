package org.compliancekit.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table as the data store describes it: columns in their stored order, primary key, foreign keys.
 */
public record TableSchema(String name, List<ColumnSchema> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {
    public TableSchema {
        Objects.requireNonNull(name, "table name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
        for (String pk : primaryKey) {
            if (indexOf(columns, pk) < 0) {
                throw new IllegalArgumentException("primary key column " + name + "." + pk + " is not a column of the table");
            }
        }
    }

    /** The column named {@code column}, exact match first, then case-insensitive. */
    public Optional<ColumnSchema> column(String column) {
        int i = indexOf(column);
        return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
    }

    /** Position of {@code column} in {@link #columns()}, or -1; exact match first, then case-insensitive. */
    public int indexOf(String column) {
        return indexOf(columns, column);
    }

    /** Column names in stored order. */
    public List<String> columnNames() {
        return columns.stream().map(ColumnSchema::name).toList();
    }

    private static int indexOf(List<ColumnSchema> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        int found = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                if (found >= 0) {
                    return -1; // ambiguous: two columns differ only by case
                }
                found = i;
            }
        }
        return found;
    }
}
