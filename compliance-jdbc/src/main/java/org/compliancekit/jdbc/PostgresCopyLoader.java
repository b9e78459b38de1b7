package org.compliancekit.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Restores rows into PostgreSQL with {@code COPY … FROM STDIN} in text format, the server's fastest load path.
 * Rows are encoded straight to UTF-8 into one reused buffer ({@link CopyTextBuffer}) and sent in large chunks as it
 * fills, so memory does not grow with the table.
 *
 * <p>Text format: columns separated by a tab, rows by a newline, {@code \N} for NULL, and backslash, tab,
 * newline and carriage return escaped with a backslash. Each value is written in the type's input syntax
 * (arrays as {@code {…}} literals with quoted elements, bytea as {@code \x} hex).
 */
final class PostgresCopyLoader {
    private static final int FLUSH_BYTES = 1 << 18;
    private static final HexFormat HEX = HexFormat.of();

    private final Dialect dialect;

    PostgresCopyLoader(Dialect dialect) {
        this.dialect = dialect;
    }

    long load(Connection c, String qualifiedTable, TableSchema table, RowCursor rows) throws SQLException {
        List<ColumnSchema> columns = LoadColumns.of(table, rows.columns());
        String sql = "COPY " + qualifiedTable + " (" + LoadColumns.list(dialect, columns) + ") FROM STDIN";
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        CopyTextBuffer line = new CopyTextBuffer(FLUSH_BYTES + (FLUSH_BYTES >> 2));
        long n = 0;
        Throwable failure = null;
        try {
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

    private static void send(CopyIn copy, CopyTextBuffer line) throws SQLException {
        copy.writeToCopy(line.bytes(), 0, line.size());
        line.clear();
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
