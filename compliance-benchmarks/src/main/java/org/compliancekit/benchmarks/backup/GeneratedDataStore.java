package org.compliancekit.benchmarks.backup;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.pii.TableMapping;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.DataStore;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.MatchedRow;
import org.compliancekit.store.ReadView;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SchemaDescription;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/**
 * A read-only data store with one table, {@code events}, whose rows are computed on the fly: any number of rows in
 * constant memory, about 200 bytes each once encoded as backup JSON. Only backups read it.
 */
final class GeneratedDataStore implements DataStore {
    static final String TABLE = "events";
    private static final String PAYLOAD = "order placed via web checkout; items shipped in two parcels; "
            + "customer asked for a paper invoice";
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final long rows;
    private final SchemaDescription schema = SchemaDescription.of(new TableSchema(TABLE, List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.of("user_id", SqlType.BIGINT, false),
            ColumnSchema.text("email", 200, false),
            new ColumnSchema("amount", SqlType.DECIMAL, "numeric(12,2)", false, 12, 2, null, false),
            ColumnSchema.of("created_at", SqlType.TIMESTAMP_TZ, false),
            ColumnSchema.of("paid", SqlType.BOOLEAN, false),
            ColumnSchema.of("note", SqlType.TEXT, true)), List.of("id"), List.of()));

    GeneratedDataStore(long rows) {
        this.rows = rows;
    }

    @Override
    public SchemaDescription describe() {
        return schema;
    }

    @Override
    public ReadView openReadView() {
        return new ReadView() {
            @Override
            public RowCursor scan(String table) {
                return cursor();
            }

            @Override
            public RowCursor subjectRows(TableMapping mapping, SubjectRef subject) {
                throw new UnsupportedOperationException("the generated store only serves backups");
            }

            @Override
            public List<MatchedRow> findExpired(ExpiryQuery query) {
                throw new UnsupportedOperationException("the generated store only serves backups");
            }

            @Override
            public void close() {
            }
        };
    }

    private RowCursor cursor() {
        List<String> columns = schema.tables().get(0).columnNames();
        return new RowCursor() {
            private long next = 1;

            @Override
            public List<String> columns() {
                return columns;
            }

            @Override
            public Object[] next() {
                if (next > rows) {
                    return null;
                }
                long id = next++;
                return new Object[] {id, id % 50_000, "customer" + (id % 50_000) + "@example.com",
                        BigDecimal.valueOf(id % 100_000, 2), START.plusSeconds(id), (id & 1) == 0, PAYLOAD};
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        throw new UnsupportedOperationException("the generated store is read-only");
    }

    @Override
    public Map<String, Long> load(List<String> tables, LoadSource source, LoadMode mode) {
        throw new UnsupportedOperationException("the generated store is read-only");
    }
}
