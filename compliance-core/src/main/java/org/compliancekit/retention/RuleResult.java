package org.compliancekit.retention;

import java.time.Instant;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.pii.RowAction;

/**
 * What one retention rule did.
 *
 * @param rule the rule's name
 * @param table the table
 * @param action anonymize or delete
 * @param cutoff the cut-off instant used
 * @param affected rows changed (anonymized or deleted)
 * @param held expired rows left alone because of a legal hold
 * @param batches transactions committed
 * @param status COMPLETED, or FAILED when a batch failed (earlier batches stay committed)
 * @param error why it failed, naming the table or constraint; {@code null} on success. Never row content.
 */
public record RuleResult(String rule, String table, RowAction action, Instant cutoff, long affected, long held,
        int batches, AuditStatus status, String error) {
}
