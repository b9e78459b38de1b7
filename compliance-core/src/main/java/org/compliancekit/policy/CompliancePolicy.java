package org.compliancekit.policy;

import java.util.List;
import java.util.Objects;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.job.JobSettings;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.retention.RetentionRule;

/**
 * Everything a deployment declares about its personal data in one value: the PII map (with the processor
 * register), the retention rules, and the backup, audit and job settings. Every default lives in the settings
 * records' {@code defaults()}. The YAML/JSON file form is read and written by {@link PolicyFiles};
 * {@link Validation} checks it against a store's schema.
 */
public record CompliancePolicy(
        PiiMap map, List<RetentionRule> rules, BackupSettings backup, AuditSettings audit, JobSettings job) {
    public CompliancePolicy {
        Objects.requireNonNull(map, "map");
        rules = List.copyOf(rules);
        backup = backup == null ? BackupSettings.defaults() : backup;
        audit = audit == null ? AuditSettings.defaults() : audit;
        job = job == null ? JobSettings.defaults() : job;
    }

    /** A policy with default job settings. */
    public CompliancePolicy(PiiMap map, List<RetentionRule> rules, BackupSettings backup, AuditSettings audit) {
        this(map, rules, backup, audit, JobSettings.defaults());
    }

    /** A policy with this map, no rules and default settings. */
    public static CompliancePolicy of(PiiMap map) {
        return new CompliancePolicy(map, List.of(), BackupSettings.defaults(), AuditSettings.defaults(),
                JobSettings.defaults());
    }

    public CompliancePolicy withRules(List<RetentionRule> rules) {
        return new CompliancePolicy(map, rules, backup, audit, job);
    }

    public CompliancePolicy withBackup(BackupSettings backup) {
        return new CompliancePolicy(map, rules, backup, audit, job);
    }

    public CompliancePolicy withAudit(AuditSettings audit) {
        return new CompliancePolicy(map, rules, backup, audit, job);
    }

    public CompliancePolicy withJob(JobSettings job) {
        return new CompliancePolicy(map, rules, backup, audit, job);
    }
}
