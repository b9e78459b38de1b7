package org.compliancekit.store;

import java.util.Iterator;
import java.util.List;

/**
 * A forward-only stream of rows. Stores fetch in bounded chunks behind it, so a cursor over a huge table uses
 * constant memory. Always close it (try-with-resources).
 */
public interface RowCursor extends AutoCloseable {

    /** Column names, in the order of the values in each row. */
    List<String> columns();

    /**
     * The next row, its values in {@link #columns()} order, typed as {@link SqlType} describes; {@code null}
     * when there are no more rows. The caller owns the returned array.
     */
    Object[] next();

    @Override
    void close();

    /** A cursor over rows already at hand (tests, small tables). */
    static RowCursor of(List<String> columns, Iterator<Object[]> rows) {
        List<String> cols = List.copyOf(columns);
        return new RowCursor() {
            @Override
            public List<String> columns() {
                return cols;
            }

            @Override
            public Object[] next() {
                return rows.hasNext() ? rows.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }
}
