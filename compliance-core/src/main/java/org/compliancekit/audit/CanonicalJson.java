package org.compliancekit.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes audit details as canonical JSON (rules in {@code docs/audit-chain.md}): members sorted by key in UTF-16
 * code-unit order, no whitespace, JCS string escaping, integers in decimal, decimals in plain notation without
 * trailing zeros. Values that are not JSON types are written as their {@code toString()}.
 */
final class CanonicalJson {

    private CanonicalJson() {
    }

    static String write(Map<String, ?> object) {
        StringBuilder out = new StringBuilder(64 + object.size() * 24);
        value(out, object);
        return out.toString();
    }

    /** {@code s} as a canonical JSON string, quotes included. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        string(out, s);
        return out.toString();
    }

    private static void value(StringBuilder out, Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            out.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                string(out, Double.toString(d));
            } else {
                decimal(out, new BigDecimal(Double.toString(d)));
            }
        } else if (v instanceof BigDecimal d) {
            decimal(out, d);
        } else if (v instanceof Map<?, ?> map) {
            object(out, map);
        } else if (v instanceof Collection<?> c) {
            array(out, c);
        } else if (v instanceof Object[] a) {
            array(out, List.of(a));
        } else if (v instanceof Enum<?> e) {
            string(out, e.name());
        } else {
            string(out, v.toString());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        // TreeMap's natural String order is UTF-16 code-unit order, as the document specifies.
        Map<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            sorted.put(String.valueOf(e.getKey()), e.getValue());
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, e.getKey());
            out.append(':');
            value(out, e.getValue());
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            value(out, item);
        }
        out.append(']');
    }

    private static void decimal(StringBuilder out, BigDecimal d) {
        BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        out.append(stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString());
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
