package org.compliancekit.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.compliancekit.audit.AuditStatus;

/**
 * What a retention run did: per rule counts and errors, and the overall status (COMPLETED when every rule
 * finished, PARTIAL when some failed, FAILED when all failed).
 */
public record RetentionResult(Instant at, AuditStatus status, List<RuleResult> rules, Duration duration) {
    public RetentionResult {
        rules = List.copyOf(rules);
    }

    /** Rows all rules together changed. */
    public long totalAffected() {
        return rules.stream().mapToLong(RuleResult::affected).sum();
    }

    /** Rows all rules together held back. */
    public long totalHeld() {
        return rules.stream().mapToLong(RuleResult::held).sum();
    }
}
