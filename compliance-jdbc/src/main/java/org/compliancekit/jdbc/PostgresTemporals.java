package org.compliancekit.jdbc;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Dates and timestamps in the text PostgreSQL sends with {@code DateStyle} ISO ({@code 2024-01-01 00:01:00.5+00}),
 * read digit by digit. The driver's own conversion is the largest single cost of reading a table with a timestamp
 * column for a backup; this one gives the same values for the forms a server sends for years 1 to 9999. Anything
 * else ({@code infinity}, {@code BC}, five-digit years, an unexpected shape) yields {@code null}, and the caller
 * takes the driver's conversion, so odd values keep the driver's meaning.
 */
final class PostgresTemporals {
    private PostgresTemporals() {
    }

    /** {@code yyyy-mm-dd}, or null. */
    static LocalDate date(String s) {
        if (s.length() != 10 || !isDate(s) || digits(s, 0, 4) < 1) {
            return null;
        }
        try {
            return LocalDate.of(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-mm-dd hh:mm:ss[.f…]}, or null. */
    static LocalDateTime timestamp(String s) {
        int end = timeEnd(s);
        return end > 0 && end == s.length() ? localDateTime(s, end) : null;
    }

    /**
     * {@code yyyy-mm-dd hh:mm:ss[.f…]±hh[:mm[:ss]]} as the same instant at offset UTC (the driver hands timestamptz
     * values out at UTC, which is what backups record), or null.
     */
    static OffsetDateTime timestampTz(String s) {
        int end = timeEnd(s);
        if (end < 0 || end >= s.length()) {
            return null;
        }
        ZoneOffset offset = offset(s, end);
        if (offset == null) {
            return null;
        }
        LocalDateTime local = localDateTime(s, end);
        return local == null ? null : OffsetDateTime.of(local, offset).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Where the date, time and fraction end; -1 when the text does not start with them. */
    private static int timeEnd(String s) {
        int n = s.length();
        if (n < 19 || !isDate(s) || s.charAt(10) != ' ' || s.charAt(13) != ':' || s.charAt(16) != ':'
                || !areDigits(s, 11, 2) || !areDigits(s, 14, 2) || !areDigits(s, 17, 2)) {
            return -1;
        }
        int i = 19;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 9) {
                return -1;
            }
        }
        return i;
    }

    private static LocalDateTime localDateTime(String s, int end) {
        int nanos = 0;
        if (end > 19) {
            for (int i = 20; i < 29; i++) {
                nanos = nanos * 10 + (i < end ? s.charAt(i) - '0' : 0);
            }
        }
        int year = digits(s, 0, 4);
        int hour = digits(s, 11, 2);
        if (year < 1 || hour > 23) {
            return null; // year 0 never comes from the server; 24:00 is left to the driver
        }
        try {
            return LocalDateTime.of(year, digits(s, 5, 2), digits(s, 8, 2), hour, digits(s, 14, 2), digits(s, 17, 2),
                    nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code ±hh}, {@code ±hh:mm} or {@code ±hh:mm:ss} from {@code i} to the end of the text, or null. */
    private static ZoneOffset offset(String s, int i) {
        int n = s.length() - i;
        char sign = s.charAt(i);
        if ((sign != '+' && sign != '-') || !(n == 3 || n == 6 || n == 9) || !areDigits(s, i + 1, 2)) {
            return null;
        }
        int hours = digits(s, i + 1, 2);
        int minutes = 0;
        int seconds = 0;
        if (n >= 6) {
            if (s.charAt(i + 3) != ':' || !areDigits(s, i + 4, 2)) {
                return null;
            }
            minutes = digits(s, i + 4, 2);
        }
        if (n == 9) {
            if (s.charAt(i + 6) != ':' || !areDigits(s, i + 7, 2)) {
                return null;
            }
            seconds = digits(s, i + 7, 2);
        }
        if (hours > 18 || minutes > 59 || seconds > 59) {
            return null;
        }
        int sign1 = sign == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutesSeconds(sign1 * hours, sign1 * minutes, sign1 * seconds);
    }

    private static boolean isDate(String s) {
        return s.length() >= 10 && areDigits(s, 0, 4) && s.charAt(4) == '-' && areDigits(s, 5, 2)
                && s.charAt(7) == '-' && areDigits(s, 8, 2);
    }

    private static boolean areDigits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
