package org.compliancekit.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.Predicate;
import org.compliancekit.audit.ChainRow;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads audit rows from PostgreSQL with {@code COPY (SELECT …) TO STDOUT} in text format and decodes them into
 * {@link ChainRow}s the same way {@link AuditTables#row} decodes a result set. Exists for speed: a result set costs
 * a message, a row object and a field object per value, which made the driver, not hashing, the limit of
 * verification; the copy stream is a run of bytes this class cuts into fields itself.
 *
 * <p>Text format, as the server writes it: columns separated by a tab, rows ended by a newline, {@code \N} for
 * NULL, and backslash escapes ({@code \\ \b \f \n \r \t \v}) for those characters inside a value. The session's
 * DateStyle is ISO (the driver sets it), so timestamps read {@code yyyy-MM-dd HH:mm:ss[.ffffff]}. Memory is one
 * copy message plus one partial row, whatever the table's size.
 */
final class PostgresChainCopy {

    private static final int COLUMNS = 11;
    private static final String BAD_FORMAT = "22P04";

    private final int[] starts = new int[COLUMNS];
    private final int[] ends = new int[COLUMNS];
    private byte[] pending = new byte[8192];
    private int pendingLength;
    private byte[] scratch = new byte[1024];
    private long rows;

    /**
     * Runs {@code copySql} on {@code c} and hands each row to {@code sink} in stream order until {@code sink}
     * returns {@code false}; returns the rows decoded. The rest of the stream is then read and dropped, which
     * leaves the transaction usable (cancelling a copy aborts it).
     */
    static long read(Connection c, String copySql, Predicate<ChainRow> sink) throws SQLException {
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        PostgresChainCopy decoder = new PostgresChainCopy();
        boolean wanted = true;
        for (byte[] chunk = copy.readFromCopy(); chunk != null; chunk = copy.readFromCopy()) {
            wanted = wanted && decoder.feed(chunk, sink);
        }
        if (wanted && decoder.pendingLength > 0) {
            throw new SQLException("the audit row copy stream ended inside a row", BAD_FORMAT);
        }
        return decoder.rows;
    }

    /**
     * Decodes every complete row of {@code chunk} (with what an earlier chunk left unfinished) and keeps the
     * unfinished rest; returns {@code false} as soon as {@code sink} does.
     */
    boolean feed(byte[] chunk, Predicate<ChainRow> sink) throws SQLException {
        byte[] data = chunk;
        int length = chunk.length;
        // The unfinished row holds no newline, so only the new bytes are searched (a large row may come in pieces).
        int scanFrom = 0;
        if (pendingLength > 0) {
            ensurePending(pendingLength + chunk.length);
            System.arraycopy(chunk, 0, pending, pendingLength, chunk.length);
            data = pending;
            scanFrom = pendingLength;
            length = pendingLength + chunk.length;
        }
        int lineStart = 0;
        for (int i = indexOf(data, (byte) '\n', scanFrom, length); i >= 0;
                i = indexOf(data, (byte) '\n', lineStart, length)) {
            ChainRow row = row(data, lineStart, i);
            lineStart = i + 1;
            rows++;
            if (!sink.test(row)) {
                pendingLength = 0;
                return false;
            }
        }
        int rest = length - lineStart;
        if (rest > 0 && (data != pending || lineStart > 0)) {
            ensurePending(rest);
            System.arraycopy(data, lineStart, pending, 0, rest);
        }
        pendingLength = rest;
        return true;
    }

    private ChainRow row(byte[] line, int from, int to) throws SQLException {
        int column = 0;
        starts[0] = from;
        for (int i = from; i < to; i++) {
            if (line[i] == '\t') {
                if (column + 1 >= COLUMNS) {
                    throw new SQLException("the audit row copy stream has more columns than selected", BAD_FORMAT);
                }
                ends[column++] = i;
                starts[column] = i + 1;
            }
        }
        if (column != COLUMNS - 1) {
            throw new SQLException("the audit row copy stream has fewer columns than selected", BAD_FORMAT);
        }
        ends[column] = to;
        // Same NULL handling as AuditTables.row: only actor may be NULL; elsewhere a NULL reads as empty or zero.
        return new ChainRow(number(line, 0), time(line, 1), text(line, 2), text(line, 3),
                isNull(line, 4) ? null : text(line, 4), text(line, 5), text(line, 6), number(line, 7),
                length(8) == 1 && line[starts[8]] == 't', text(line, 9), text(line, 10));
    }

    private int length(int column) {
        return ends[column] - starts[column];
    }

    private boolean isNull(byte[] line, int column) {
        return length(column) == 2 && line[starts[column]] == '\\' && line[starts[column] + 1] == 'N';
    }

    private String text(byte[] line, int column) {
        if (isNull(line, column)) {
            return "";
        }
        int start = starts[column];
        int end = ends[column];
        if (indexOf(line, (byte) '\\', start, end) < 0) {
            return new String(line, start, end - start, StandardCharsets.UTF_8);
        }
        if (scratch.length < end - start) {
            scratch = new byte[Math.max(end - start, scratch.length * 2)];
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            byte b = line[i];
            if (b == '\\' && i + 1 < end) {
                b = unescape(line[++i]);
            }
            scratch[n++] = b;
        }
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    private static byte unescape(byte escaped) {
        return switch (escaped) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0b;
            default -> escaped;
        };
    }

    private long number(byte[] line, int column) {
        if (isNull(line, column)) {
            return 0;
        }
        int i = starts[column];
        int end = ends[column];
        boolean negative = i < end && line[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        for (; i < end; i++) {
            value = value * 10 + (line[i] - '0');
        }
        return negative ? -value : value;
    }

    /** An ISO timestamp without zone, read as UTC; the general shape (five-digit or BC years) is parsed too. */
    private Instant time(byte[] line, int column) {
        if (isNull(line, column)) {
            return Instant.EPOCH;
        }
        int start = starts[column];
        int end = ends[column];
        boolean bc = end - start > 3 && line[end - 3] == ' ' && line[end - 2] == 'B' && line[end - 1] == 'C';
        if (bc) {
            end -= 3;
        }
        int yearEnd = indexOf(line, (byte) '-', start + 1, end);
        if (yearEnd < 0 || end - yearEnd < 15) {
            // Only an altered table holds 'infinity': like a NULL, it reads as the epoch and fails that row's hash.
            return Instant.EPOCH;
        }
        int year = (int) digits(line, start, yearEnd);
        // PostgreSQL has no year 0: 1 BC is ISO year 0.
        year = bc ? 1 - year : year;
        int at = yearEnd + 1;
        int month = (int) digits(line, at, at + 2);
        int day = (int) digits(line, at + 3, at + 5);
        int hour = (int) digits(line, at + 6, at + 8);
        int minute = (int) digits(line, at + 9, at + 11);
        int second = (int) digits(line, at + 12, at + 14);
        int micros = 0;
        if (at + 14 < end && line[at + 14] == '.') {
            int fractionDigits = end - (at + 15);
            micros = (int) digits(line, at + 15, end);
            for (int d = fractionDigits; d < 6; d++) {
                micros *= 10;
            }
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(epochSecond, micros * 1000L);
    }

    private static long digits(byte[] line, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }

    private static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void ensurePending(int size) {
        if (pending.length < size) {
            pending = Arrays.copyOf(pending, Math.max(size, pending.length * 2));
        }
    }
}
