package org.compliancekit.subject;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * Writes row values into an export without losing anything, as documented in {@code docs/subject-rights.md}:
 * integers as JSON numbers, decimals as strings (JSON readers often parse numbers into doubles), finite
 * floating-point numbers as numbers and the others as {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"},
 * temporal values as ISO-8601 strings with every digit they carry, binary as standard base64, arrays as JSON
 * arrays, everything else (text, UUID, JSON text, enums) as its string form.
 */
final class ValueEncoding {
    private ValueEncoding() {
    }

    static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Short || v instanceof Integer || v instanceof Long || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof BigDecimal d) {
            g.writeString(d.toPlainString());
        } else if (v instanceof Float f) {
            writeFloating(g, f.doubleValue(), f.toString());
        } else if (v instanceof Double d) {
            writeFloating(g, d, d.toString());
        } else if (v instanceof byte[] b) {
            g.writeString(Base64.getEncoder().encodeToString(b));
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object e : list) {
                write(g, e);
            }
            g.writeEndArray();
        } else {
            g.writeString(text(v));
        }
    }

    private static void writeFloating(JsonGenerator g, double d, String shortest) throws IOException {
        if (Double.isFinite(d)) {
            // Java's shortest round-trip form, so a float stays the float it was.
            g.writeNumber(shortest);
        } else {
            g.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
    }

    // toString() drops ":00" seconds; the ISO formatters always print seconds and every fraction digit present.
    private static String text(Object v) {
        if (v instanceof LocalDate d) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(d);
        } else if (v instanceof LocalTime t) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
        } else if (v instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        } else if (v instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        } else if (v instanceof ZonedDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        return v.toString();
    }
}
