package org.compliancekit.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.UUID;
import org.compliancekit.StorageException;
import org.compliancekit.store.ColumnSchema;

/**
 * The bytes of a {@code COPY … FROM STDIN (FORMAT binary)} stream, written into one reused array: the header, per
 * row a field count and each field's length and bytes ({@code -1} for NULL), and the trailer. Each value becomes the
 * binary form of the column's {@link CopyBinaryType} that the server stores exactly as it stores the value's COPY
 * text ({@link CopyTextBuffer}): the same numbers, instants, strings and bytes, the same rounding of nanoseconds to
 * microseconds, the same special values. A value the text path leaves for the server to reject and that has no
 * binary form (an integer too large for its column, a date outside every range) fails here, naming the table and
 * column but never the value; one the server's binary input rejects (a date before 4714 BC, a string holding NUL)
 * fails there, as its text would. Years after 9999 and offsets beyond ±15:59, whose Java text the server does not
 * read, are stored as the values they are.
 */
final class CopyBinaryBuffer extends CopyBuffer {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0,
        0, 0, 0};
    private static final long EPOCH_2000_SECONDS = 946_684_800L;
    private static final long EPOCH_2000_DAYS = 10_957L;
    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;
    private static final int NUMERIC_DSCALE_MAX = 0x3FFF;
    private static final long[] POW10 = {1, 10, 100, 1000};

    private final String table;
    private final List<ColumnSchema> columns;
    private final CopyBinaryType[] types;
    private int[] groups = new int[8];

    CopyBinaryBuffer(int capacity, String table, List<ColumnSchema> columns, List<CopyBinaryType> types) {
        super(capacity);
        this.table = table;
        this.columns = columns;
        this.types = types.toArray(new CopyBinaryType[0]);
    }

    /** The signature, no flags and an empty header extension: what must precede the first row. */
    void header() {
        ensure(HEADER.length);
        System.arraycopy(HEADER, 0, buf, size, HEADER.length);
        size += HEADER.length;
    }

    /** The field count of -1 that ends the data. */
    void trailer() {
        ensure(2);
        int16(-1);
    }

    /** One row, its values in the order of the columns this buffer was made for. */
    void row(Object[] row) {
        ensure(2);
        int16(row.length);
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v == null) {
                ensure(4);
                int32(-1);
            } else {
                try {
                    value(v, types[i], i);
                } catch (ArithmeticException | NumberFormatException e) {
                    // the cause may quote the value
                    throw failure(i, "a " + v.getClass().getName() + " that has no " + types[i].name().toLowerCase(
                            java.util.Locale.ROOT) + " value");
                }
            }
        }
    }

    private void value(Object v, CopyBinaryType type, int column) {
        switch (type) {
            case INT2 -> fixed16((int) whole(v, Short.MIN_VALUE, Short.MAX_VALUE, column));
            case INT4 -> fixed32((int) whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE, column));
            case INT8 -> fixed64(whole(v, Long.MIN_VALUE, Long.MAX_VALUE, column));
            case FLOAT4 -> fixed32(Float.floatToIntBits(v instanceof Float f ? f
                    : (float) parsed(number(v, column), true, column)));
            case FLOAT8 -> fixed64(Double.doubleToLongBits(v instanceof Double d ? d
                    : parsed(number(v, column), false, column)));
            case BOOL -> {
                ensure(5);
                int32(1);
                buf[size++] = (byte) (as(Boolean.class, v, column) ? 1 : 0);
            }
            case TEXT, VARCHAR, BPCHAR, JSON -> text(text(v, column), false);
            case JSONB -> text(text(v, column), true);
            case BYTEA -> {
                byte[] b = as(byte[].class, v, column);
                ensure(4 + b.length);
                int32(b.length);
                System.arraycopy(b, 0, buf, size, b.length);
                size += b.length;
            }
            case UUID -> {
                UUID u = as(UUID.class, v, column);
                ensure(20);
                int32(16);
                int64(u.getMostSignificantBits());
                int64(u.getLeastSignificantBits());
            }
            case DATE -> fixed32(date(as(LocalDate.class, v, column), column));
            case TIME -> {
                LocalTime t = as(LocalTime.class, v, column);
                fixed64(t.toSecondOfDay() * 1_000_000L + micros(t.getNano()));
            }
            case TIMESTAMP -> {
                LocalDateTime dt = as(LocalDateTime.class, v, column);
                fixed64(dt.equals(LocalDateTime.MAX) ? Long.MAX_VALUE : dt.equals(LocalDateTime.MIN) ? Long.MIN_VALUE
                        : timestamp(dt.toEpochSecond(ZoneOffset.UTC), dt.getNano(), column));
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime odt = as(OffsetDateTime.class, v, column);
                fixed64(odt.equals(OffsetDateTime.MAX) ? Long.MAX_VALUE : odt.equals(OffsetDateTime.MIN)
                        ? Long.MIN_VALUE : timestamp(odt.toEpochSecond(), odt.getNano(), column));
            }
            case NUMERIC -> numeric(number(v, column));
        }
    }

    /**
     * An integer column's value as the text path writes it (a BigDecimal in plain digits, any other number's
     * {@code longValue()}), checked against the column's range, which the server would check on the text.
     */
    private long whole(Object v, long min, long max, int column) {
        long x;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            x = ((Number) v).longValue();
        } else if (v instanceof BigDecimal b) {
            if (b.scale() > 0) {
                throw failure(column, "a BigDecimal with a fraction, which an integer column does not read");
            }
            x = rangeChecked(b.toBigInteger(), column);
        } else if (v instanceof BigInteger b) {
            x = rangeChecked(b, column);
        } else {
            x = number(v, column).longValue();
        }
        if (x < min || x > max) {
            throw failure(column, "a value out of the column's range");
        }
        return x;
    }

    private long rangeChecked(BigInteger b, int column) {
        if (b.bitLength() > 63) {
            throw failure(column, "a value out of the column's range");
        }
        return b.longValue();
    }

    /**
     * A number that is not the column's own Float or Double, as the server reads its text: correctly rounded to a
     * float or a double, and refused where that overflows to infinity or underflows to zero.
     */
    private double parsed(Number n, boolean real, int column) {
        String s = n.toString();
        double d = real ? Float.parseFloat(s) : Double.parseDouble(s);
        boolean overflow = Double.isInfinite(d) && !s.endsWith("Infinity");
        if (overflow || d == 0 && new BigDecimal(s).signum() != 0) {
            throw failure(column, "a value out of the column's range");
        }
        return d;
    }

    /** PostgreSQL's numeric: NaN and ±Infinity from their Double forms, else the exact decimal and its scale. */
    private void numeric(Number n) {
        if (n instanceof Double d && !Double.isFinite(d)) {
            ensure(12);
            int32(8);
            int16(0);
            int16(0);
            int16(d.isNaN() ? NUMERIC_NAN : d > 0 ? NUMERIC_PINF : NUMERIC_NINF);
            int16(0);
            return;
        }
        BigDecimal b = Dialect.decimal(n);
        if (b.scale() < 0) {
            b = b.setScale(0); // exact: the text path writes the plain digits, with no fraction
        }
        int dscale = b.scale();
        if (dscale > NUMERIC_DSCALE_MAX) {
            throw new ArithmeticException("numeric scale beyond PostgreSQL's");
        }
        // base-10000 digits aligned on the decimal point: pad the fraction to whole groups of four digits
        int pad = (4 - dscale % 4) % 4;
        BigInteger unscaled = b.unscaledValue();
        int count = unscaled.bitLength() < 53 ? groups(Math.abs(unscaled.longValue()) * POW10[pad])
                : groups(unscaled.abs().toString() + "000".substring(0, pad));
        int low = 0;
        while (low < count && groups[low] == 0) {
            low++; // trailing zero groups add nothing beyond the scale
        }
        int ndigits = count - low;
        int weight = ndigits == 0 ? 0 : count - 1 - (dscale + pad) / 4;
        if (weight > Short.MAX_VALUE || weight < Short.MIN_VALUE) {
            throw new ArithmeticException("numeric weight beyond PostgreSQL's");
        }
        ensure(12 + 2 * ndigits);
        int32(8 + 2 * ndigits);
        int16(ndigits);
        int16(weight);
        int16(unscaled.signum() < 0 ? NUMERIC_NEG : NUMERIC_POS);
        int16(dscale);
        for (int i = count - 1; i >= low; i--) {
            int16(groups[i]);
        }
    }

    /** The base-10000 digits of {@code v}, least significant first, into {@link #groups}; returns their count. */
    private int groups(long v) {
        int count = 0;
        for (; v != 0; v /= 10_000) {
            groups[count++] = (int) (v % 10_000);
        }
        return count;
    }

    private int groups(String digits) {
        int count = (digits.length() + 3) / 4;
        if (groups.length < count) {
            groups = new int[count];
        }
        for (int i = 0, end = digits.length(); i < count; i++, end -= 4) {
            groups[i] = Integer.parseInt(digits, Math.max(0, end - 4), end, 10);
        }
        return count;
    }

    private int date(LocalDate d, int column) {
        if (d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN)) {
            return d.equals(LocalDate.MAX) ? Integer.MAX_VALUE : Integer.MIN_VALUE; // infinity and -infinity
        }
        long days = d.toEpochDay() - EPOCH_2000_DAYS;
        if (days <= Integer.MIN_VALUE || days >= Integer.MAX_VALUE) {
            throw failure(column, "a date out of PostgreSQL's range"); // else it would read as ±infinity
        }
        return (int) days;
    }

    /** Microseconds since 2000-01-01 00:00 UTC; a value the text path cannot store either fails. */
    private long timestamp(long epochSecond, int nano, int column) {
        long micros;
        try {
            micros = Math.addExact(Math.multiplyExact(epochSecond - EPOCH_2000_SECONDS, 1_000_000L), micros(nano));
        } catch (ArithmeticException e) {
            micros = Long.MAX_VALUE;
        }
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw failure(column, "a timestamp out of PostgreSQL's range"); // else it would read as ±infinity
        }
        return micros;
    }

    /**
     * Nanoseconds as the server rounds the fraction of the text: {@code rint(strtod(".fffffffff") * 1e6)}. The
     * double quotient is the correctly rounded value of the same fraction, so the result is the server's.
     */
    private static long micros(int nano) {
        return nano % 1000 == 0 ? nano / 1000 : (long) Math.rint(nano / 1e9 * 1e6);
    }

    /** The text path's string for a text or json column: the value's {@code toString()}. */
    private String text(Object v, int column) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof UUID || v instanceof TemporalAccessor) {
            return v.toString();
        }
        throw unexpected(v, column);
    }

    /** The UTF-8 bytes of {@code s}, as {@link String#getBytes} gives them; jsonb's after its version byte 1. */
    private void text(String s, boolean jsonb) {
        int n = s.length();
        ensure(5 + n * 3);
        byte[] b = buf;
        int start = size;
        int at = start + 4;
        if (jsonb) {
            b[at++] = 1;
        }
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                b[at++] = (byte) ch;
            } else {
                int cp = s.codePointAt(i);
                at = CopyTextBuffer.utf8(cp, b, at);
                if (cp >= 0x10000) {
                    i++;
                }
            }
        }
        size = start;
        int32(at - start - 4);
        size = at;
    }

    private Number number(Object v, int column) {
        if (v instanceof Number n) {
            return n;
        }
        throw unexpected(v, column);
    }

    private <T> T as(Class<T> type, Object v, int column) {
        if (!type.isInstance(v)) {
            throw unexpected(v, column);
        }
        return type.cast(v);
    }

    private StorageException unexpected(Object v, int column) {
        return failure(column, "a " + v.getClass().getName() + ", which binary COPY does not encode");
    }

    private StorageException failure(int column, String what) {
        ColumnSchema c = columns.get(column);
        return new StorageException("restore of table " + table + ": column " + c.name() + " (" + c.nativeType()
                + ") got " + what);
    }

    private void fixed16(int v) {
        ensure(6);
        int32(2);
        int16(v);
    }

    private void fixed32(int v) {
        ensure(8);
        int32(4);
        int32(v);
    }

    private void fixed64(long v) {
        ensure(12);
        int32(8);
        int64(v);
    }

    private void int16(int v) {
        buf[size++] = (byte) (v >> 8);
        buf[size++] = (byte) v;
    }

    private void int32(int v) {
        buf[size++] = (byte) (v >> 24);
        buf[size++] = (byte) (v >> 16);
        buf[size++] = (byte) (v >> 8);
        buf[size++] = (byte) v;
    }

    private void int64(long v) {
        int32((int) (v >> 32));
        int32((int) v);
    }
}
