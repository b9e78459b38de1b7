package org.compliancekit.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.compliancekit.StorageException;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.Join;
import org.compliancekit.pii.PiiField;
import org.compliancekit.pii.SubjectLink;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.support.RowMatcher;
import org.compliancekit.store.support.Values;

/**
 * A {@link DataStore} in memory, for tests: the same semantics as the database stores (it passes the same contract
 * suite), including NOT NULL and foreign key checks, atomic transactions and consistent read views.
 *
 * <p>Transactions are serialized by one lock; read views copy the table index when opened. Rows are never
 * mutated in place, so a view stays consistent while writers go on.
 */
public final class InMemoryDataStore implements DataStore {
    private final SchemaDescription schema;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Map<String, NavigableMap<RowKey, Object[]>> tables;
    private final Map<String, Long> counters = new HashMap<>();

    public InMemoryDataStore(SchemaDescription schema) {
        this.schema = schema;
        Map<String, NavigableMap<RowKey, Object[]>> m = new LinkedHashMap<>();
        for (TableSchema t : schema.tables()) {
            if (t.primaryKey().isEmpty()) {
                throw new IllegalArgumentException("table " + t.name() + " needs a primary key for the in-memory store");
            }
            m.put(key(t.name()), new TreeMap<>());
        }
        this.tables = m;
    }

    public static InMemoryDataStore of(TableSchema... tables) {
        return new InMemoryDataStore(SchemaDescription.of(tables));
    }

    /**
     * Inserts one row (test setup). Missing columns are NULL; an auto-increment column left out gets the next
     * value.
     */
    public void insert(String table, Map<String, Object> row) {
        inTransaction(tx -> {
            ((Tx) tx).insert(schema.require(table), row);
            return null;
        });
    }

