package org.compliancekit.retention;

import java.time.Instant;
import java.util.List;
import org.compliancekit.pii.RowAction;
import org.compliancekit.store.RowKey;

/**
 * What one retention rule would do now.
 *
 * @param rule the rule's name
 * @param table the table
 * @param action anonymize or delete
 * @param cutoff rows with a timestamp at or before this instant are expired
 * @param matching expired rows that would be changed (held rows not included)
 * @param held expired rows exempt by a legal hold
 * @param sampleKeys the first few keys that would be changed, for a human check; keys only, never row content
 */
public record RulePlan(String rule, String table, RowAction action, Instant cutoff, long matching, long held,
        List<RowKey> sampleKeys) {
    public RulePlan {
        sampleKeys = List.copyOf(sampleKeys);
    }
}
