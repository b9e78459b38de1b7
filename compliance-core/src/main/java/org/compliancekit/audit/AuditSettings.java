package org.compliancekit.audit;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.compliancekit.ConfigurationException;

/**
 * Where the audit trail lives and how long it is kept.
 *
 * @param table the audit table's name (default {@code compliance_audit})
 * @param retention how long events are kept; {@code null} keeps them forever (the default)
 * @param personalFieldsRetention how long the erasable personal fields of events (see
 *     {@link AuditEvent#withPersonalField}) are kept, shorter than the events themselves; {@code null} keeps them as
 *     long as their record (the default)
 * @param personalFields the personal field names {@code personalFieldsRetention} applies to; empty (the default)
 *     means every personal field
 */
public record AuditSettings(String table, Duration retention, Duration personalFieldsRetention,
        Set<String> personalFields) {
    /** Default of {@code audit.table}. */
    public static final String DEFAULT_TABLE = "compliance_audit";
    /** Default of {@code audit.personalFieldsRetention}: unset, personal fields are kept as long as their record. */
    public static final Duration DEFAULT_PERSONAL_FIELDS_RETENTION = null;
    /** Default of {@code audit.personalFields}: empty, the personal-field retention applies to every field. */
    public static final Set<String> DEFAULT_PERSONAL_FIELDS = Set.of();

    /** Validates the settings, naming each by its policy-file path. */
    public AuditSettings {
        table = table == null ? DEFAULT_TABLE : table;
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigurationException("audit.table '" + table + "' must be a plain SQL identifier");
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new ConfigurationException("audit.retention must be positive or unset (keep forever), was " + retention);
        }
        if (personalFieldsRetention != null && (personalFieldsRetention.isNegative() || personalFieldsRetention.isZero())) {
            throw new ConfigurationException("audit.personalFieldsRetention must be positive or unset (keep as long as "
                    + "the record), was " + personalFieldsRetention);
        }
        personalFields = personalFields == null ? DEFAULT_PERSONAL_FIELDS : Set.copyOf(personalFields);
        for (String name : personalFields) {
            // Same rule as the names events may carry: a name that can never match is a typo, not a choice.
            if (!name.matches("[a-z][a-z0-9_]{0,63}")) {
                throw new ConfigurationException("audit.personalFields: '" + name + "' is not a personal field name "
                        + "(lower case letters, digits and _, starting with a letter, at most 64)");
            }
        }
    }

    /** Settings without a personal-field retention (personal fields kept as long as their record). */
    public AuditSettings(String table, Duration retention) {
        this(table, retention, DEFAULT_PERSONAL_FIELDS_RETENTION, DEFAULT_PERSONAL_FIELDS);
    }

    /** Table {@code compliance_audit}, kept forever, personal fields as long as their record. */
    public static AuditSettings defaults() {
        return new AuditSettings(DEFAULT_TABLE, null);
    }

    public Optional<Duration> retentionPeriod() {
        return Optional.ofNullable(retention);
    }

    /** How long personal fields are kept, when shorter than their record. */
    public Optional<Duration> personalFieldsRetentionPeriod() {
        return Optional.ofNullable(personalFieldsRetention);
    }

    public AuditSettings withRetention(Duration retention) {
        return new AuditSettings(table, retention, personalFieldsRetention, personalFields);
    }

    /** These settings with personal fields {@code names} (all when empty) kept for {@code keepFor} ({@code null}: as long as the record). */
    public AuditSettings withPersonalFieldsRetention(Duration keepFor, Set<String> names) {
        return new AuditSettings(table, retention, keepFor, names);
    }
}
