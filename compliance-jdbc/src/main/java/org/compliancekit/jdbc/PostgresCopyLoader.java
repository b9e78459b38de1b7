package org.compliancekit.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Restores rows into PostgreSQL with {@code COPY … FROM STDIN}, the server's fastest load path. Rows are encoded
 * into one reused buffer and sent in large chunks as it fills, so memory does not grow with the table.
 *
 * <p>A table whose loaded columns all have a type of {@link CopyBinaryType} loads in binary format
 * ({@link CopyBinaryBuffer}): the server then parses no text, and the client escapes none, which together is most of
 * a restore's CPU. Each value is sent in the binary form of exactly what the text path would make the server store.
 * Any other table (an array, enum, domain, interval or other type whose value is kept as its text) loads in text
 * format ({@link CopyTextBuffer}), where the server's input function of the column's type reads each value; so
 * does a table whose first rows hold a value of a class only that input reads (a String for a uuid column, as a
 * backup from another database product decodes it).
 *
 * <p>Text format: columns separated by a tab, rows by a newline, {@code \N} for NULL, and backslash, tab,
 * newline and carriage return escaped with a backslash. Each value is written in the type's input syntax
 * (arrays as {@code {…}} literals with quoted elements, bytea as {@code \x} hex).
 */
final class PostgresCopyLoader {
    private static final int FLUSH_BYTES = 1 << 18;
    /** Rows read ahead, at most, to learn the Java classes of the values before choosing the COPY format. */
    private static final int SAMPLE = 1_000;
    /** The most the read-ahead holds, roughly, in value bytes. */
    private static final long SAMPLE_BYTES = 4L << 20;
    private static final HexFormat HEX = HexFormat.of();

    private final Dialect dialect;

    PostgresCopyLoader(Dialect dialect) {
        this.dialect = dialect;
    }

    long load(Connection c, String qualifiedTable, TableSchema table, RowCursor rows) throws SQLException {
        return load(c, qualifiedTable, table, rows, true);
    }

    /** @param binaryAllowed false to load in text format whatever the columns' types (tests compare the two) */
    long load(Connection c, String qualifiedTable, TableSchema table, RowCursor rows, boolean binaryAllowed)
            throws SQLException {
        List<ColumnSchema> columns = LoadColumns.of(table, rows.columns());
        List<CopyBinaryType> binary = binaryAllowed ? CopyBinaryType.of(c, qualifiedTable, columns) : null;
        List<Object[]> head = new ArrayList<>();
        if (binary != null && !binaryTakes(rows, head, binary)) {
            binary = null;
        }
        Iterator<Object[]> first = head.iterator();
        RowCursor source = RowCursor.of(rows.columns(), new Iterator<>() {
            private Object[] next = advance();

            private Object[] advance() {
                return first.hasNext() ? first.next() : rows.next();
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Object[] next() {
                Object[] row = next;
                next = advance();
                return row;
            }
        });
        String sql = "COPY " + qualifiedTable + " (" + LoadColumns.list(dialect, columns) + ") FROM STDIN"
                + (binary != null ? " (FORMAT binary)" : "");
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        Throwable failure = null;
        try {
            long n = binary != null ? binary(copy, table, source, columns, binary) : text(copy, table, source, columns);
            copy.endCopy();
            return n;
        } catch (SQLException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (copy.isActive()) {
                cancel(copy, failure);
            }
        }
    }

    /**
     * Reads rows into {@code head} until every column whose type can refuse a value's class has shown a value, and
     * says whether the binary encoder takes them; decided before COPY starts, as its format cannot change. A column
     * still without a value when the sample ends ({@value #SAMPLE} rows or {@value #SAMPLE_BYTES} bytes, so wide
     * rows are not held by the thousand) loads the table as text: its later values could be of any class.
     */
    static boolean binaryTakes(RowCursor rows, List<Object[]> head, List<CopyBinaryType> types) {
        boolean[] seen = new boolean[types.size()];
        int unseen = 0;
        for (int i = 0; i < seen.length; i++) {
            seen[i] = types.get(i).acceptsAnything();
            unseen += seen[i] ? 0 : 1;
        }
        long bytes = 0;
        while (unseen > 0 && head.size() < SAMPLE && bytes < SAMPLE_BYTES) {
            Object[] row = rows.next();
            if (row == null) {
                return true; // the whole table is in the sample: every value it has was checked
            }
            head.add(row);
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                bytes += v instanceof String str ? 2L * str.length() : v instanceof byte[] b ? b.length : 16;
                if (v != null && i < seen.length && !seen[i]) {
                    if (!types.get(i).accepts(v)) {
                        return false;
                    }
                    seen[i] = true;
                    unseen--;
                }
            }
        }
        return unseen == 0;
    }

