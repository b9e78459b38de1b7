package org.compliancekit.store;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key: {@code columns} of the owning table refer to {@code referencedColumns} of
 * {@code referencedTable}.
 */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns) {
    public ForeignKey {
        name = name == null ? "" : name;
        columns = List.copyOf(columns);
        Objects.requireNonNull(referencedTable, "referenced table");
        referencedColumns = List.copyOf(referencedColumns);
        if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + " needs matching column lists");
        }
    }
}
