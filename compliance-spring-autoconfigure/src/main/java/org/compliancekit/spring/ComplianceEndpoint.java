package org.compliancekit.spring;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.compliancekit.ConfigurationException;
import org.compliancekit.backup.BackupResult;
import org.compliancekit.backup.CleanupResult;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.retention.RetentionPlan;
import org.compliancekit.retention.RetentionResult;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code compliance} Actuator endpoint. Read: per task the last run, its status and when it is next due; the
 * newest backup; the last audit-chain verification. Write ({@code POST /actuator/compliance/{task}}, task
 * {@code backup}, {@code cleanup}, {@code pii-deletion} or {@code verify-audit-chain}, body
 * {@code {"dryRun": true}}): runs that task now, recorded in the audit trail with the authenticated principal as
 * actor. Answers hold counts, folder and table names, never row content.
 */
@Endpoint(id = "compliance")
public class ComplianceEndpoint {
    private final ComplianceKit kit;
    private final ComplianceStatus status;
    private final ActorResolver actors;

    public ComplianceEndpoint(ComplianceKit kit, ComplianceStatus status, ActorResolver actors) {
        this.kit = kit;
        this.status = status;
        this.actors = actors;
    }

    @ReadOperation
    public ComplianceStatus.Report status() {
        return status.report();
    }

    /**
     * Runs {@code task} now.
     *
     * @param dryRun when true, says what would happen and changes nothing (default false)
     */
    @WriteOperation
    public Map<String, Object> run(SecurityContext security, @Selector String task, @Nullable Boolean dryRun) {
        boolean dry = Boolean.TRUE.equals(dryRun);
        String actor = actor(security);
        Map<String, Object> result = switch (task) {
            case "backup" -> backup(dry ? kit.dailyJob().backupDryRun(actor) : kit.dailyJob().backup(actor));
            case "cleanup" -> cleanup(dry ? kit.dailyJob().cleanupDryRun(actor) : kit.dailyJob().cleanup(actor));
            case "pii-deletion" -> dry ? plan(kit.dailyJob().piiDeletionDryRun(actor))
                    : deletion(kit.dailyJob().piiDeletion(actor));
            case "verify-audit-chain" -> Map.of("task", task, "auditChain", status.verifyAuditChain());
            default -> throw new ConfigurationException("unknown compliance task '" + task + "'; use backup, cleanup, "
                    + "pii-deletion or verify-audit-chain");
        };
        status.backupsChanged();
        return result;
    }

    private String actor(SecurityContext security) {
        Principal principal = security == null ? null : security.getPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
            return principal.getName();
        }
        return actors.currentActor().orElse(null);
    }

    private static Map<String, Object> backup(BackupResult r) {
        Map<String, Object> m = head("backup", r.dryRun(), r.status().name());
        m.put("folder", r.folder());
        m.put("tables", r.tables().size());
        m.put("failedTables", r.failures().stream().map(f -> f.table()).toList());
        m.put("excludedTables", r.excludedTables());
        m.put("rows", r.rows());
        m.put("storedBytes", r.storedBytes());
        m.put("duration", r.duration() == null ? null : r.duration().toString());
        return m;
    }

    private static Map<String, Object> cleanup(CleanupResult r) {
        Map<String, Object> m = head("cleanup", r.dryRun(), r.failures().isEmpty() ? "COMPLETED" : "PARTIAL");
        m.put("deletedFolders", r.deletedFolders());
        m.put("keptFolders", r.keptFolders().size());
        m.put("failedObjects", r.failures().size());
        return m;
    }

    private static Map<String, Object> plan(RetentionPlan p) {
        Map<String, Object> m = head("pii-deletion", true, "PLANNED");
        m.put("matching", p.totalMatching());
        m.put("held", p.totalHeld());
        m.put("rules", p.rules().stream().map(r -> Map.of("rule", r.rule(), "matching", r.matching(),
                "held", r.held())).toList());
        return m;
    }

    private static Map<String, Object> deletion(RetentionResult r) {
        Map<String, Object> m = head("pii-deletion", false, r.status().name());
        m.put("affected", r.totalAffected());
        m.put("held", r.totalHeld());
        m.put("rules", r.rules().stream().map(x -> Map.of("rule", x.rule(), "affected", x.affected(),
                "held", x.held(), "status", x.status().name())).toList());
        return m;
    }

    private static Map<String, Object> head(String task, boolean dryRun, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", task);
        m.put("dryRun", dryRun);
        m.put("status", status);
        return m;
    }
}
