package org.compliancekit.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.compliancekit.pii.ErasureContext;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.RowKey;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.StoreReader;
import org.compliancekit.store.StoreTransaction;

/**
 * Passes everything to a real store and records what the engines asked for: the tables written in order, the
 * number of transactions, and the rows handed out by scans.
 */
final class RecordingStore implements DataStore {
    private final DataStore delegate;
    final List<String> writes = new ArrayList<>();
    final AtomicLong transactions = new AtomicLong();
    final AtomicLong scannedRows = new AtomicLong();

    RecordingStore(DataStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public SchemaDescription describe() {
        return delegate.describe();
    }

    @Override
    public ReadView openReadView() {
        ReadView view = delegate.openReadView();
        return new RecordingView(view);
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        transactions.incrementAndGet();
        return delegate.inTransaction(tx -> work.run(new RecordingTx(tx)));
    }

    @Override
    public Map<String, Long> load(List<String> tables, LoadSource source, LoadMode mode) {
        return delegate.load(tables, source, mode);
    }

    private RowCursor counting(RowCursor c) {
        return new RowCursor() {
            @Override
            public List<String> columns() {
                return c.columns();
            }

            @Override
            public Object[] next() {
                Object[] r = c.next();
                if (r != null) {
                    scannedRows.incrementAndGet();
                }
                return r;
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    private class RecordingReader implements StoreReader {
        private final StoreReader reader;

        RecordingReader(StoreReader reader) {
            this.reader = reader;
        }

        @Override
        public RowCursor scan(String table) {
            return counting(reader.scan(table));
        }

        @Override
        public RowCursor subjectRows(TableMapping mapping, SubjectRef subject) {
            return reader.subjectRows(mapping, subject);
        }

        @Override
        public List<MatchedRow> findExpired(ExpiryQuery query) {
            return reader.findExpired(query);
        }
    }

    private final class RecordingView extends RecordingReader implements ReadView {
        private final ReadView view;

        RecordingView(ReadView view) {
            super(view);
            this.view = view;
        }

        @Override
        public void close() {
            view.close();
        }
    }

    private final class RecordingTx extends RecordingReader implements StoreTransaction {
        private final StoreTransaction tx;

        RecordingTx(StoreTransaction tx) {
            super(tx);
            this.tx = tx;
        }

        @Override
        public int anonymize(TableMapping mapping, List<RowKey> keys, ErasureContext context) {
            writes.add("anonymize " + mapping.table());
            return tx.anonymize(mapping, keys, context);
        }

        @Override
        public int delete(String table, List<RowKey> keys) {
            writes.add("delete " + table);
            return tx.delete(table, keys);
        }
    }
}
