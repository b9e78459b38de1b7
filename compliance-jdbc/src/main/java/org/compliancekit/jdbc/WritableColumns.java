package org.compliancekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.compliancekit.StorageException;
import org.compliancekit.store.RowCursor;

/**
 * A restore source without the columns the database computes itself (generated or virtual columns): the database
 * refuses values for them and derives them again from the loaded row.
 */
final class WritableColumns {
    private WritableColumns() {
    }

    static RowCursor of(JdbcSchema schema, String table, RowCursor rows) {
        List<String> all = rows.columns();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!schema.isGenerated(table, all.get(i))) {
                keep.add(i);
            }
        }
        if (keep.size() == all.size()) {
            return rows;
        }
        List<String> names = keep.stream().map(all::get).toList();
        int[] positions = keep.stream().mapToInt(Integer::intValue).toArray();
        return new RowCursor() {
            private long n;

            @Override
            public List<String> columns() {
                return names;
            }

            @Override
            public Object[] next() {
                Object[] row = rows.next();
                if (row == null) {
                    return null;
                }
                n++;
                // Checked here, against every column: after the projection a row short by exactly the generated
                // columns would pass the loader's width check with its values shifted.
                if (row.length != all.size()) {
                    throw new StorageException("row " + n + " of the restore source for table " + table + " has "
                            + row.length + " values for " + all.size() + " columns");
                }
                Object[] out = new Object[positions.length];
                for (int i = 0; i < positions.length; i++) {
                    out[i] = row[positions[i]];
                }
                return out;
            }

            @Override
            public void close() {
                rows.close();
            }
        };
    }
}
