package org.compliancekit.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditStatus;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.StepState;

/**
 * Micrometer meters from the audit events the engines record, so that every operation is counted however it was
 * started (schedule, Actuator, the application's own calls):
 * <ul>
 * <li>{@code compliance.retention.rows} (rule, action): rows anonymized or deleted;
 * <li>{@code compliance.backup.bytes}, {@code compliance.backup.rows}, {@code compliance.backup.duration} (status);
 * <li>{@code compliance.subject.erasures} and {@code compliance.subject.exports} (outcome);
 * <li>{@code compliance.task.failures} (task): backup, cleanup, pii-deletion or daily-job.
 * </ul>
 * Dry runs are not counted.
 */
public final class ComplianceMetrics implements AuditEventListener {
    private final MeterRegistry registry;

    public ComplianceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void recorded(AuditRecord record) {
        AuditEvent e = record.event();
        if (e.dryRun()) {
            return;
        }
        String outcome = e.status().wireName();
        switch (e.type()) {
            case AuditEvent.TYPE_BACKUP -> backup(e, outcome);
            case AuditEvent.TYPE_PII_DELETION -> retention(e);
            case AuditEvent.TYPE_USER_DELETION -> registry.counter("compliance.subject.erasures", "outcome", outcome)
                    .increment();
            case AuditEvent.TYPE_DATA_EXPORT -> registry.counter("compliance.subject.exports", "outcome", outcome)
                    .increment();
            default -> {
            }
        }
        String task = ComplianceStatus.TASKS.entrySet().stream().filter(t -> t.getValue().equals(e.type()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (task != null && e.status() == AuditStatus.FAILED) {
            failure(task);
        }
    }

    /** Counts a daily run that failed before any task could record its own outcome. */
    void jobRan(JobReport report) {
        if (report.backup().state() == StepState.FAILED && report.backup().value().isEmpty()) {
            failure("backup");
        }
        if (report.cleanup().state() == StepState.FAILED && report.cleanup().value().isEmpty()) {
            failure("cleanup");
        }
        if (report.piiDeletion().state() == StepState.FAILED && report.piiDeletion().value().isEmpty()) {
            failure("pii-deletion");
        }
    }

    private void failure(String task) {
        registry.counter("compliance.task.failures", "task", task).increment();
    }

    private void backup(AuditEvent e, String outcome) {
        if (e.details().get("bytes") instanceof Number bytes) {
            DistributionSummary.builder("compliance.backup.bytes").baseUnit("bytes").tag("status", outcome)
                    .register(registry).record(bytes.doubleValue());
        }
        if (e.details().get("rows") instanceof Number rows) {
            DistributionSummary.builder("compliance.backup.rows").baseUnit("rows").tag("status", outcome)
                    .register(registry).record(rows.doubleValue());
        }
        Timer.builder("compliance.backup.duration").tag("status", outcome).register(registry).record(e.duration());
    }

    private void retention(AuditEvent e) {
        if (!(e.details().get("rules") instanceof List<?> rules)) {
            return;
        }
        for (Object o : rules) {
            if (o instanceof Map<?, ?> rule && rule.get("affected") instanceof Number affected
                    && affected.longValue() > 0) {
                Counter.builder("compliance.retention.rows").baseUnit("rows")
                        .tag("rule", String.valueOf(rule.get("rule"))).tag("action", String.valueOf(rule.get("action")))
                        .register(registry).increment(affected.doubleValue());
            }
        }
    }
}
