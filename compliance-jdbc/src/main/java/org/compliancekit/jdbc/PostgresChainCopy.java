package org.compliancekit.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Predicate;
import org.compliancekit.audit.ChainRow;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads audit rows from PostgreSQL with {@code COPY (SELECT …) TO STDOUT (FORMAT binary)} and decodes them into
 * {@link ChainRow}s the same way {@link AuditTables#row} decodes a result set. Exists for speed: a result set costs
 * a message, a row object and a field object per value, which made the driver, not hashing, the limit of
 * verification. In binary format the server neither escapes text nor formats numbers and times, and this class
 * finds each value by its length prefix instead of scanning for separators.
 *
 * <p>Binary format (PostgreSQL manual, "COPY", "Binary Format"): an 11-byte signature, a 32-bit flags field and a
 * 32-bit header-extension length followed by that many bytes; then per row a 16-bit field count and, per field, a
 * 32-bit length ({@code -1} for NULL) and the value in the type's send format; a field count of {@code -1} ends
 * the stream. Values here: {@code bigint} 8 bytes big-endian, {@code timestamp} microseconds since 2000-01-01 as
 * 8 bytes, {@code smallint} 2 bytes, {@code boolean} one byte, text types their UTF-8 bytes. Memory is one copy message plus one unfinished
 * row, whatever the table's size.
 */
final class PostgresChainCopy {

    private static final int COLUMNS_V1 = 11;
    private static final int COLUMNS = 13;
    private static final String BAD_FORMAT = "22P04";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int HEADER = SIGNATURE.length + 8;
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    private static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private final int columns;
    private final int[] starts = new int[COLUMNS];
    private final int[] lengths = new int[COLUMNS];
    private byte[] pending = new byte[8192];
    private int pendingLength;
    private boolean headerRead;
    private boolean ended;
    private long rows;

    /**
     * Runs {@code copySql} on {@code c} and hands each row to {@code sink} in stream order until {@code sink}
     * returns {@code false}; returns the rows decoded. The rest of the stream is then read and dropped, which
     * leaves the transaction usable (cancelling a copy aborts it).
     */
    static long read(Connection c, String copySql, boolean personalColumns, Predicate<ChainRow> sink)
            throws SQLException {
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        PostgresChainCopy decoder = new PostgresChainCopy(personalColumns);
        boolean wanted = true;
        for (byte[] chunk = copy.readFromCopy(); chunk != null; chunk = copy.readFromCopy()) {
            wanted = wanted && decoder.feed(chunk, sink);
        }
        if (wanted && !decoder.ended) {
            throw new SQLException("the audit row copy stream ended inside a row", BAD_FORMAT);
        }
        return decoder.rows;
    }

    /**
     * A decoder of rows selecting {@link AuditSql#COLUMNS}, or {@link AuditSql#COLUMNS_V1} without
     * {@code personalColumns}.
     */
    PostgresChainCopy(boolean personalColumns) {
        this.columns = personalColumns ? COLUMNS : COLUMNS_V1;
    }

    /**
     * Decodes every complete row of {@code chunk} (with what an earlier chunk left unfinished) and keeps the
     * unfinished rest; returns {@code false} as soon as {@code sink} does.
     */
    boolean feed(byte[] chunk, Predicate<ChainRow> sink) throws SQLException {
        byte[] data = chunk;
        int length = chunk.length;
        if (pendingLength > 0) {
            ensurePending(pendingLength + chunk.length);
            System.arraycopy(chunk, 0, pending, pendingLength, chunk.length);
            data = pending;
            length = pendingLength + chunk.length;
        }
        int at = headerRead ? 0 : header(data, length);
        while (at >= 0 && !ended) {
            if (length - at < 2) {
                break;
            }
            short fields = (short) INT16.get(data, at);
            if (fields == -1) {
                ended = true;
                at += 2;
                break;
            }
            if (fields != columns) {
                throw new SQLException("the audit row copy stream has " + fields + " columns, not " + columns, BAD_FORMAT);
            }
            int end = locateFields(data, at + 2, length);
            if (end < 0) {
                break;
            }
            ChainRow row = row(data);
            at = end;
            rows++;
            if (!sink.test(row)) {
                pendingLength = 0;
                return false;
            }
        }
        int rest = at < 0 ? length : length - at;
        if (ended) {
            rest = 0;
        } else if (rest > 0 && (data != pending || at > 0)) {
            ensurePending(rest);
            System.arraycopy(data, at < 0 ? 0 : at, pending, 0, rest);
        }
        pendingLength = rest;
        return true;
    }

    /** Skips the header; returns where the rows start, or {@code -1} while the header is still incomplete. */
    private int header(byte[] data, int length) throws SQLException {
        if (length < HEADER) {
            return -1;
        }
        if (!Arrays.equals(data, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new SQLException("the audit row copy stream is not in PostgreSQL's binary copy format", BAD_FORMAT);
        }
        int extension = (int) INT32.get(data, SIGNATURE.length + 4);
        if (length < HEADER + extension) {
            return -1;
        }
        headerRead = true;
        return HEADER + extension;
    }

    /** Records where each field of the row at {@code at} lies; returns the row's end, {@code -1} if incomplete. */
    private int locateFields(byte[] data, int at, int length) {
        for (int f = 0; f < columns; f++) {
            if (length - at < 4) {
                return -1;
            }
            int n = (int) INT32.get(data, at);
            at += 4;
            starts[f] = at;
            lengths[f] = n;
            if (n > 0) {
                if (length - at < n) {
                    return -1;
                }
                at += n;
            }
        }
        return at;
    }

    private ChainRow row(byte[] data) {
        // Same NULL handling as AuditTables.row: only actor and personal may be NULL; elsewhere a NULL reads as empty
        // or zero.
        boolean v2 = columns == COLUMNS;
        return new ChainRow(int64(data, 0), time(data), text(data, 2), text(data, 3),
                lengths[4] < 0 ? null : text(data, 4), text(data, 5), text(data, 6), int64(data, 7),
                lengths[8] == 1 && data[starts[8]] != 0, text(data, 9), text(data, 10),
                !v2 ? 1 : lengths[11] == 2 ? (short) INT16.get(data, starts[11]) : 0,
                v2 && lengths[12] >= 0 ? text(data, 12) : null);
    }

    private String text(byte[] data, int field) {
        return lengths[field] <= 0 ? "" : new String(data, starts[field], lengths[field], StandardCharsets.UTF_8);
    }

    private long int64(byte[] data, int field) {
        return lengths[field] == 8 ? (long) INT64.get(data, starts[field]) : 0;
    }

    private Instant time(byte[] data) {
        long micros = int64(data, 1);
        if (lengths[1] != 8 || micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            // Only an altered table holds NULL or 'infinity': it reads as the epoch and fails that row's hash.
            return Instant.EPOCH;
        }
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECOND + Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private void ensurePending(int size) {
        if (pending.length < size) {
            pending = Arrays.copyOf(pending, Math.max(size, pending.length * 2));
        }
    }
}
