package org.compliancekit.pii;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies a data subject by one or more identities: the id (what tables linked by id hold), the email address,
 * or another identity the map declares on the subject's tables ({@link IdentityColumn}, e.g. a phone number).
 * Requests are resolved to subject ids before any table is read; see {@code docs/subject-rights.md} for the
 * matching rules. {@link #toString()} never shows a value other than the id.
 */
public final class SubjectRef {
    /** The name of the id identity. */
    public static final String ID = "id";
    /** The name of the email identity. */
    public static final String EMAIL = "email";

    private final Map<String, String> identities;

    private SubjectRef(Map<String, String> identities) {
        Map<String, String> m = new LinkedHashMap<>();
        identities.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                m.put(Objects.requireNonNull(k, "identity name"), v);
            }
        });
        if (m.isEmpty()) {
            throw new IllegalArgumentException("a subject needs an id, an email address or another identity");
        }
        this.identities = Collections.unmodifiableMap(m);
    }

    public static SubjectRef ofId(Object id) {
        return new SubjectRef(Map.of(ID, String.valueOf(id)));
    }

    public static SubjectRef ofEmail(String email) {
        return new SubjectRef(Collections.singletonMap(EMAIL, email));
    }

    public static SubjectRef of(Object id, String email) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ID, id == null ? null : String.valueOf(id));
        m.put(EMAIL, email);
        return new SubjectRef(m);
    }

    /**
     * A subject named by {@code identity}: {@code id}, {@code email}, or an identity the map declares, e.g.
     * {@code ofIdentity("phone", "+4915112345678")}.
     */
    public static SubjectRef ofIdentity(String identity, String value) {
        return new SubjectRef(Collections.singletonMap(identity, value));
    }

    /** A subject named by several identities at once, e.g. {@code {"id": "42", "email": "ann@example.com"}}. */
    public static SubjectRef ofIdentities(Map<String, String> identities) {
        return new SubjectRef(identities);
    }

    public Optional<String> id() {
        return identity(ID);
    }

    public Optional<String> email() {
        return identity(EMAIL);
    }

    /** The value of {@code identity}, if the subject was named by it. */
    public Optional<String> identity(String identity) {
        return Optional.ofNullable(identities.get(identity));
    }

    /** Every identity the subject was named by, in the order given. */
    public Map<String, String> identities() {
        return identities;
    }

    /** The value a direct link compares against: the id for {@link SubjectLink.ById}, the email otherwise. */
    public Optional<String> valueFor(SubjectLink terminal) {
        return terminal instanceof SubjectLink.ByEmail ? email() : id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectRef s && identities.equals(s.identities);
    }

    @Override
    public int hashCode() {
        return identities.hashCode();
    }

    @Override
    public String toString() {
        // The id is an internal reference and may be shown; every other identity is PII and never is.
        StringBuilder sb = new StringBuilder("SubjectRef[id=").append(id().orElse("-"));
        identities.keySet().stream().filter(k -> !k.equals(ID)).forEach(k -> sb.append(", ").append(k).append("=***"));
        return sb.append(']').toString();
    }
}
