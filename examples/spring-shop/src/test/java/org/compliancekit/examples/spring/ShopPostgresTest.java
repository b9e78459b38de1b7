package org.compliancekit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.StepState;
import org.compliancekit.kit.ComplianceKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same shop on PostgreSQL (an embedded server): it starts, validates its policy and runs the daily job. */
@SpringBootTest(classes = ShopApplication.class, properties = {"compliance.job.enabled=false",
        "compliance.console.enabled=false"})
class ShopPostgresTest {
    static EmbeddedPostgres postgres;

    @Autowired
    ComplianceKit kit;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        // a new folder for each run: backups left by an earlier run would make today's backup not due
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "shop-postgres-");
        registry.add("shop.dir", dir::toString);
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theShopRunsItsDailyJobOnPostgres() {
        assertThat(kit.validation().errors()).isEmpty();
        assertThat(kit.policy().map().tables()).hasSizeGreaterThanOrEqualTo(8);

        JobReport report = kit.dailyJob().run();

        assertThat(report.backup().state()).isEqualTo(StepState.RAN);
        assertThat(report.piiDeletion().state()).isEqualTo(StepState.RAN);
        assertThat(report.piiDeletion().result().totalAffected()).isPositive();
        assertThat(kit.auditLog().verify().valid()).isTrue();
    }
}
