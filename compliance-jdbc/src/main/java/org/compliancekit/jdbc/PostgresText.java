package org.compliancekit.jdbc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import org.compliancekit.StorageException;
import org.compliancekit.store.SqlType;

/**
 * PostgreSQL's text forms where the driver's Java conversions lose something: {@code numeric} NaN and infinities,
 * {@code infinity} dates and timestamps, years before 1 ({@code BC}), and array literals of temporal elements.
 * The server prints dates as ISO ({@code DateStyle} ISO, which the driver sets).
 */
final class PostgresText {
    private static final DateTimeFormatter TIMESTAMP_TZ = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2).appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:mm:ss", "+00").toFormatter();

    private PostgresText() {
    }

    /** A numeric's text as a BigDecimal, or as a Double for NaN, Infinity and -Infinity. */
    static Object decimal(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> new BigDecimal(s);
        };
    }

    static boolean isTemporal(SqlType t) {
        return t == SqlType.DATE || t == SqlType.TIME || t == SqlType.TIMESTAMP || t == SqlType.TIMESTAMP_TZ;
    }

    /** Parses an array literal ({@code {…}}, nested for more dimensions) with elements of type {@code element}. */
    static List<Object> array(String literal, SqlType element) {
        int start = literal.startsWith("[") ? literal.indexOf('=') + 1 : 0; // explicit bounds, e.g. [0:1]={..}
        int[] pos = {start};
        List<Object> out = parseArray(literal, pos, element);
        if (pos[0] != literal.length()) {
            throw new StorageException("unexpected text after an array literal of " + element);
        }
        return out;
    }

    private static List<Object> parseArray(String s, int[] pos, SqlType element) {
        expect(s, pos, '{');
        List<Object> out = new ArrayList<>();
        if (s.charAt(pos[0]) == '}') {
            pos[0]++;
            return out;
        }
        while (true) {
            char ch = s.charAt(pos[0]);
            if (ch == '{') {
                out.add(parseArray(s, pos, element));
            } else if (ch == '"') {
                StringBuilder sb = new StringBuilder();
                pos[0]++;
                for (char c = s.charAt(pos[0]++); c != '"'; c = s.charAt(pos[0]++)) {
                    sb.append(c == '\\' ? s.charAt(pos[0]++) : c);
                }
                out.add(value(sb.toString(), element));
            } else {
                int end = pos[0];
                while (s.charAt(end) != ',' && s.charAt(end) != '}') {
                    end++;
                }
                String raw = s.substring(pos[0], end).trim();
                pos[0] = end;
                out.add(raw.equalsIgnoreCase("NULL") ? null : value(raw, element));
            }
            char next = s.charAt(pos[0]++);
            if (next == '}') {
                return out;
            }
            if (next != ',') {
                throw new StorageException("malformed array literal of " + element);
            }
        }
    }

    private static void expect(String s, int[] pos, char ch) {
        if (pos[0] >= s.length() || s.charAt(pos[0]) != ch) {
            throw new StorageException("malformed array literal: expected '" + ch + "'");
        }
        pos[0]++;
    }

    /** One temporal value from its text. */
    static Object value(String s, SqlType type) {
        boolean bc = s.endsWith(" BC");
        String t = bc ? s.substring(0, s.length() - 3) : s;
        return switch (type) {
            case DATE -> t.equals("infinity") ? LocalDate.MAX : t.equals("-infinity") ? LocalDate.MIN
                    : bc(LocalDate.parse(t), bc);
            case TIMESTAMP -> t.equals("infinity") ? LocalDateTime.MAX : t.equals("-infinity") ? LocalDateTime.MIN
                    : bc(LocalDateTime.parse(t.replace(' ', 'T')), bc);
            case TIMESTAMP_TZ -> t.equals("infinity") ? OffsetDateTime.MAX : t.equals("-infinity") ? OffsetDateTime.MIN
                    : bc(OffsetDateTime.parse(t, TIMESTAMP_TZ), bc);
            case TIME -> LocalTime.parse(t);
            default -> s;
        };
    }

    private static <T extends java.time.temporal.Temporal> T bc(T t, boolean bc) {
        // PostgreSQL counts 1 BC, 2 BC, …; ISO (java.time) counts 0, -1, …
        @SuppressWarnings("unchecked")
        T out = bc ? (T) t.with(ChronoField.YEAR, 1 - t.get(ChronoField.YEAR)) : t;
        return out;
    }

    /** The input text of a date, timestamp or numeric value where Java's own text is not PostgreSQL's. */
    static String text(Object v) {
        if (v instanceof Double d) {
            return d.isNaN() ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        if (v.equals(LocalDate.MAX) || v.equals(LocalDateTime.MAX) || v.equals(OffsetDateTime.MAX)) {
            return "infinity";
        }
        if (v.equals(LocalDate.MIN) || v.equals(LocalDateTime.MIN) || v.equals(OffsetDateTime.MIN)) {
            return "-infinity";
        }
        if (v instanceof java.time.temporal.Temporal t && t.get(ChronoField.YEAR) < 1) {
            return t.with(ChronoField.YEAR, 1 - t.get(ChronoField.YEAR)).toString() + " BC";
        }
        return v.toString();
    }
}
