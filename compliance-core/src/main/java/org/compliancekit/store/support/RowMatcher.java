package org.compliancekit.store.support;

import java.time.Instant;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.PiiField;
import org.compliancekit.store.Condition;
import org.compliancekit.store.ExpiryQuery;
import org.compliancekit.store.TableSchema;

/**
 * Evaluates conditions and expiry queries on a row held in memory, with SQL's treatment of NULL: for stores that
 * filter rows in Java rather than in a query language (the in-memory store, a test double of a store).
 */
public final class RowMatcher {
    private RowMatcher() {
    }

    /** Whether {@code row}, laid out as {@code t}'s columns, satisfies {@code c}. */
    public static boolean matches(Condition c, TableSchema t, Object[] row) {
        // Java 17 has no pattern matching in switch; the chain covers every permitted subtype.
        if (c instanceof Condition.In in) {
            Object v = row[column(t, in.column())];
            return v != null && in.values().stream().anyMatch(x -> Values.same(v, x));
        } else if (c instanceof Condition.IsTrue x) {
            return Boolean.TRUE.equals(row[column(t, x.column())]);
        } else if (c instanceof Condition.IsFalse x) {
            return Boolean.FALSE.equals(row[column(t, x.column())]);
        } else if (c instanceof Condition.IsNull x) {
            return row[column(t, x.column())] == null;
        } else if (c instanceof Condition.IsNotNull x) {
            return row[column(t, x.column())] != null;
        } else if (c instanceof Condition.And and) {
            return and.parts().stream().allMatch(p -> matches(p, t, row));
        } else if (c instanceof Condition.Or or) {
            return or.parts().stream().anyMatch(p -> matches(p, t, row));
        }
        throw new IllegalStateException("unknown condition " + c.getClass().getName());
    }

    /** Whether {@code row} is past {@code q}'s cut-off and still has a field not in its erased form. */
    public static boolean expired(ExpiryQuery q, TableSchema t, Object[] row) {
        Object ts = row[column(t, q.timestampColumn())];
        if (ts == null) {
            return false;
        }
        Instant at = Values.toInstant(ts);
        if (at == null) {
            throw new ConfigurationException("column " + t.name() + "." + q.timestampColumn()
                    + " does not hold timestamps; a retention period must count from a date or timestamp column");
        }
        return !at.isAfter(q.cutoff()) && matches(q.condition(), t, row) && pending(q, t, row);
    }

    private static boolean pending(ExpiryQuery q, TableSchema t, Object[] row) {
        if (q.pendingFields().isEmpty()) {
            return true;
        }
        for (PiiField f : q.pendingFields()) {
            if (!f.strategy().erasedForm().matches(row[column(t, f.column())])) {
                return true;
            }
        }
        return false;
    }

    /** The index of {@code column} (matched case-insensitively) among {@code t}'s columns. */
    public static int column(TableSchema t, String column) {
        int i = t.indexOf(column);
        if (i < 0) {
            throw new ConfigurationException("column " + t.name() + "." + column + " does not exist");
        }
        return i;
    }
}
