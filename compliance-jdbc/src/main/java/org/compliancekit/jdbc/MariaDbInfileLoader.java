package org.compliancekit.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.compliancekit.StorageException;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.RowCursor;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;

/**
 * Restores rows into MariaDB with {@code LOAD DATA LOCAL INFILE}, the server's fastest load path, fed from memory
 * through MariaDB Connector/J: rows are encoded into chunks of a bounded size and each chunk is one statement in
 * the restore's transaction, so the source is read between statements, never while the driver streams a chunk.
 *
 * <p>With {@code LOCAL} the server turns rejected rows (a duplicate key, a value that does not fit) into
 * warnings and goes on; every chunk is therefore checked to have loaded each of its rows without a warning, and
 * fails the restore otherwise. Tables with a column type this encoding does not cover, and other drivers, load
 * with {@link BatchInserter}.
 */
final class MariaDbInfileLoader {
    private static final int CHUNK_BYTES = 4 << 20;
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);
    private static final Method SET_STREAM = streamSetter();

    private final Dialect dialect;

    MariaDbInfileLoader(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Whether {@code c} and every column of {@code columns} can load this way. */
    static boolean supports(Connection c, List<ColumnSchema> columns) throws SQLException {
        if (SET_STREAM == null || !columns.stream().allMatch(MariaDbInfileLoader::plain)) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            if (!s.isWrapperFor(SET_STREAM.getDeclaringClass())) {
                return false;
            }
            // The server may refuse LOCAL loads (MySQL's default); then rows go as INSERTs.
            try (java.sql.ResultSet rs = s.executeQuery("SELECT @@local_infile")) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static boolean plain(ColumnSchema c) {
        String nativeType = c.nativeType() == null ? "" : c.nativeType().toLowerCase(Locale.ROOT);
        return switch (c.type()) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, TEXT, DATE, TIMESTAMP, UUID -> true;
            case BOOLEAN -> nativeType.startsWith("tinyint") || nativeType.startsWith("bool");
            default -> false;
        };
    }

    long load(Connection c, String qualifiedTable, TableSchema table, List<ColumnSchema> columns, RowCursor rows)
            throws SQLException {
        String sql = "LOAD DATA LOCAL INFILE 'restore' INTO TABLE " + qualifiedTable + " CHARACTER SET utf8mb4 "
                + "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
                + LoadColumns.list(dialect, columns) + ")";
        CopyTextBuffer chunk = CopyTextBuffer.forLoadData(CHUNK_BYTES + (CHUNK_BYTES >> 2));
        long n = 0;
        long inChunk = 0;
        for (Object[] row = rows.next(); row != null; row = rows.next()) {
            LoadColumns.checkWidth(table, row, columns.size(), n + 1);
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    chunk.separator('\t');
                }
                if (row[i] == null) {
                    chunk.nullValue();
                } else {
                    chunk.escaped(text(row[i], columns.get(i).type()));
                }
            }
            chunk.separator('\n');
            inChunk++;
            n++;
            if (chunk.size() >= CHUNK_BYTES) {
                send(c, sql, table, chunk, inChunk);
                inChunk = 0;
            }
        }
        send(c, sql, table, chunk, inChunk);
        return n;
    }

    private static void send(Connection c, String sql, TableSchema table, CopyTextBuffer chunk, long rows)
            throws SQLException {
        if (rows == 0) {
            return;
        }
        try (Statement s = c.createStatement()) {
            InputStream in = new ByteArrayInputStream(chunk.bytes(), 0, chunk.size());
            try {
                SET_STREAM.invoke(s.unwrap(SET_STREAM.getDeclaringClass()), in);
            } catch (ReflectiveOperationException e) {
                throw new StorageException("the MariaDB driver refused a LOAD DATA stream for table " + table.name(), e);
            }
            long loaded = s.executeLargeUpdate(sql);
            SQLWarning warning = s.getWarnings();
            if (loaded != rows || warning != null) {
                // Warnings can quote row values, so only their codes are reported.
                throw new StorageException("restore of table " + table.name() + ": MariaDB loaded " + loaded + " of "
                        + rows + " rows of a chunk" + (warning == null ? "" : " and reported warning code "
                        + warning.getErrorCode()) + " (a key already taken, or a value that does not fit its column)");
            }
        }
        chunk.clear();
    }

    /** The value as LOAD DATA reads it, before escaping. */
    private static String text(Object v, SqlType type) {
        return switch (type) {
            case BOOLEAN -> ((Boolean) v) ? "1" : "0";
            case SMALLINT, INTEGER, BIGINT -> v instanceof Boolean b ? (b ? "1" : "0")
                    : v instanceof BigDecimal d ? d.toPlainString() : Long.toString(((Number) v).longValue());
            case DECIMAL -> Dialect.decimal((Number) v).toPlainString();
            case TIMESTAMP -> DATETIME.format((LocalDateTime) v);
            default -> v.toString();
        };
    }

    private static Method streamSetter() {
        try {
            return Class.forName("org.mariadb.jdbc.Statement").getMethod("setLocalInfileInputStream", InputStream.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null; // not MariaDB Connector/J: rows load with batched INSERTs
        }
    }
}
