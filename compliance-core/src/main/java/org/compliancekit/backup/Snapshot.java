package org.compliancekit.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.compliancekit.IntegrityException;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;

/**
 * One table's snapshot document: {@code {"format":2,"table":..,"columns":[..],"rows":[[..],..],"rowCount":n}},
 * written and read one row at a time.
 */
final class Snapshot {
    /**
     * Format written: 2 since the value encodings for type fidelity (infinite dates, multi-dimensional arrays, the
     * special decimals) and schema-qualified table names. Format 1 documents hold a subset of those values and
     * are still read; a higher format is refused, never read as if it were one of these.
     */
    static final int FORMAT = 2;
    static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private Snapshot() {
    }

    /** Streams every row of {@code rows} to {@code out} (left open); returns the number of rows. */
    static long write(OutputStream out, String table, List<ColumnSchema> columns, RowCursor rows) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeStringField("table", table);
            g.writeArrayFieldStart("columns");
            for (ColumnSchema c : columns) {
                g.writeString(c.name());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            long n = 0;
            for (Object[] r = rows.next(); r != null; r = rows.next()) {
                g.writeStartArray();
                for (int i = 0; i < columns.size(); i++) {
                    ValueCodec.encode(g, columns.get(i), r[i]);
                }
                g.writeEndArray();
                n++;
            }
            g.writeEndArray();
            g.writeNumberField("rowCount", n);
            g.writeEndObject();
            return n;
        }
    }

    /** A cursor over a snapshot document; checks the table, the columns and the final row count. */
    static RowCursor read(InputStream in, String table, List<ColumnSchema> columns, String objectKey) {
        try {
            return new Reader(in, table, columns, objectKey);
        } catch (IOException e) {
            throw new IntegrityException("cannot read the snapshot " + objectKey + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static final class Reader implements RowCursor {
        private final InputStream in;
        private final JsonParser p;
        private final List<ColumnSchema> columns;
        private final List<String> names;
        private final String objectKey;
        private long row;
        private boolean done;

        Reader(InputStream in, String table, List<ColumnSchema> columns, String objectKey) throws IOException {
            this.in = in;
            this.p = JSON.createParser(in);
            this.columns = columns;
            this.names = columns.stream().map(ColumnSchema::name).toList();
            this.objectKey = objectKey;
            expect(p.nextToken() == JsonToken.START_OBJECT, "a JSON object");
            field("format");
            expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT, "a format number");
            int format = p.getIntValue();
            if (format > FORMAT) {
                throw new IntegrityException("snapshot " + objectKey + " has format " + format + "; this library "
                        + "reads snapshot formats 1 to " + FORMAT + ", upgrade it to read this backup");
            }
            expect(format >= 1, "format 1 to " + FORMAT);
            field("table");
            expect(p.nextToken() == JsonToken.VALUE_STRING && p.getText().equals(table), "table " + table);
            field("columns");
            expect(p.nextToken() == JsonToken.START_ARRAY, "the column list");
            for (String name : names) {
                expect(p.nextToken() == JsonToken.VALUE_STRING && p.getText().equals(name), "column " + name);
            }
            expect(p.nextToken() == JsonToken.END_ARRAY, "exactly the manifest's columns");
            field("rows");
            expect(p.nextToken() == JsonToken.START_ARRAY, "the row list");
        }

        @Override
        public List<String> columns() {
            return names;
        }

        @Override
        public Object[] next() {
            if (done) {
                return null;
            }
            try {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    finish();
                    return null;
                }
                expect(t == JsonToken.START_ARRAY, "a row array");
                row++;
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    p.nextToken();
                    values[i] = ValueCodec.decode(p, columns.get(i), row);
                }
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    expect(false, columns.size() + " values in row " + row); // the message only when it fails
                }
                return values;
            } catch (IOException e) {
                throw new IntegrityException("snapshot " + objectKey + " is not valid JSON after row " + row
                        + " (" + e.getClass().getSimpleName() + "); the file is damaged", e);
            }
        }

        private void finish() throws IOException {
            field("rowCount");
            expect(p.nextToken() == JsonToken.VALUE_NUMBER_INT && p.getLongValue() == row, "rowCount " + row);
            expect(p.nextToken() == JsonToken.END_OBJECT, "the end of the document");
            expect(p.nextToken() == null, "nothing after the document");
            done = true;
        }

        private void field(String name) throws IOException {
            expect(p.nextToken() == JsonToken.FIELD_NAME && p.currentName().equals(name), "field " + name);
        }

        private void expect(boolean ok, String what) {
            if (!ok) {
                throw new IntegrityException("snapshot " + objectKey + " does not match its manifest: expected "
                        + what + " near row " + row);
            }
        }

        @Override
        public void close() {
            try {
                p.close();
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close snapshot " + objectKey, e);
            }
        }
    }
}
