package org.compliancekit.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.compliancekit.ConfigurationException;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.backup.BackupSettings;
import org.compliancekit.backup.BackupStatus;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.JobSettings;
import org.compliancekit.job.StepState;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.Strategy;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.retention.RetentionPresets;
import org.compliancekit.store.ColumnSchema;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.store.InMemoryDataStore;
import org.compliancekit.store.SqlType;
import org.compliancekit.store.TableSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComplianceKitTest {
    static final TableSchema CONTACTS = new TableSchema("contacts", List.of(
            ColumnSchema.of("id", SqlType.BIGINT, false),
            ColumnSchema.text("email", 255, true),
            ColumnSchema.of("created_at", SqlType.TIMESTAMP, false)), List.of("id"), List.of());
    static final PiiMap MAP = PiiMap.builder()
            .table("contacts", t -> t.subjectEmail("email").deleteRow().field("email", Strategy.nulled())).build();

    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T03:00:00Z"), ZoneOffset.UTC);
    InMemoryDataStore store;
    CompliancePolicy policy;

    @BeforeEach
    void setUp() {
        store = InMemoryDataStore.of(CONTACTS);
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        store.insert("contacts", Map.of("id", 1L, "email", "old@example.com", "created_at", now.minusDays(100)));
        store.insert("contacts", Map.of("id", 2L, "email", "new@example.com", "created_at", now.minusDays(10)));
        policy = new CompliancePolicy(MAP, List.of(RetentionPresets.contacts("contacts", "created_at")),
                BackupSettings.defaults().withEnabled(true), null, JobSettings.defaults());
    }

    ComplianceKit.Builder kit() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return ComplianceKit.builder(policy).withDataStore(store).withAuditLogFactory(AuditLogFactory.inMemory())
                .withSigner(CheckpointSigner.generate("audit-1"))
                .withBlobStore(new InMemoryBlobStore(clock))
                .withKeys(KeyRing.single("k1", Base64.getEncoder().encodeToString(key)))
                .withClock(clock);
    }

    @Test
    void dailyRunBacksUpThenDeletesWithOneClockAndOneAuditLog() {
        ComplianceKit kit = kit().build();

        JobReport report = kit.dailyJob().run();

        assertThat(report.backup().state()).isEqualTo(StepState.RAN);
        assertThat(report.backup().result().status()).isEqualTo(BackupStatus.COMPLETED);
        assertThat(report.piiDeletion().state()).isEqualTo(StepState.RAN);
        assertThat(report.piiDeletion().result().totalAffected()).isEqualTo(1);
        assertThat(store.rows("contacts")).hasSize(1);
        List<AuditRecord> records = kit.auditLog().query(AuditQuery.all());
        assertThat(records).extracting(r -> r.event().type())
                .contains("backup", "backup_cleanup", "pii_deletion");
        assertThat(records).allSatisfy(r -> assertThat(r.occurredAt()).isEqualTo(clock.instant()));
        assertThat(kit.auditLog().verify().valid()).isTrue();
        assertThat(kit.backups()).isPresent();
        assertThat(kit.inventory().markdown()).contains("contacts");
    }

    @Test
    void buildFailsWithTheWholeValidationReport() {
        policy = CompliancePolicy.of(PiiMap.builder()
                .table("contacts", t -> t.subjectEmail("mail").field("phone", Strategy.nulled()).field("fax", Strategy.nulled()))
                .table("nowhere", t -> t.subjectId("id").field("x", Strategy.nulled()))
                .build());

        assertThatThrownBy(() -> kit().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("contacts.phone").hasMessageContaining("contacts.fax")
                .hasMessageContaining("nowhere");
    }

    @Test
    void missingPartsAreNamed() {
        assertThatThrownBy(() -> ComplianceKit.builder(policy).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withDataStore");
        assertThatThrownBy(() -> ComplianceKit.builder(policy).withDataStore(store).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withAuditLog");
        assertThatThrownBy(() -> ComplianceKit.builder(policy).withDataStore(store)
                .withAuditLogFactory(AuditLogFactory.inMemory()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("backup.enabled");
    }

    @Test
    void aSignerForAReadyAuditLogIsRefused() {
        assertThatThrownBy(() -> kit().withAuditLog(InMemoryAuditLog.builder(clock).build()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("withSigner");
    }

    @Test
    void withoutABlobStoreThereAreNoBackupsAndTheJobSkipsThem() {
        policy = policy.withBackup(BackupSettings.defaults());
        ComplianceKit kit = ComplianceKit.builder(policy).withDataStore(store)
                .withAuditLogFactory(AuditLogFactory.inMemory()).withClock(clock).build();

        JobReport report = kit.dailyJob().run();

        assertThat(kit.backups()).isEmpty();
        assertThat(report.backup().state()).isNotEqualTo(StepState.RAN);
        assertThat(report.piiDeletion().result().totalAffected()).isEqualTo(1);
    }
}
