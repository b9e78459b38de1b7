package org.compliancekit.audit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Something significant that happened, before it is stored: the audit log assigns sequence number, time and
 * hashes when it appends it.
 *
 * @param type one of the {@code TYPE_*} constants or an application-defined type ({@code [a-z][a-z0-9_]*})
 * @param status outcome
 * @param actor who did it; {@link #SYSTEM} for the scheduled job and other runs no person triggered
 * @param summary one line for people; no PII
 * @param details structured facts (counts, tables, keys of objects); passes through redaction before storing
 * @param duration how long it took; {@link Duration#ZERO} when not measured
 * @param dryRun whether nothing was actually changed
 * @param personal erasable personal fields by name ({@code [a-z][a-z0-9_]{0,63}}, e.g. {@code ip}, {@code user_agent},
 *     {@link #SUBJECT_REF}): stored as given, not redacted, and covered by the chain through a salted commitment, so
 *     that {@link AuditLog#erasePersonalFields(String)} can erase them later without breaking verification (format
 *     version 2 of {@code docs/audit-chain.md}). In records read back, an erased field maps to {@code null}.
 */
public record AuditEvent(
        String type, AuditStatus status, String actor, String summary, Map<String, Object> details, Duration duration,
        boolean dryRun, Map<String, String> personal) {

    /** The actor of the scheduled job and of every run no person triggered. */
    public static final String SYSTEM = "system";

    public static final String TYPE_BACKUP = "backup";
    public static final String TYPE_BACKUP_CLEANUP = "backup_cleanup";
    public static final String TYPE_PII_DELETION = "pii_deletion";
    public static final String TYPE_DATA_EXPORT = "data_export";
    public static final String TYPE_DATA_IMPORT = "data_import";
    public static final String TYPE_USER_DELETION = "user_deletion";
    public static final String TYPE_PERMISSION_CHANGE = "permission_change";
    public static final String TYPE_CONFIG_CHANGE = "config_change";
    /** A backup was checked against its manifest, without a database. */
    public static final String TYPE_BACKUP_VERIFY = "backup_verify";
    /** Personal fields of audit records were erased (for a data subject, or because they reached their retention). */
    public static final String TYPE_PERSONAL_FIELD_ERASURE = "personal_field_erasure";

    /**
     * The personal field naming the data subject an event concerns (the subject's id as the subject-rights API
     * resolves it); a subject's erasure erases the personal fields of every record carrying it.
     */
    public static final String SUBJECT_REF = "subject_ref";

    public AuditEvent {
        Objects.requireNonNull(type, "audit event type");
        if (!type.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("audit event type '" + type + "' must match [a-z][a-z0-9_]{0,63}");
        }
        Objects.requireNonNull(status, "audit event status");
        summary = summary == null ? "" : summary.replace('\n', ' ').replace('\r', ' ');
        // LinkedHashMap keeps the caller's order for display; null values are allowed in details.
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        duration = duration == null ? Duration.ZERO : duration;
        personal = personal == null || personal.isEmpty() ? Map.of() : personalFields(personal);
    }

    /** An event without personal fields. */
    public AuditEvent(String type, AuditStatus status, String actor, String summary, Map<String, Object> details,
            Duration duration, boolean dryRun) {
        this(type, status, actor, summary, details, duration, dryRun, Map.of());
    }

    private static Map<String, String> personalFields(Map<String, String> fields) {
        // Sorted, as the chain hashes them; a TreeMap because an erased field (in a record read back) maps to null.
        Map<String, String> sorted = new TreeMap<>();
        fields.forEach((name, value) -> {
            if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
                throw new IllegalArgumentException("audit personal field name '" + name + "' must match "
                        + "[a-z][a-z0-9_]{0,63}");
            }
            sorted.put(name, value);
        });
        return Collections.unmodifiableMap(sorted);
    }

    /** An event with no details, zero duration, not a dry run. */
    public static AuditEvent of(String type, AuditStatus status, String actor, String summary) {
        return new AuditEvent(type, status, actor, summary, Map.of(), Duration.ZERO, false);
    }

    public AuditEvent withDetails(Map<String, Object> details) {
        return new AuditEvent(type, status, actor, summary, details, duration, dryRun, personal);
    }

    public AuditEvent withDuration(Duration duration) {
        return new AuditEvent(type, status, actor, summary, details, duration, dryRun, personal);
    }

    public AuditEvent withDryRun(boolean dryRun) {
        return new AuditEvent(type, status, actor, summary, details, duration, dryRun, personal);
    }

    /** Shows the names of the personal fields, never their values, so that logging an event leaks none. */
    @Override
    public String toString() {
        return "AuditEvent[type=" + type + ", status=" + status + ", actor=" + actor + ", summary=" + summary
                + ", details=" + details + ", duration=" + duration + ", dryRun=" + dryRun + ", personal="
                + personal.keySet() + "]";
    }

    /**
     * This event with the erasable personal field {@code name} set to {@code value}, e.g.
     * {@code event.withPersonalField("ip", request.getRemoteAddr())}; a {@code null} value leaves the field out.
     */
    public AuditEvent withPersonalField(String name, String value) {
        Map<String, String> fields = new TreeMap<>(personal);
        if (value == null) {
            fields.remove(name);
        } else {
            fields.put(name, value);
        }
        return withPersonalFields(fields);
    }

    /** This event with exactly these erasable personal fields (replacing any it had). */
    public AuditEvent withPersonalFields(Map<String, String> personal) {
        return new AuditEvent(type, status, actor, summary, details, duration, dryRun, personal);
    }
}