    private static long binary(CopyIn copy, TableSchema table, RowCursor rows, List<ColumnSchema> columns,
            List<CopyBinaryType> types) throws SQLException {
        CopyBinaryBuffer out = new CopyBinaryBuffer(FLUSH_BYTES + (FLUSH_BYTES >> 2), table.name(), columns, types);
        out.header();
        long n = 0;
        for (Object[] row = rows.next(); row != null; row = rows.next()) {
            LoadColumns.checkWidth(table, row, columns.size(), n + 1);
            out.row(row);
            n++;
            if (out.size() >= FLUSH_BYTES) {
                send(copy, out);
            }
        }
        out.trailer();
        send(copy, out);
        return n;
    }

    private static long text(CopyIn copy, TableSchema table, RowCursor rows, List<ColumnSchema> columns)
            throws SQLException {
        CopyTextBuffer line = new CopyTextBuffer(FLUSH_BYTES + (FLUSH_BYTES >> 2));
        long n = 0;
        for (Object[] row = rows.next(); row != null; row = rows.next()) {
            LoadColumns.checkWidth(table, row, columns.size(), n + 1);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.separator('\t');
                }
                if (row[i] == null) {
                    line.nullValue();
                } else {
                    ColumnSchema column = columns.get(i);
                    line.value(row[i], column.type(), column.elementType());
                }
            }
            line.separator('\n');
            n++;
            if (line.size() >= FLUSH_BYTES) {
                send(copy, line);
            }
        }
        send(copy, line);
        return n;
    }

    /**
     * Ends an unfinished COPY, e.g. when the rows' source failed a check midway; a failure to cancel must not hide
     * the reason the load stopped, and the transaction is rolled back either way.
     */
    private static void cancel(CopyIn copy, Throwable failure) throws SQLException {
        try {
            copy.cancelCopy();
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private static void send(CopyIn copy, CopyBuffer out) throws SQLException {
        copy.writeToCopy(out.bytes(), 0, out.size());
        out.clear();
    }

    /** The value in its type's input syntax, before COPY escaping. */
    static String text(Object v, SqlType type, SqlType elementType) {
        return switch (type) {
            case BOOLEAN -> ((Boolean) v) ? "t" : "f";
            case BINARY -> "\\x" + HEX.formatHex((byte[]) v);
            case DECIMAL -> v instanceof Double d && !Double.isFinite(d) ? PostgresText.text(d)
                    : Dialect.decimal((Number) v).toPlainString();
            case DATE, TIMESTAMP, TIMESTAMP_TZ -> PostgresText.text(v);
            case SMALLINT, INTEGER, BIGINT -> v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(((Number) v).longValue());
            case ARRAY -> arrayLiteral((List<?>) v, elementType);
            default -> v.toString();
        };
    }

    private static String arrayLiteral(List<?> list, SqlType elementType) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = list.get(i);
            if (e == null) {
                sb.append("NULL");
            } else if (e instanceof List<?> nested) {
                sb.append(arrayLiteral(nested, elementType));
            } else {
                // Quoting every element keeps commas, braces, spaces and the word NULL literal.
                sb.append('"');
                String s = text(e, elementType, null);
                for (int j = 0; j < s.length(); j++) {
                    char ch = s.charAt(j);
                    if (ch == '"' || ch == '\\') {
                        sb.append('\\');
                    }
                    sb.append(ch);
                }
                sb.append('"');
            }
        }
        return sb.append('}').toString();
    }
}
