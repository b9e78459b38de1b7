package org.compliancekit.spring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.job.JobSettings;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Processor;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.PolicyFiles;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds the application's {@link CompliancePolicy}: the policy file (or the application's {@link PiiMap}) as the
 * base, then every {@code compliance.*} setting the environment actually sets on top. A setting set nowhere keeps
 * the file's value, and the file's absent settings keep the library's defaults, so a property's documented default
 * never silently overrides the file.
 */
final class PolicyAssembler {
    private final ComplianceProperties properties;
    private final Binder binder;

    PolicyAssembler(ComplianceProperties properties, Binder binder) {
        this.properties = properties;
        this.binder = binder;
    }

    /** Reads the policy file at {@code compliance.policy-location}, naming the location when it is missing. */
    static CompliancePolicy read(ResourceLoader loader, PolicyFiles files, String location) {
        Resource resource = loader.getResource(location);
        if (!resource.exists()) {
            throw new ConfigurationException("compliance.policy-location: no policy file at " + location + "; create "
                    + "it (see docs/pii-map.md), point compliance.policy-location at it, or define a CompliancePolicy "
                    + "or PiiMap bean");
        }
        try (InputStream in = resource.getInputStream()) {
            return files.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("compliance.policy-location: cannot read " + location + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** {@code base} with the processors and settings the environment sets. */
    CompliancePolicy apply(CompliancePolicy base) {
        return new CompliancePolicy(withProcessors(base.map()), base.rules(), backup(base.backup()),
                audit(base.audit()), job(base.job()));
    }

    private PiiMap withProcessors(PiiMap map) {
        if (properties.getProcessors().isEmpty()) {
            return map;
        }
        List<Processor> processors = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < properties.getProcessors().size(); i++) {
            ComplianceProperties.ProcessorEntry p = properties.getProcessors().get(i);
            if (p.getDpaStatus() == null) {
                throw new ConfigurationException("compliance.processors[" + i + "].dpa-status is missing; set it to "
                        + "signed, pending, not-required or missing");
            }
            processors.add(new Processor(p.getName(), p.getPurpose(), p.getDataShared(), p.getDpaStatus(),
                    p.getLocation()));
            added.add(p.getName());
        }
        // The policy file's own processors first, in their order, then those the properties add.
        processors.addAll(0, map.processors().stream().filter(p -> !added.contains(p.name())).toList());
        return new PiiMap(map.tables(), processors);
    }

    private BackupSettings backup(BackupSettings s) {
        ComplianceProperties.Backup p = properties.getBackup();
        s = override(s, "backup.enabled", Boolean.class, () -> p.isEnabled(), BackupSettings::withEnabled);
        s = override(s, "backup.name", String.class, () -> p.getName(), BackupSettings::withName);
        s = override(s, "backup.cadence", Duration.class, () -> p.getCadence(), BackupSettings::withCadence);
        s = override(s, "backup.retention", Duration.class, () -> p.getRetention(), BackupSettings::withRetention);
        s = override(s, "backup.encrypted", Boolean.class, () -> p.isEncrypted(), BackupSettings::withEncrypted);
        if (binder.bind("compliance.backup.exclude-tables", Bindable.listOf(String.class)).isBound()) {
            s = s.withExcludeTables(p.getExcludeTables());
        }
        if (binder.bind("compliance.backup.schemas", Bindable.listOf(String.class)).isBound()) {
            s = s.withSchemas(p.getSchemas());
        }
        if (isSet("backup.parallelism", String.class)) {
            s = s.withParallelism(BackupSettings.parseParallelism(p.getParallelism(), "compliance.backup.parallelism"));
        }
        return s;
    }

    private AuditSettings audit(AuditSettings s) {
        ComplianceProperties.Audit p = properties.getAudit();
        String table = isSet("audit.table", String.class) ? p.getTable() : s.table();
        Duration retention = isSet("audit.retention", Duration.class) ? p.getRetention() : s.retention();
        Duration personalRetention = isSet("audit.personal-fields-retention", Duration.class)
                ? p.getPersonalFieldsRetention() : s.personalFieldsRetention();
        java.util.Set<String> personalFields = binder.bind("compliance.audit.personal-fields",
                Bindable.listOf(String.class)).isBound() ? java.util.Set.copyOf(p.getPersonalFields()) : s.personalFields();
        return new AuditSettings(table, retention, personalRetention, personalFields);
    }

    private JobSettings job(JobSettings s) {
        ComplianceProperties.Job p = properties.getJob();
        return new JobSettings(
                isSet("job.pii-deletion-cadence", Duration.class) ? p.getPiiDeletionCadence() : s.piiDeletionCadence(),
                isSet("job.skip-deletion-when-backup-fails", Boolean.class) ? p.isSkipDeletionWhenBackupFails()
                        : s.skipDeletionWhenBackupFails(),
                isSet("job.due-grace", Duration.class) ? p.getDueGrace() : s.dueGrace(),
                isSet("job.lock-name", String.class) ? p.getLockName() : s.lockName(),
                isSet("job.lock-at-most-for", Duration.class) ? p.getLockAtMostFor() : s.lockAtMostFor());
    }

    private <T, V> T override(T settings, String name, Class<V> type, Supplier<V> value, BiFunction<T, V, T> with) {
        return isSet(name, type) ? with.apply(settings, value.get()) : settings;
    }

    private boolean isSet(String name, Class<?> type) {
        return binder.bind("compliance." + name, Bindable.of(type)).isBound();
    }
}