    /** A copy of every row of {@code table} in primary key order, as column → value maps. */
    public List<Map<String, Object>> rows(String table) {
        TableSchema t = schema.require(table);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : tables.get(key(t.name())).values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < r.length; i++) {
                m.put(t.columns().get(i).name(), r[i]);
            }
            out.add(m);
        }
        return out;
    }

    /** Number of rows in {@code table}. */
    public int count(String table) {
        return tables.get(key(schema.require(table).name())).size();
    }

    @Override
    public SchemaDescription describe() {
        return schema;
    }

    @Override
    public ReadView openReadView() {
        Map<String, NavigableMap<RowKey, Object[]>> snapshot = new HashMap<>();
        writeLock.lock();
        try {
            tables.forEach((k, v) -> snapshot.put(k, new TreeMap<>(v)));
        } finally {
            writeLock.unlock();
        }
        return new View(snapshot);
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        writeLock.lock();
        try {
            Tx tx = new Tx(tables);
            T result = work.run(tx);
            tables = tx.commit();
            counters.putAll(tx.counters);
            return result;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Map<String, Long> load(List<String> tableNames, LoadSource source, LoadMode mode) {
        return inTransaction(tx -> {
            Tx t = (Tx) tx;
            if (mode == LoadMode.REPLACE) {
                List<String> reversed = new ArrayList<>(tableNames);
                java.util.Collections.reverse(reversed);
                for (String name : reversed) {
                    t.write(schema.require(name)).clear();
                }
            } else {
                for (String name : tableNames) {
                    if (!t.read(schema.require(name)).isEmpty()) {
                        throw new StorageException("table " + name + " is not empty; restore refuses to mix rows "
                                + "(choose replace to overwrite it)");
                    }
                }
            }
            Map<String, Long> loaded = new LinkedHashMap<>();
            for (String name : tableNames) {
                TableSchema ts = schema.require(name);
                long n = 0;
                try (RowCursor c = source.open(name)) {
                    List<String> cols = c.columns();
                    for (Object[] r = c.next(); r != null; r = c.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 0; i < cols.size(); i++) {
                            row.put(cols.get(i), r[i]);
                        }
                        t.insert(ts, row);
                        n++;
                    }
                }
                loaded.put(ts.name(), n);
            }
            return loaded;
        });
    }

    private static String key(String table) {
        return table.toLowerCase(Locale.ROOT);
    }

    /** Reads shared by views and transactions, over a given table index. */
    private abstract class Reader implements StoreReader {
        abstract NavigableMap<RowKey, Object[]> read(TableSchema t);

        @Override
        public RowCursor scan(String table) {
            TableSchema t = schema.require(table);
            Iterator<Object[]> it = List.copyOf(read(t).values()).stream().map(Object[]::clone).iterator();
            return RowCursor.of(t.columnNames(), it);
        }

        @Override
        public RowCursor subjectRows(TableMapping mapping, SubjectRef subject) {
            TableSchema t = schema.require(mapping.table());
            List<Object[]> out = new ArrayList<>();
            if (mapping.subjectLink() != null) {
                Optional<String> wanted = subject.valueFor(mapping.subjectLink().terminal());
                if (wanted.isPresent()) {
                    SubjectLink link = mapping.subjectLink();
                    boolean email = link.terminal() instanceof SubjectLink.ByEmail;
                    SqlType type = terminalType(t, link);
                    for (Object[] r : read(t).values()) {
                        Object v = subjectOf(t, r, link);
                        if (email ? SubjectValues.sameEmail(v, wanted.get()) : SubjectValues.sameId(v, wanted.get(), type)) {
                            out.add(r.clone());
                        }
                    }
                }
            }
            return RowCursor.of(t.columnNames(), out.iterator());
        }

        @Override
        public List<MatchedRow> findExpired(ExpiryQuery q) {
            TableSchema t = schema.require(q.table());
            NavigableMap<RowKey, Object[]> rows = read(t);
            NavigableMap<RowKey, Object[]> tail = q.after() == null ? rows : rows.tailMap(q.after(), false);
            List<MatchedRow> out = new ArrayList<>();
            for (Map.Entry<RowKey, Object[]> e : tail.entrySet()) {
                if (RowMatcher.expired(q, t, e.getValue())) {
                    Object subject = q.subjectLink() == null ? null : subjectOf(t, e.getValue(), q.subjectLink());
                    out.add(new MatchedRow(e.getKey(), subject));
                    if (out.size() == q.limit()) {
                        break;
                    }
                }
            }
            return out;
        }

        /** The type of the column at the end of {@code link}. */
        SqlType terminalType(TableSchema t, SubjectLink link) {
            TableSchema end = t;
            if (link instanceof SubjectLink.ViaPath path) {
                end = schema.require(path.lastTable());
            }
            SubjectLink last = link.terminal();
            String column = last instanceof SubjectLink.ById id ? id.column() : ((SubjectLink.ByEmail) last).column();
            return end.columns().get(RowMatcher.column(end, column)).type();
        }

        /** Follows {@code link} from row {@code r} of {@code t} to the subject value, or null when it breaks. */
        Object subjectOf(TableSchema t, Object[] r, SubjectLink link) {
            TableSchema table = t;
            Object[] row = r;
            SubjectLink end = link;
            if (link instanceof SubjectLink.ViaPath path) {
                for (Join j : path.joins()) {
                    Object v = row[RowMatcher.column(table, j.fromColumn())];
                    if (v == null) {
                        return null;
                    }
                    TableSchema next = schema.require(j.toTable());
                    int col = RowMatcher.column(next, j.toColumn());
                    boolean toKey = next.primaryKey().size() == 1 && next.primaryKey().get(0).equalsIgnoreCase(j.toColumn());
                    // A join to the primary key (the usual case) is a map lookup, not a scan of the joined table.
                    row = toKey ? read(next).get(RowKey.of(v))
                            : read(next).values().stream().filter(x -> Values.same(x[col], v)).findFirst().orElse(null);
                    if (row == null) {
                        return null;
                    }
                    table = next;
                }
                end = path.end();
            }
            String column = end instanceof SubjectLink.ById id ? id.column() : ((SubjectLink.ByEmail) end).column();
            return row[RowMatcher.column(table, column)];
        }
    }

    private final class View extends Reader implements ReadView {
        private final Map<String, NavigableMap<RowKey, Object[]>> snapshot;

        View(Map<String, NavigableMap<RowKey, Object[]>> snapshot) {
            this.snapshot = snapshot;
        }

        @Override
        NavigableMap<RowKey, Object[]> read(TableSchema t) {
            return snapshot.get(key(t.name()));
        }

        /** The snapshot's maps are never changed once copied, so any number of threads may read them at once. */
        @Override
        public Optional<ReadView> openSibling() {
            return Optional.of(new View(snapshot));
        }

        @Override
        public void close() {
        }
    }

    private final class Tx extends Reader implements StoreTransaction {
        private final Map<String, NavigableMap<RowKey, Object[]>> base;
        private final Map<String, NavigableMap<RowKey, Object[]>> written = new HashMap<>();
        private final Map<String, Long> counters = new HashMap<>(InMemoryDataStore.this.counters);

        Tx(Map<String, NavigableMap<RowKey, Object[]>> base) {
            this.base = base;
        }

        @Override
        NavigableMap<RowKey, Object[]> read(TableSchema t) {
            NavigableMap<RowKey, Object[]> w = written.get(key(t.name()));
            return w != null ? w : base.get(key(t.name()));
        }

        NavigableMap<RowKey, Object[]> write(TableSchema t) {
            return written.computeIfAbsent(key(t.name()), k -> new TreeMap<>(base.get(k)));
        }

        Map<String, NavigableMap<RowKey, Object[]>> commit() {
            if (written.isEmpty()) {
                return base;
            }
            Map<String, NavigableMap<RowKey, Object[]>> next = new LinkedHashMap<>(base);
            next.putAll(written);
            return next;
        }

        void insert(TableSchema t, Map<String, Object> values) {
            Object[] row = new Object[t.columns().size()];
            for (Map.Entry<String, Object> e : values.entrySet()) {
                row[RowMatcher.column(t, e.getKey())] = e.getValue();
            }
            for (int i = 0; i < row.length; i++) {
                ColumnSchema c = t.columns().get(i);
                String counterKey = key(t.name()) + "." + key(c.name());
                if (c.autoIncrement()) {
                    long current = counters.getOrDefault(counterKey, 0L);
                    if (row[i] == null) {
                        row[i] = current + 1;
                    }
                    if (row[i] instanceof Number n) {
                        counters.put(counterKey, Math.max(current, n.longValue()));
                    }
                }
                if (row[i] == null && !c.nullable()) {
                    throw new StorageException("column " + t.name() + "." + c.name() + " is NOT NULL");
                }
            }
            for (ForeignKey fk : t.foreignKeys()) {
                checkParentExists(t, fk, row);
            }
            RowKey k = keyOf(t, row);
            NavigableMap<RowKey, Object[]> rows = write(t);
            if (rows.containsKey(k)) {
                throw new StorageException("duplicate primary key in table " + t.name());
            }
            rows.put(k, row);
        }

        private void checkParentExists(TableSchema t, ForeignKey fk, Object[] row) {
            Object[] vals = new Object[fk.columns().size()];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = row[RowMatcher.column(t, fk.columns().get(i))];
                if (vals[i] == null) {
                    return; // SQL: a NULL in a foreign key column is not checked
                }
            }
            TableSchema parent = schema.require(fk.referencedTable());
            if (!contains(parent, fk.referencedColumns(), vals)) {
                throw new StorageException("foreign key " + fk.name() + " of table " + t.name()
                        + " refers to a missing row of " + parent.name());
            }
        }

        private boolean contains(TableSchema t, List<String> columns, Object[] vals) {
            int[] idx = columns.stream().mapToInt(c -> RowMatcher.column(t, c)).toArray();
            outer:
            for (Object[] r : read(t).values()) {
                for (int i = 0; i < idx.length; i++) {
                    if (!Values.same(r[idx[i]], vals[i])) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        @Override
        public int anonymize(TableMapping mapping, List<RowKey> keys, ErasureContext context) {
            TableSchema t = schema.require(mapping.table());
            List<PiiField> fields = mapping.erasedFields();
            NavigableMap<RowKey, Object[]> rows = write(t);
            int changed = 0;
            for (RowKey k : keys) {
                Object[] r = rows.get(k);
                if (r == null) {
                    continue;
                }
                Object[] next = r.clone();
                boolean pending = false;
                for (PiiField f : fields) {
                    int i = RowMatcher.column(t, f.column());
                    pending |= !f.strategy().erasedForm().matches(r[i]);
                    next[i] = f.strategy().apply(r[i], context);
                    if (next[i] == null && !t.columns().get(i).nullable()) {
                        throw new StorageException("column " + t.name() + "." + f.column() + " is NOT NULL; "
                                + "use REDACT or HASH instead of NULL");
                    }
                }
                if (pending) {
                    rows.put(k, next);
                    changed++;
                }
            }
            return changed;
        }

        @Override
        public int delete(String table, List<RowKey> keys) {
            TableSchema t = schema.require(table);
            NavigableMap<RowKey, Object[]> rows = write(t);
            int deleted = 0;
            for (RowKey k : keys) {
                Object[] r = rows.get(k);
                if (r == null) {
                    continue;
                }
                checkNotReferenced(t, r);
                rows.remove(k);
                deleted++;
            }
            return deleted;
        }

        private void checkNotReferenced(TableSchema parent, Object[] row) {
            for (TableSchema child : schema.tables()) {
                for (ForeignKey fk : child.foreignKeys()) {
                    if (!fk.referencedTable().equalsIgnoreCase(parent.name())) {
                        continue;
                    }
                    Object[] vals = fk.referencedColumns().stream().map(c -> row[RowMatcher.column(parent, c)]).toArray();
                    if (contains(child, fk.columns(), vals)) {
                        throw new StorageException("cannot delete from " + parent.name() + ": foreign key "
                                + fk.name() + " of table " + child.name() + " still refers to the row");
                    }
                }
            }
        }

        private RowKey keyOf(TableSchema t, Object[] row) {
            List<Object> vals = new ArrayList<>();
            for (String pk : t.primaryKey()) {
                Object v = row[RowMatcher.column(t, pk)];
                if (v == null) {
                    throw new StorageException("primary key column " + t.name() + "." + pk + " is NULL");
                }
                vals.add(v);
            }
            return new RowKey(vals);
        }
    }
}
