package org.compliancekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.StepState;
import org.compliancekit.kit.ComplianceKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A shop as a Spring Boot application would have it: an H2 DataSource from spring.datasource.*, the schema from
 * spring.sql.init, the starter, three compliance properties and a folder for backups. The daily job runs end to end
 * and the endpoint, health and metrics report it.
 */
@SpringBootTest(classes = H2ShopApplicationTest.ShopApplication.class, properties = {
        "spring.datasource.url=jdbc:h2:mem:h2shop;DB_CLOSE_DELAY=-1",
        "spring.sql.init.schema-locations=classpath:shop-schema.sql",
        "compliance.policy-location=classpath:policies/shop.yml",
        "compliance.hash-secret=" + Shop.HASH_SECRET,
        "compliance.backup.enabled=true",
        "compliance.backup.keys.2026-01=" + Shop.BACKUP_KEY,
        "management.endpoints.access.default=unrestricted"})
class H2ShopApplicationTest {
    private static final Path BACKUPS = tempDir();

    @Autowired
    ComplianceJobScheduler scheduler;
    @Autowired
    ComplianceEndpoint endpoint;
    @Autowired
    HealthContributorRegistry health;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ComplianceKit kit;

    @DynamicPropertySource
    static void backupFolder(DynamicPropertyRegistry registry) {
        registry.add("compliance.backup.filesystem.path", BACKUPS::toString);
    }

    @Test
    void dailyJobRunsEndToEndAndIsReported() {
        JobReport report = scheduler.runNow();
        assertThat(report.backup().state()).isEqualTo(StepState.RAN);
        assertThat(report.cleanup().state()).isEqualTo(StepState.RAN);
        assertThat(report.piiDeletion().state()).isEqualTo(StepState.RAN);
        assertThat(report.piiDeletion().value().orElseThrow().totalAffected()).isEqualTo(2);

        ComplianceStatus.Report status = endpoint.status();
        assertThat(status.tasks().get("backup").status()).isEqualTo("completed");
        assertThat(status.tasks().get("backup").nextDue()).isAfter(status.tasks().get("backup").lastRun());
        assertThat(status.tasks().get("pii-deletion").status()).isEqualTo("completed");
        assertThat(status.tasks().get("cleanup").lastRun()).isNotNull();
        assertThat(status.lastBackup().status()).isEqualTo("completed");
        assertThat(status.lastBackup().storedBytes()).isPositive();
        assertThat(status.auditChain().status()).isEqualTo("valid");

        HealthIndicator compliance = (HealthIndicator) health.getContributor("compliance");
        assertThat(compliance.health().getStatus()).isEqualTo(Status.UP);
        assertThat(compliance.health().getDetails()).containsEntry("lastBackup", status.lastBackup().folder());

        assertThat(meters.get("compliance.retention.rows").tag("rule", "old-leads").counter().count()).isEqualTo(2.0);
        assertThat(meters.get("compliance.backup.bytes").summary().totalAmount())
                .isEqualTo((double) status.lastBackup().storedBytes());
        assertThat(meters.get("compliance.backup.duration").timer().count()).isEqualTo(1);

        JobReport again = scheduler.runNow();
        assertThat(again.backup().state()).as("durable state says: not due").isEqualTo(StepState.NOT_DUE);
        assertThat(again.piiDeletion().state()).isEqualTo(StepState.NOT_DUE);
    }

    @AfterAll
    static void removeBackups() throws Exception {
        try (var files = Files.walk(BACKUPS)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("h2shop-backups");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ShopApplication {
    }
}
