package org.compliancekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.compliancekit.audit.AuditSettings;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.job.JobSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/** Every default the generated metadata documents is the library's own default. */
class CompliancePropertiesDefaultsTest {

    @Test
    void documentedDefaultsAreTheCoreDefaults() throws Exception {
        Map<String, JsonNode> props = metadata();
        BackupSettings backup = BackupSettings.defaults();
        JobSettings job = JobSettings.defaults();
        AuditSettings audit = AuditSettings.defaults();

        assertThat(props.get("compliance.backup.enabled").get("defaultValue").asBoolean()).isEqualTo(backup.enabled());
        assertThat(props.get("compliance.backup.name").get("defaultValue").asText()).isEqualTo(backup.name());
        assertThat(duration(props, "compliance.backup.cadence")).isEqualTo(backup.cadence());
        assertThat(duration(props, "compliance.backup.retention")).isEqualTo(backup.retention());
        assertThat(props.get("compliance.backup.encrypted").get("defaultValue").asBoolean()).isEqualTo(backup.encrypted());
        TreeSet<String> excludes = new TreeSet<>();
        props.get("compliance.backup.exclude-tables").get("defaultValue").forEach(n -> excludes.add(n.asText()));
        assertThat(excludes).isEqualTo(new TreeSet<>(BackupSettings.DEFAULT_EXCLUDES));

        assertThat(duration(props, "compliance.job.pii-deletion-cadence")).isEqualTo(job.piiDeletionCadence());
        assertThat(props.get("compliance.job.skip-deletion-when-backup-fails").get("defaultValue").asBoolean())
                .isEqualTo(job.skipDeletionWhenBackupFails());
        assertThat(duration(props, "compliance.job.due-grace")).isEqualTo(job.dueGrace());
        assertThat(props.get("compliance.job.lock-name").get("defaultValue").asText()).isEqualTo(job.lockName());
        assertThat(duration(props, "compliance.job.lock-at-most-for")).isEqualTo(job.lockAtMostFor());
        assertThat(props.get("compliance.job.cron").get("defaultValue").asText()).isEqualTo("0 0 3 * * *");

        assertThat(props.get("compliance.audit.table").get("defaultValue").asText()).isEqualTo(audit.table());
        assertThat(props.get("compliance.audit.retention").has("defaultValue")).as("kept forever")
                .isEqualTo(audit.retention() != null);
        assertThat(props.get("compliance.audit.personal-fields-retention").has("defaultValue"))
                .as("as long as the record").isEqualTo(AuditSettings.DEFAULT_PERSONAL_FIELDS_RETENTION != null);
        assertThat(props.get("compliance.audit.personal-fields").path("defaultValue").size())
                .isEqualTo(AuditSettings.DEFAULT_PERSONAL_FIELDS.size());
    }

    @Test
    void theObjectsDefaultsMatchTheMetadata() {
        ComplianceProperties p = new ComplianceProperties();
        BackupSettings backup = BackupSettings.defaults();
        assertThat(p.getBackup().isEnabled()).isEqualTo(backup.enabled());
        assertThat(p.getBackup().getCadence()).isEqualTo(backup.cadence());
        assertThat(p.getBackup().getRetention()).isEqualTo(backup.retention());
        assertThat(p.getBackup().isEncrypted()).isEqualTo(backup.encrypted());
        assertThat(new TreeSet<>(p.getBackup().getExcludeTables())).isEqualTo(new TreeSet<>(backup.excludeTables()));
        assertThat(p.getBackup().getSchemas()).isEqualTo(backup.schemas()).isEqualTo(BackupSettings.DEFAULT_SCHEMAS);
        assertThat(BackupSettings.parseParallelism(p.getBackup().getParallelism(), "compliance.backup.parallelism"))
                .isEqualTo(backup.parallelism()).isEqualTo(BackupSettings.DEFAULT_PARALLELISM);
        JobSettings job = JobSettings.defaults();
        assertThat(p.getJob().getPiiDeletionCadence()).isEqualTo(job.piiDeletionCadence());
        assertThat(p.getJob().getDueGrace()).isEqualTo(job.dueGrace());
        assertThat(p.getJob().getLockAtMostFor()).isEqualTo(job.lockAtMostFor());
        assertThat(p.getAudit().getRetention()).isEqualTo(AuditSettings.defaults().retention());
        assertThat(p.getAudit().getPersonalFieldsRetention()).isEqualTo(AuditSettings.defaults().personalFieldsRetention());
        assertThat(p.getAudit().getPersonalFields()).isEqualTo(List.copyOf(AuditSettings.defaults().personalFields()));
    }

    @Test
    void everyPropertyIsDescribed() throws Exception {
        assertThat(metadata()).allSatisfy((name, node) -> {
            if (name.startsWith("compliance.")) {
                assertThat(node.path("description").asText()).as(name).isNotBlank();
            }
        });
    }

    private static Duration duration(Map<String, JsonNode> props, String name) {
        return DurationStyle.detectAndParse(props.get(name).get("defaultValue").asText());
    }

    private static Map<String, JsonNode> metadata() throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        try (InputStream in = CompliancePropertiesDefaultsTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            new ObjectMapper().readTree(in).get("properties").forEach(n -> out.put(n.get("name").asText(), n));
        }
        return out;
    }
}
