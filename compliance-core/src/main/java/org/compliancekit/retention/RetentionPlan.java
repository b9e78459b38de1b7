package org.compliancekit.retention;

import java.time.Instant;
import java.util.List;

/**
 * What a retention run would do at {@code at}, rule by rule; computed without writing anything.
 */
public record RetentionPlan(Instant at, List<RulePlan> rules) {
    public RetentionPlan {
        rules = List.copyOf(rules);
    }

    /** Rows all rules together would change. */
    public long totalMatching() {
        return rules.stream().mapToLong(RulePlan::matching).sum();
    }

    /** Rows all rules together hold back. */
    public long totalHeld() {
        return rules.stream().mapToLong(RulePlan::held).sum();
    }
}
