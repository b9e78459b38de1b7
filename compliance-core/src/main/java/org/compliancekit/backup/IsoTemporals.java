package org.compliancekit.backup;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the dates, times and timestamps a backup holds. {@link ValueCodec} writes them with the {@code toString()}
 * of the java.time types, so almost every value has the fixed-width ISO form ({@code yyyy-MM-dd}, {@code HH:mm},
 * optional {@code :ss} and fraction, {@code Z} or {@code ±HH:MM[:SS]}); those are read digit by digit, because the
 * JDK's formatter-driven parse is the most expensive step of a restore. Anything else (a year beyond four digits or
 * with a sign, lower-case letters, out-of-range fields) goes to the JDK parser, so values and errors are the JDK's.
 */
final class IsoTemporals {
    private IsoTemporals() {
    }

    static LocalDate date(String s) {
        LocalDate d = s.length() == 10 ? date(s, 0) : null;
        return d != null ? d : LocalDate.parse(s);
    }

    static LocalTime time(String s) {
        LocalTime t = time(s, 0, s.length());
        return t != null ? t : LocalTime.parse(s);
    }

    static LocalDateTime dateTime(String s) {
        LocalDateTime dt = dateTime(s, s.length());
        return dt != null ? dt : LocalDateTime.parse(s);
    }

    static OffsetDateTime offsetDateTime(String s) {
        OffsetDateTime odt = null;
        int end = offsetStart(s);
        if (end > 0) {
            LocalDateTime dt = dateTime(s, end);
            ZoneOffset offset = dt == null ? null : offset(s, end);
            odt = offset == null ? null : OffsetDateTime.of(dt, offset);
        }
        return odt != null ? odt : OffsetDateTime.parse(s);
    }

    /** Where the offset begins: the final {@code Z}, or the sign of a {@code ±HH:MM} or {@code ±HH:MM:SS}; else -1. */
    private static int offsetStart(String s) {
        int n = s.length();
        if (n > 0 && s.charAt(n - 1) == 'Z') {
            return n - 1;
        }
        return isSign(s, n - 6) ? n - 6 : isSign(s, n - 9) ? n - 9 : -1;
    }

    private static boolean isSign(String s, int i) {
        return i > 0 && (s.charAt(i) == '+' || s.charAt(i) == '-');
    }

    private static ZoneOffset offset(String s, int i) {
        int n = s.length() - i;
        if (n == 1) {
            return ZoneOffset.UTC;
        }
        int sign = s.charAt(i) == '-' ? -1 : 1;
        int h = two(s, i + 1);
        int m = s.charAt(i + 3) == ':' ? two(s, i + 4) : -1;
        int sec = n == 9 ? (s.charAt(i + 6) == ':' ? two(s, i + 7) : -1) : 0;
        if (h < 0 || m < 0 || sec < 0) {
            return null;
        }
        try {
            return ZoneOffset.ofHoursMinutesSeconds(sign * h, sign * m, sign * sec);
        } catch (DateTimeException e) {
            return null; // out of range: the JDK parser gives its own error
        }
    }

    private static LocalDateTime dateTime(String s, int end) {
        if (end < 16 || s.charAt(10) != 'T') {
            return null;
        }
        LocalDate d = date(s, 0);
        LocalTime t = d == null ? null : time(s, 11, end);
        return t == null ? null : LocalDateTime.of(d, t);
    }

    private static LocalDate date(String s, int i) {
        int y1 = two(s, i);
        int y2 = two(s, i + 2);
        if (y1 < 0 || y2 < 0 || s.charAt(i + 4) != '-' || s.charAt(i + 7) != '-') {
            return null;
        }
        int month = two(s, i + 5);
        int day = two(s, i + 8);
        if (month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(y1 * 100 + y2, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code HH:mm[:ss[.f…]]} in {@code s[i, end)}, fractions of 1 to 9 digits; null for any other form. */
    private static LocalTime time(String s, int i, int end) {
        int n = end - i;
        if (n < 5 || s.charAt(i + 2) != ':') {
            return null;
        }
        int h = two(s, i);
        int m = two(s, i + 3);
        int sec = 0;
        int nano = 0;
        if (n > 5) {
            if (n < 8 || s.charAt(i + 5) != ':') {
                return null;
            }
            sec = two(s, i + 6);
            if (n > 8) {
                int digits = n - 9;
                if (s.charAt(i + 8) != '.' || digits < 1 || digits > 9) {
                    return null;
                }
                for (int k = i + 9; k < end; k++) {
                    int dgt = s.charAt(k) - '0';
                    if (dgt < 0 || dgt > 9) {
                        return null;
                    }
                    nano = nano * 10 + dgt;
                }
                for (int k = digits; k < 9; k++) {
                    nano *= 10;
                }
            }
        }
        if (h < 0 || m < 0 || sec < 0) {
            return null;
        }
        try {
            return LocalTime.of(h, m, sec, nano);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The two ASCII digits at {@code i}, or -1. */
    private static int two(String s, int i) {
        if (i + 1 >= s.length()) {
            return -1;
        }
        int a = s.charAt(i) - '0';
        int b = s.charAt(i + 1) - '0';
        return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
    }
}
