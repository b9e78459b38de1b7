package org.compliancekit.store.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Date;

/**
 * Comparisons over row values of mixed Java types, as in-memory evaluation of keys, conditions and timestamps
 * needs them. Numbers compare by value whatever their class; temporal values as instants (local ones as UTC).
 */
public final class Values {
    private Values() {
    }

    /** Orders two non-null values of compatible kinds; different kinds order by their string form. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return toBigDecimal(x).compareTo(toBigDecimal(y));
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compare(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable c) {
            return c.compareTo(b);
        }
        Instant ia = toInstant(a);
        Instant ib = toInstant(b);
        if (ia != null && ib != null) {
            return ia.compareTo(ib);
        }
        return a.toString().compareTo(b.toString());
    }

    /** Equality with numbers compared by value and subject ids compared to their string form. */
    public static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return toBigDecimal(x).compareTo(toBigDecimal(y)) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a.getClass() == b.getClass()) {
            return a.equals(b);
        }
        return a.toString().equals(b.toString());
    }

    /** The instant a temporal value denotes (LocalDateTime and LocalDate as UTC), or {@code null}. */
    public static Instant toInstant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (v instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        return null;
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                // Order non-finite values past every finite one, as databases do for NaN.
                return BigDecimal.valueOf(Double.isNaN(d) || d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
            }
            return BigDecimal.valueOf(d);
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
