package org.compliancekit.backup;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.compliancekit.IntegrityException;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.SqlType;

/**
 * The JSON encoding of one column value, per {@link SqlType}, as {@code docs/backup-format.md} specifies it.
 * Lossless: decoding gives back a value equal to the one encoded, in the Java type {@link SqlType} names. Error
 * messages name the column and row, never the value.
 */
final class ValueCodec {
    private ValueCodec() {
    }

    static void encode(JsonGenerator g, ColumnSchema column, Object v) throws IOException {
        encode(g, column, column.type(), v);
    }

    private static void encode(JsonGenerator g, ColumnSchema column, SqlType type, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        switch (type) {
            case SMALLINT, INTEGER, BIGINT -> g.writeNumber(as(Number.class, v, column).longValue());
            case DECIMAL -> {
                if (v instanceof Double d && !Double.isFinite(d)) {
                    g.writeString(Double.toString(d)); // PostgreSQL's numeric NaN and ±Infinity
                } else {
                    string(g, decimal(v, column).toString());
                }
            }
            case REAL -> {
                float f = as(Number.class, v, column).floatValue();
                if (Float.isFinite(f)) {
                    g.writeNumber(f);
                } else {
                    g.writeString(Float.toString(f));
                }
            }
            case DOUBLE -> {
                double d = as(Number.class, v, column).doubleValue();
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeString(Double.toString(d));
                }
            }
            case BOOLEAN -> g.writeBoolean(as(Boolean.class, v, column));
            case TEXT, JSON, OTHER -> string(g, v.toString());
            case DATE -> string(g, as(LocalDate.class, v, column).toString());
            case TIME -> string(g, as(LocalTime.class, v, column).toString());
            case TIMESTAMP -> string(g, as(LocalDateTime.class, v, column).toString());
            case TIMESTAMP_TZ -> string(g, v instanceof Instant i
                    ? i.atOffset(ZoneOffset.UTC).toString() : as(OffsetDateTime.class, v, column).toString());
            case UUID -> string(g, as(UUID.class, v, column).toString());
            case BINARY -> g.writeBinary(as(byte[].class, v, column));
            case ARRAY -> {
                List<?> items = v instanceof Object[] a ? Arrays.asList(a) : as(List.class, v, column);
                g.writeStartArray();
                for (Object item : items) {
                    // An element that is itself a list is one more dimension.
                    encode(g, column, item instanceof List<?> || item instanceof Object[] ? SqlType.ARRAY
                            : elementType(column), item);
                }
                g.writeEndArray();
            }
        }
    }

    /**
     * {@code s} as a JSON string. Text of printable ASCII without quote or backslash, which most values are, needs no
     * escape: its bytes are copied as they are instead of being checked and encoded char by char, the largest cost of
     * encoding a backup. The bytes written are the same either way.
     */
    private static void string(JsonGenerator g, String s) throws IOException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                g.writeString(s);
                return;
            }
        }
        byte[] ascii = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        g.writeRawUTF8String(ascii, 0, ascii.length);
    }

    /** Decodes the value at the parser's current token. */
    static Object decode(JsonParser p, ColumnSchema column, long row) throws IOException {
        return decode(p, column, column.type(), row);
    }

    private static Object decode(JsonParser p, ColumnSchema column, SqlType type, long row) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        try {
            return switch (type) {
                case SMALLINT -> Short.valueOf(toShort(p.getLongValue()));
                case INTEGER -> Integer.valueOf(Math.toIntExact(p.getLongValue()));
                case BIGINT -> Long.valueOf(p.getLongValue());
                case DECIMAL -> decimal(text(p, t));
                case REAL -> Float.valueOf(Float.parseFloat(p.getText()));
                case DOUBLE -> Double.valueOf(Double.parseDouble(p.getText()));
                case BOOLEAN -> Boolean.valueOf(p.getBooleanValue());
                case TEXT, JSON, OTHER -> text(p, t);
                case DATE -> IsoTemporals.date(text(p, t));
                case TIME -> IsoTemporals.time(text(p, t));
                case TIMESTAMP -> IsoTemporals.dateTime(text(p, t));
                case TIMESTAMP_TZ -> IsoTemporals.offsetDateTime(text(p, t));
                case UUID -> java.util.UUID.fromString(text(p, t));
                case BINARY -> p.getBinaryValue();
                case ARRAY -> decodeArray(p, column, row);
            };
        } catch (org.compliancekit.ComplianceException e) {
            throw e; // already clean, e.g. a segment that does not authenticate
        } catch (RuntimeException | IOException e) {
            // The cause may quote the value; keep it out of the message and the chain.
            throw new IntegrityException("row " + row + ", column " + column.name() + ": a " + t + " cannot be read "
                    + "as " + type + "; the backup file does not match its manifest");
        }
    }

    private static List<Object> decodeArray(JsonParser p, ColumnSchema column, long row) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IntegrityException("row " + row + ", column " + column.name() + ": expected a JSON array");
        }
        List<Object> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(t == JsonToken.START_ARRAY ? decodeArray(p, column, row) : decode(p, column, elementType(column), row));
        }
        return items;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new IllegalStateException("expected a string");
        }
        return p.getText();
    }

    private static short toShort(long v) {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new ArithmeticException("smallint out of range");
        }
        return (short) v;
    }

    private static SqlType elementType(ColumnSchema column) {
        if (column.elementType() == SqlType.ARRAY) {
            throw new IntegrityException("column " + column.name() + " names ARRAY as its element type; a "
                    + "multi-dimensional array names the type of its innermost elements");
        }
        return column.elementType();
    }

    private static Object decimal(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> new BigDecimal(s);
        };
    }

    private static BigDecimal decimal(Object v, ColumnSchema column) {
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof java.math.BigInteger) {
            return new BigDecimal(v.toString());
        }
        throw wrongType(column, v, BigDecimal.class);
    }

    private static <T> T as(Class<T> type, Object v, ColumnSchema column) {
        if (!type.isInstance(v)) {
            throw wrongType(column, v, type);
        }
        return type.cast(v);
    }

    private static IntegrityException wrongType(ColumnSchema column, Object v, Class<?> expected) {
        return new IntegrityException("column " + column.name() + " of type " + column.type() + " holds a "
                + v.getClass().getName() + " where " + expected.getSimpleName() + " was expected; the data store "
                + "does not follow SqlType's value types");
    }
}
