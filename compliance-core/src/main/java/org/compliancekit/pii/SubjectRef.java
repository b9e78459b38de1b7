package org.compliancekit.pii;

import java.util.Optional;

/**
 * Identifies a data subject: by id, by email address, or both. Tables linked by id are searched with the id,
 * tables linked by email with the email. {@link #toString()} never shows the email address.
 */
public final class SubjectRef {
    private final String id;
    private final String email;

    private SubjectRef(String id, String email) {
        if ((id == null || id.isBlank()) && (email == null || email.isBlank())) {
            throw new IllegalArgumentException("a subject needs an id or an email address");
        }
        this.id = id;
        this.email = email;
    }

    public static SubjectRef ofId(Object id) {
        return new SubjectRef(String.valueOf(id), null);
    }

    public static SubjectRef ofEmail(String email) {
        return new SubjectRef(null, email);
    }

    public static SubjectRef of(Object id, String email) {
        return new SubjectRef(id == null ? null : String.valueOf(id), email);
    }

    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** The value a direct link compares against: the id for {@link SubjectLink.ById}, the email otherwise. */
    public Optional<String> valueFor(SubjectLink terminal) {
        return terminal instanceof SubjectLink.ByEmail ? email() : id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectRef s && java.util.Objects.equals(id, s.id) && java.util.Objects.equals(email, s.email);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, email);
    }

    @Override
    public String toString() {
        // The id is an internal reference and may be shown; the email is PII and never is.
        return "SubjectRef[id=" + (id == null ? "-" : id) + ", email=" + (email == null ? "-" : "***") + "]";
    }
}
