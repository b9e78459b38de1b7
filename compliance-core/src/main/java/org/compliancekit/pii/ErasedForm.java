package org.compliancekit.pii;

import java.util.Objects;

/**
 * How a value that a {@link Strategy} produced can be recognized. Stores turn this into a condition ("the field
 * is not yet erased") so that retention rules and erasures never match an already anonymized row again.
 */
public sealed interface ErasedForm {

    /** Whether {@code value} already has this form. */
    boolean matches(Object value);

    static ErasedForm isNull() {
        return IsNull.INSTANCE;
    }

    static ErasedForm equalTo(String text) {
        return new EqualTo(text);
    }

    static ErasedForm startsWith(String prefix) {
        return new StartsWith(prefix);
    }

    /** Every value counts as erased: the field is kept and never a reason to touch the row. */
    static ErasedForm any() {
        return Any.INSTANCE;
    }

    /** The erased value is {@code null}. */
    enum IsNull implements ErasedForm {
        INSTANCE;

        @Override
        public boolean matches(Object value) {
            return value == null;
        }
    }

    /** The erased value equals a fixed text ({@code null} counts as erased too: nothing left to erase). */
    record EqualTo(String text) implements ErasedForm {
        public EqualTo {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean matches(Object value) {
            return value == null || text.equals(value.toString());
        }
    }

    /** The erased value starts with a fixed prefix ({@code null} counts as erased too: nothing left to erase). */
    record StartsWith(String prefix) implements ErasedForm {
        public StartsWith {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public boolean matches(Object value) {
            return value == null || value.toString().startsWith(prefix);
        }
    }

    /** Any value. */
    enum Any implements ErasedForm {
        INSTANCE;

        @Override
        public boolean matches(Object value) {
            return true;
        }
    }
}
