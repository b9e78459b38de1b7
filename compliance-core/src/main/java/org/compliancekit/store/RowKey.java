package org.compliancekit.store;

import java.util.List;
import org.compliancekit.store.support.Values;

/**
 * The primary key values of one row, in primary key column order. Stores page through tables by it.
 */
public record RowKey(List<Object> values) implements Comparable<RowKey> {
    public RowKey {
        values = List.copyOf(values); // rejects nulls: a primary key never holds NULL
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a row key needs at least one value");
        }
    }

    public static RowKey of(Object... values) {
        return new RowKey(List.of(values));
    }

    @Override
    public int compareTo(RowKey o) {
        for (int i = 0; i < Math.min(values.size(), o.values.size()); i++) {
            int c = Values.compare(values.get(i), o.values.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(values.size(), o.values.size());
    }
}
