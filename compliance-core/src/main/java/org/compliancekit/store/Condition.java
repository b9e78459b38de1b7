package org.compliancekit.store;

import java.util.List;
import java.util.Objects;

/**
 * A typed filter on a row, narrowing which rows a retention rule or query touches. No SQL strings: stores translate these
 * into their own query language with bound parameters.
 */
public sealed interface Condition {

    /** Matches every row. */
    static Condition always() {
        return new And(List.of());
    }

    /** {@code column} holds one of {@code values}. */
    static Condition in(String column, Object... values) {
        return new In(column, List.of(values));
    }

    static Condition isTrue(String column) {
        return new IsTrue(column);
    }

    static Condition isFalse(String column) {
        return new IsFalse(column);
    }

    static Condition isNull(String column) {
        return new IsNull(column);
    }

    static Condition isNotNull(String column) {
        return new IsNotNull(column);
    }

    static Condition and(Condition... parts) {
        return new And(List.of(parts));
    }

    static Condition or(Condition... parts) {
        return new Or(List.of(parts));
    }

    /** The columns this condition reads, for validation against the schema. */
    List<String> columns();

    /** Column value is one of a non-empty list of values (text, numbers or booleans). */
    record In(String column, List<Object> values) implements Condition {
        public In {
            requireColumn(column);
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("IN condition on " + column + " needs at least one value");
            }
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Column is boolean true. */
    record IsTrue(String column) implements Condition {
        public IsTrue {
            requireColumn(column);
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Column is boolean false. */
    record IsFalse(String column) implements Condition {
        public IsFalse {
            requireColumn(column);
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Column is NULL. */
    record IsNull(String column) implements Condition {
        public IsNull {
            requireColumn(column);
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Column is not NULL. */
    record IsNotNull(String column) implements Condition {
        public IsNotNull {
            requireColumn(column);
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** All parts hold; no parts means always true. */
    record And(List<Condition> parts) implements Condition {
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public List<String> columns() {
            return parts.stream().flatMap(p -> p.columns().stream()).toList();
        }
    }

    /** At least one part holds; needs at least one part. */
    record Or(List<Condition> parts) implements Condition {
        public Or {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("OR condition needs at least one part");
            }
        }

        @Override
        public List<String> columns() {
            return parts.stream().flatMap(p -> p.columns().stream()).toList();
        }
    }

    private static void requireColumn(String column) {
        Objects.requireNonNull(column, "condition column");
        if (column.isBlank()) {
            throw new IllegalArgumentException("condition column must not be blank");
        }
    }
}
