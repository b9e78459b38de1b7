package org.compliancekit.audit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
 */
public record AuditEvent(
        String type, AuditStatus status, String actor, String summary, Map<String, Object> details, Duration duration,
        boolean dryRun) {

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
    }

    /** An event with no details, zero duration, not a dry run. */
    public static AuditEvent of(String type, AuditStatus status, String actor, String summary) {
        return new AuditEvent(type, status, actor, summary, Map.of(), Duration.ZERO, false);
    }

    public AuditEvent withDetails(Map<String, Object> details) {
        return new AuditEvent(type, status, actor, summary, details, duration, dryRun);
    }

    public AuditEvent withDuration(Duration duration) {
        return new AuditEvent(type, status, actor, summary, details, duration, dryRun);
    }

    public AuditEvent withDryRun(boolean dryRun) {
        return new AuditEvent(type, status, actor, summary, details, duration, dryRun);
    }
}
