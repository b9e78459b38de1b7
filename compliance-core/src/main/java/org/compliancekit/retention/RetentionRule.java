package org.compliancekit.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.compliancekit.store.Condition;
import org.compliancekit.ConfigurationException;
import org.compliancekit.pii.RowAction;

/**
 * "Rows of {@code table} are anonymized/deleted once {@code period} has passed since {@code timestampColumn},
 * if {@code condition} holds." A row expires when {@code timestampColumn <= now - period}: exactly at the period
 * it is expired, one second before it is not. Rows whose timestamp is NULL never expire.
 *
 * @param name a unique name for reports and audit records, e.g. {@code orders-anonymize}
 * @param table the table the rule applies to
 * @param action ANONYMIZE (apply the PII map's field strategies) or DELETE
 * @param period how long rows are kept after the timestamp
 * @param timestampColumn the timestamp or date column the period counts from
 * @param condition which rows the rule applies to; {@link Condition#always()} for all
 */
public record RetentionRule(
        String name, String table, RowAction action, Duration period, String timestampColumn, Condition condition) {

    public RetentionRule {
        Objects.requireNonNull(table, "retention rule table");
        if (name == null || name.isBlank()) {
            name = table + "-" + (action == null ? "" : action.name().toLowerCase(java.util.Locale.ROOT));
        }
        Objects.requireNonNull(action, () -> "action of retention rule " + table);
        Objects.requireNonNull(period, () -> "period of retention rule " + table);
        if (period.isNegative() || period.isZero()) {
            throw new ConfigurationException("retention rule " + table + ": period must be positive, was " + period);
        }
        if (timestampColumn == null || timestampColumn.isBlank()) {
            throw new ConfigurationException("retention rule " + table + " needs the timestamp column the period counts from");
        }
        condition = condition == null ? Condition.always() : condition;
    }

    /** Starts a rule that anonymizes expired rows of {@code table}. */
    public static Builder anonymize(String table) {
        return new Builder(table, RowAction.ANONYMIZE);
    }

    /** Starts a rule that deletes expired rows of {@code table}. */
    public static Builder delete(String table) {
        return new Builder(table, RowAction.DELETE);
    }

    /** Rows with a timestamp at or before this instant are expired at {@code now}. */
    public Instant cutoff(Instant now) {
        return now.minus(period);
    }

    /** Builds a {@link RetentionRule}. */
    public static final class Builder {
        private final String table;
        private final RowAction action;
        private String name;
        private Duration period;
        private String timestampColumn;
        private Condition condition = Condition.always();

        private Builder(String table, RowAction action) {
            this.table = table;
            this.action = action;
        }

        public Builder named(String name) {
            this.name = name;
            return this;
        }

        public Builder after(Duration period) {
            this.period = period;
            return this;
        }

        /** Shorthand for {@code after(Duration.ofDays(days))}. */
        public Builder afterDays(long days) {
            return after(Duration.ofDays(days));
        }

        public Builder countingFrom(String timestampColumn) {
            this.timestampColumn = timestampColumn;
            return this;
        }

        public Builder when(Condition condition) {
            this.condition = condition;
            return this;
        }

        public RetentionRule build() {
            return new RetentionRule(name, table, action, period, timestampColumn, condition);
        }
    }
}
