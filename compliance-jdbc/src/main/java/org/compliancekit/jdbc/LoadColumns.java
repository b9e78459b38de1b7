package org.compliancekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.compliancekit.StorageException;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.TableSchema;

/** The target columns of a restore, in the order the source cursor delivers them. */
final class LoadColumns {
    private LoadColumns() {
    }

    static List<ColumnSchema> of(TableSchema table, List<String> sourceColumns) {
        if (sourceColumns.isEmpty()) {
            throw new StorageException("the restore source for table " + table.name() + " has no columns");
        }
        List<ColumnSchema> out = new ArrayList<>(sourceColumns.size());
        for (String name : sourceColumns) {
            int i = table.indexOf(name);
            if (i < 0) {
                throw new StorageException("the restore source for table " + table.name() + " has column " + name
                        + ", which the target table lacks; migrate the target schema to the backup's version first");
            }
            out.add(table.columns().get(i));
        }
        return out;
    }

    static String list(Dialect dialect, List<ColumnSchema> columns) {
        StringBuilder sb = new StringBuilder();
        for (ColumnSchema c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(dialect.quote(c.name()));
        }
        return sb.toString();
    }

    static void checkWidth(TableSchema table, Object[] row, int expected, long rowNumber) {
        if (row.length != expected) {
            throw new StorageException("row " + rowNumber + " of the restore source for table " + table.name()
                    + " has " + row.length + " values for " + expected + " columns");
        }
    }
}
