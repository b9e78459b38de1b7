package org.compliancekit.pii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.compliancekit.ConfigurationException;

/**
 * What a PII field becomes when its row is anonymized: a pure function from the stored value to the erased one.
 *
 * <p>The four built-in strategies are {@link Null}, {@link Redact}, {@link Hash} and {@link Keep}. Implement
 * this interface for anything else (e.g. keep the last four digits of a phone number). An implementation must be
 * a pure function: the same value and context give the same result, and it must say through {@link #erasedForm()}
 * how an already erased value looks, so that running retention twice does not touch a row again.
 */
public interface Strategy {

    /** The name used in the YAML form of the map, e.g. {@code null}, {@code redact}, {@code hash}. */
    String name();

    /**
     * Computes the erased value.
     *
     * @param value the stored value, possibly {@code null}
     * @param context secrets and settings the strategy may need (the HASH secret)
     * @return the value to store instead
     */
    Object apply(Object value, ErasureContext context);

    /** How a value this strategy produced can be recognized, so already-erased rows are not matched again. */
    ErasedForm erasedForm();

    /**
     * Whether the output depends on the input. Strategies that do not (NULL, REDACT) are applied with one
     * set-based statement per batch; the others are computed row by row.
     */
    default boolean dependsOnValue() {
        return true;
    }

    /** Whether this strategy leaves the value as it is (a field kept for a documented reason). */
    default boolean keepsValue() {
        return false;
    }

    /** NULL: the value becomes {@code null}. The column must be nullable. */
    static Strategy nulled() {
        return new Null();
    }

    /** REDACT with the default text {@value Redact#DEFAULT_TEXT}. The column must be text. */
    static Strategy redact() {
        return new Redact(Redact.DEFAULT_TEXT);
    }

    /** REDACT with the given replacement text. */
    static Strategy redact(String text) {
        return new Redact(text);
    }

    /** HASH: a keyed HMAC-SHA256 of the value; see {@link Hash} for the output format. */
    static Strategy hash() {
        return new Hash();
    }

    /** KEEP: the value stays, for the given documented reason (e.g. "bookkeeping law: 5 years"). */
    static Strategy keep(String reason) {
        return new Keep(reason);
    }

    /** The value becomes {@code null}. */
    record Null() implements Strategy {
        @Override
        public String name() {
            return "null";
        }

        @Override
        public Object apply(Object value, ErasureContext context) {
            return null;
        }

        @Override
        public ErasedForm erasedForm() {
            return ErasedForm.isNull();
        }

        @Override
        public boolean dependsOnValue() {
            return false;
        }
    }

    /**
     * The value is replaced by a fixed text; {@code null} stays {@code null}, as it holds nothing to hide.
     *
     * @param text the replacement, not blank
     */
    record Redact(String text) implements Strategy {
        /** The replacement used when none is configured. */
        public static final String DEFAULT_TEXT = "[REDACTED]";

        public Redact {
            Objects.requireNonNull(text, "redact text");
            if (text.isBlank()) {
                throw new ConfigurationException("REDACT text must not be blank; omit it to use " + DEFAULT_TEXT);
            }
        }

        @Override
        public String name() {
            return "redact";
        }

        @Override
        public Object apply(Object value, ErasureContext context) {
            return value == null ? null : text;
        }

        @Override
        public ErasedForm erasedForm() {
            return ErasedForm.equalTo(text);
        }

        @Override
        public boolean dependsOnValue() {
            return false;
        }
    }

    /**
     * A keyed, one-way hash that keeps uniqueness and linkage: equal inputs give equal outputs under one secret,
     * so unique constraints hold and records can still be de-duplicated, but the input cannot be recovered.
     *
     * <p>Output format (documented in {@code docs/pii-map.md}): {@value #PREFIX} followed by the unpadded
     * base64url encoding of HMAC-SHA256(secret, UTF-8 bytes of the value's string form): always
     * {@value #OUTPUT_LENGTH} ASCII characters. A value that already has this form is returned unchanged, so
     * hashing twice is harmless. {@code null} stays {@code null}.
     */
    record Hash() implements Strategy {
        /** Marks a hashed value. */
        public static final String PREFIX = "hmac:";
        /** Length in characters of every hashed value. */
        public static final int OUTPUT_LENGTH = 48;

        @Override
        public String name() {
            return "hash";
        }

        @Override
        public Object apply(Object value, ErasureContext context) {
            if (value == null) {
                return null;
            }
            String text = value.toString();
            if (isHashed(text)) {
                return text;
            }
            byte[] digest = context.hmac(text.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }

        static boolean isHashed(String text) {
            return text.length() == OUTPUT_LENGTH && text.startsWith(PREFIX);
        }

        @Override
        public ErasedForm erasedForm() {
            return ErasedForm.startsWith(PREFIX);
        }
    }

    /**
     * The value is deliberately kept.
     *
     * @param reason why, in words an auditor accepts (e.g. "bookkeeping law: 5 years")
     */
    record Keep(String reason) implements Strategy {
        public Keep {
            Objects.requireNonNull(reason, "keep reason");
            if (reason.isBlank()) {
                throw new ConfigurationException("KEEP needs a reason: say why the field is kept (e.g. 'bookkeeping law: 5 years')");
            }
        }

        @Override
        public String name() {
            return "keep";
        }

        @Override
        public Object apply(Object value, ErasureContext context) {
            return value;
        }

        @Override
        public ErasedForm erasedForm() {
            return ErasedForm.any();
        }

        @Override
        public boolean dependsOnValue() {
            return false;
        }

        @Override
        public boolean keepsValue() {
            return true;
        }
    }
}
