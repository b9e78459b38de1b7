package org.compliancekit.jdbc;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.compliancekit.store.SqlType;

/**
 * The UTF-8 bytes of COPY text rows, written straight into one reused array. Encoding a restore's rows is most of
 * its client work, so the common values (text, integers, dates and timestamps of years 1 to 9999, booleans,
 * bytea) are escaped and encoded here without intermediate strings; every other value takes
 * {@link PostgresCopyLoader#text}. The bytes are exactly those of {@code escape(text(value))} encoded as UTF-8
 * (unpaired surrogates become {@code ?}, as {@link String#getBytes} makes them).
 */
final class CopyTextBuffer extends CopyBuffer {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final boolean escapeNul;

    CopyTextBuffer(int capacity) {
        this(capacity, false);
    }

    private CopyTextBuffer(int capacity, boolean escapeNul) {
        super(capacity);
        this.escapeNul = escapeNul;
    }

    /**
     * A buffer for MariaDB's {@code LOAD DATA} with the same tab, newline and backslash escapes; it also writes NUL
     * as {@code \0}, which LOAD DATA reads back as NUL (PostgreSQL text holds no NUL, so COPY needs no escape).
     */
    static CopyTextBuffer forLoadData(int capacity) {
        return new CopyTextBuffer(capacity, true);
    }

    void separator(char ch) {
        ensure(1);
        buf[size++] = (byte) ch;
    }

    void nullValue() {
        ensure(2);
        buf[size++] = '\\';
        buf[size++] = 'N';
    }

    /** One non-null value in its type's COPY text. */
    void value(Object v, SqlType type, SqlType elementType) {
        switch (type) {
            case TEXT, JSON, OTHER -> escaped(v.toString());
            case SMALLINT, INTEGER, BIGINT -> {
                if (v instanceof Long || v instanceof Integer || v instanceof Short) {
                    integer(((Number) v).longValue());
                } else {
                    escaped(PostgresCopyLoader.text(v, type, elementType));
                }
            }
            case BOOLEAN -> separator(((Boolean) v) ? 't' : 'f');
            case BINARY -> binary((byte[]) v);
            case DATE -> {
                if (!(v instanceof LocalDate d && date(d))) {
                    escaped(PostgresCopyLoader.text(v, type, elementType));
                }
            }
            case TIME -> {
                if (v instanceof LocalTime t) {
                    time(t);
                } else {
                    escaped(PostgresCopyLoader.text(v, type, elementType));
                }
            }
            case TIMESTAMP -> {
                if (!(v instanceof LocalDateTime dt && dateTime(dt))) {
                    escaped(PostgresCopyLoader.text(v, type, elementType));
                }
            }
            case TIMESTAMP_TZ -> {
                if (!(v instanceof OffsetDateTime odt && dateTime(odt.toLocalDateTime()))) {
                    escaped(PostgresCopyLoader.text(v, type, elementType));
                } else {
                    escaped(odt.getOffset().getId());
                }
            }
            default -> escaped(PostgresCopyLoader.text(v, type, elementType));
        }
    }

    /** {@code s} with COPY's backslash escapes, as UTF-8. */
    void escaped(String s) {
        int n = s.length();
        ensure(n * 3); // the most one char takes: three bytes, or two for an escape, or four for a pair of two
        byte[] b = buf;
        int at = size;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                switch (ch) {
                    case '\\' -> { b[at++] = '\\'; b[at++] = '\\'; }
                    case '\t' -> { b[at++] = '\\'; b[at++] = 't'; }
                    case '\n' -> { b[at++] = '\\'; b[at++] = 'n'; }
                    case '\r' -> { b[at++] = '\\'; b[at++] = 'r'; }
                    case '\0' -> {
                        if (escapeNul) {
                            b[at++] = '\\';
                            b[at++] = '0';
                        } else {
                            b[at++] = 0;
                        }
                    }
                    default -> b[at++] = (byte) ch;
                }
            } else {
                int cp = s.codePointAt(i);
                at = utf8(cp, b, at);
                if (cp >= 0x10000) {
                    i++; // the low surrogate of the pair
                }
            }
        }
        size = at;
    }

    /**
     * Writes a code point above ASCII, as {@link String#codePointAt} gives it, in UTF-8 at {@code b[at]} and
     * returns the new end; a lone surrogate becomes {@code ?}, as {@link String#getBytes} makes it. {@code b} needs
     * room for four bytes.
     */
    static int utf8(int cp, byte[] b, int at) {
        if (cp < 0x800) {
            b[at++] = (byte) (0xc0 | (cp >> 6));
            b[at++] = (byte) (0x80 | (cp & 0x3f));
        } else if (cp >= 0x10000) {
            b[at++] = (byte) (0xf0 | (cp >> 18));
            b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            b[at++] = (byte) (0x80 | (cp & 0x3f));
        } else if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            b[at++] = '?';
        } else {
            b[at++] = (byte) (0xe0 | (cp >> 12));
            b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            b[at++] = (byte) (0x80 | (cp & 0x3f));
        }
        return at;
    }

    void integer(long v) {
        if (v == Long.MIN_VALUE) {
            escaped(Long.toString(v)); // its magnitude has no long
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && v >= p; p *= 10) {
            digits++;
        }
        int end = size + digits;
        for (int i = end - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size = end;
    }

    /** bytea's {@code \x} hex form, its backslash escaped for COPY. */
    private void binary(byte[] v) {
        ensure(3 + 2 * v.length);
        buf[size++] = '\\';
        buf[size++] = '\\';
        buf[size++] = 'x';
        for (byte x : v) {
            buf[size++] = HEX[(x >> 4) & 0xf];
            buf[size++] = HEX[x & 0xf];
        }
    }

    /** {@link LocalDate#toString()} for years 1 to 9999, the ones PostgreSQL reads as written; false for others. */
    private boolean date(LocalDate d) {
        int year = d.getYear();
        if (year < 1 || year > 9999) {
            return false; // BC years and ±infinity have their own forms
        }
        ensure(10);
        digits2(year / 100);
        digits2(year % 100);
        buf[size++] = '-';
        digits2(d.getMonthValue());
        buf[size++] = '-';
        digits2(d.getDayOfMonth());
        return true;
    }

    private boolean dateTime(LocalDateTime dt) {
        if (!date(dt.toLocalDate())) {
            return false;
        }
        separator('T');
        time(dt.toLocalTime());
        return true;
    }

    /** {@link LocalTime#toString()}: seconds only when not zero, fractions in groups of three digits. */
    private void time(LocalTime t) {
        ensure(18);
        digits2(t.getHour());
        buf[size++] = ':';
        digits2(t.getMinute());
        int second = t.getSecond();
        int nano = t.getNano();
        if (second > 0 || nano > 0) {
            buf[size++] = ':';
            digits2(second);
            if (nano > 0) {
                buf[size++] = '.';
                int width = nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
                int value = width == 3 ? nano / 1_000_000 : width == 6 ? nano / 1000 : nano;
                for (int i = size + width - 1; i >= size; i--) {
                    buf[i] = (byte) ('0' + value % 10);
                    value /= 10;
                }
                size += width;
            }
        }
    }

    private void digits2(int v) {
        buf[size++] = (byte) ('0' + v / 10);
        buf[size++] = (byte) ('0' + v % 10);
    }
}
