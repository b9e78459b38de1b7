package org.compliancekit.audit;

import java.time.Duration;
import java.util.Optional;
import org.compliancekit.ConfigurationException;

/**
 * Where the audit trail lives and how long it is kept.
 *
 * @param table the audit table's name (default {@code compliance_audit})
 * @param retention how long events are kept; {@code null} keeps them forever (the default)
 */
public record AuditSettings(String table, Duration retention) {
    /** Default of {@code audit.table}. */
    public static final String DEFAULT_TABLE = "compliance_audit";

    /** Validates the settings, naming each by its policy-file path. */
    public AuditSettings {
        table = table == null ? DEFAULT_TABLE : table;
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigurationException("audit.table '" + table + "' must be a plain SQL identifier");
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new ConfigurationException("audit.retention must be positive or unset (keep forever), was " + retention);
        }
    }

    /** Table {@code compliance_audit}, kept forever. */
    public static AuditSettings defaults() {
        return new AuditSettings(DEFAULT_TABLE, null);
    }

    public Optional<Duration> retentionPeriod() {
        return Optional.ofNullable(retention);
    }

    public AuditSettings withRetention(Duration retention) {
        return new AuditSettings(table, retention);
    }
}
