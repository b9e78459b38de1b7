package org.compliancekit.jdbc;

import java.util.ArrayList;
import java.util.List;
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
            @Override
            public List<String> columns() {
                return names;
            }

            @Override
            public Object[] next() {
                Object[] row = rows.next();
                if (row == null || row.length != all.size()) {
                    return row; // a short or long row is reported by the loader, which checks the width
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
