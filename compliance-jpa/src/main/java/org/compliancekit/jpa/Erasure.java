package org.compliancekit.jpa;

/** The built-in erasure strategies of {@link PersonalData}, plus {@link #CUSTOM} for one registered by name. */
public enum Erasure {
    /** The value becomes {@code null}; the column must be nullable. */
    NULL,
    /** The value is replaced by {@link PersonalData#text()} (or {@code [REDACTED]}); the column must be text. */
    REDACT,
    /** The value becomes a keyed HMAC-SHA256 ({@code hmac:…}); the column must be text, 48 characters or wider. */
    HASH,
    /** The value is kept, for the documented {@link PersonalData#reason()}. */
    KEEP,
    /** A strategy registered under {@link PersonalData#strategy()}. */
    CUSTOM
}
