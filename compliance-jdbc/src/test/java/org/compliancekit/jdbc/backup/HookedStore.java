package org.compliancekit.jdbc.backup;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.compliancekit.StorageException;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SchemaDescription;

/**
 * A real store with hooks for what a test must make happen at an exact moment: something runs before each sibling
 * view opens, before each scan starts, and one table's scan breaks after some rows as a lost connection would.
 * Records which view read which table.
 */
final class HookedStore implements DataStore {
    private final DataStore store;
    private Runnable beforeSibling = () -> { };
    private Runnable beforeScan = () -> { };
    private String breakingTable;
    private int breakAfter;
    final AtomicInteger siblings = new AtomicInteger();
    final Map<String, Integer> readBy = new ConcurrentHashMap<>();

    HookedStore(DataStore store) {
        this.store = store;
    }

    HookedStore beforeSibling(Runnable hook) {
        this.beforeSibling = hook;
        return this;
    }

    HookedStore beforeScan(Runnable hook) {
        this.beforeScan = hook;
        return this;
    }

    HookedStore breaking(String table, int afterRows) {
        this.breakingTable = table;
        this.breakAfter = afterRows;
        return this;
    }

    @Override
    public SchemaDescription describe() {
        return store.describe();
    }

    @Override
    public ReadView openReadView() {
        return new View(store.openReadView(), 0);
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        return store.inTransaction(work);
    }

    @Override
    public Map<String, Long> load(List<String> tables, LoadSource source, LoadMode mode) {
        return store.load(tables, source, mode);
    }

    private final class View implements ReadView {
        private final ReadView view;
        private final int id;

        View(ReadView view, int id) {
            this.view = view;
            this.id = id;
        }

        @Override
        public RowCursor scan(String table) {
            beforeScan.run();
            readBy.put(table, id);
            RowCursor rows = view.scan(table);
            return table.equals(breakingTable) ? new Breaking(rows, table, breakAfter) : rows;
        }

        @Override
        public RowCursor subjectRows(TableMapping mapping, SubjectRef subject) {
            return view.subjectRows(mapping, subject);
        }

        @Override
        public List<MatchedRow> findExpired(ExpiryQuery query) {
            return view.findExpired(query);
        }

        @Override
        public Optional<ReadView> openSibling() {
            beforeSibling.run();
            return view.openSibling().map(s -> new View(s, siblings.incrementAndGet()));
        }

        @Override
        public void close() {
            view.close();
        }
    }

    /** Hands out {@code after} rows of the real cursor, then fails as a dropped connection does. */
    private static final class Breaking implements RowCursor {
        private final RowCursor rows;
        private final String table;
        private final int after;
        private int read;

        Breaking(RowCursor rows, String table, int after) {
            this.rows = rows;
            this.table = table;
            this.after = after;
        }

        @Override
        public List<String> columns() {
            return rows.columns();
        }

        @Override
        public Object[] next() {
            if (read++ == after) {
                throw new StorageException("reading table " + table + " failed: the connection was lost");
            }
            return rows.next();
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
