package org.compliancekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.S3MockApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.compliancekit.audit.AuditEvent;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.job.JobReport;
import org.compliancekit.job.StepState;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.s3.S3BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Two instances of one application on one PostgreSQL database, backing up into S3 (S3Mock 5, a Spring Boot 4
 * application, in this JVM): started together, the daily job's work happens once; and the job runs on its cron
 * schedule without the host enabling scheduling.
 */
class PostgresS3ClusterTest {
    private static EmbeddedPostgres postgres;
    private static S3MockApplication s3;
    private static Path s3Root;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        s3Root = Files.createTempDirectory("s3mock-spring");
        s3 = S3MockApplication.start(new HashMap<>(Map.of(
                S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
                S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
                "com.adobe.testing.s3mock.store.root", s3Root.toString(),
                "com.adobe.testing.s3mock.store.region", "us-east-1",
                "com.adobe.testing.s3mock.store.initial-buckets", "shop-backups",
                S3MockApplication.PROP_SILENT, true,
                // S3Mock is a Boot application on this class path: keep the starter out of it.
                "compliance.enabled", false,
                "spring.autoconfigure.exclude",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        try (var files = Files.walk(s3Root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void twoInstancesRunTheDailyWorkOnce() throws Exception {
        String db = freshDatabase();
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            instances.add(instance(db, "prefix-a"));
            instances.add(instance(db, "prefix-a"));
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<JobReport>> runs = new ArrayList<>();
            for (ConfigurableApplicationContext ctx : instances) {
                ComplianceJobScheduler scheduler = ctx.getBean(ComplianceJobScheduler.class);
                runs.add(pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return scheduler.runNow();
                }));
            }
            List<JobReport> reports = new ArrayList<>();
            for (Future<JobReport> f : runs) {
                reports.add(f.get(120, TimeUnit.SECONDS));
            }
            assertThat(reports).filteredOn(r -> r.backup().state() == StepState.RAN).hasSize(1);
            assertThat(reports).filteredOn(r -> r.piiDeletion().state() == StepState.RAN).hasSize(1);
            assertThat(reports).filteredOn(r -> r.backup().state() != StepState.RAN)
                    .allSatisfy(r -> assertThat(r.locked() || r.backup().state() == StepState.NOT_DUE).isTrue());

            ComplianceKit kit = instances.get(0).getBean(ComplianceKit.class);
            assertThat(kit.dataStore().describe().table("leads")).isPresent();
            assertThat(realRuns(kit, AuditEvent.TYPE_BACKUP)).hasSize(1);
            assertThat(realRuns(kit, AuditEvent.TYPE_PII_DELETION)).hasSize(1);
            assertThat(instances.get(1).getBean(ComplianceKit.class).backups().orElseThrow().lastCompleted())
                    .hasValueSatisfying(b -> assertThat(b.storedBytes()).isPositive());
            assertThat(instances.get(0).getBean(org.compliancekit.store.BlobStore.class)).isInstanceOf(S3BlobStore.class);
            ComplianceStatus.Report status = instances.get(1).getBean(ComplianceEndpoint.class).status();
            assertThat(status.tasks().get("backup").status()).as("read from durable state by either instance")
                    .isEqualTo("completed");
        } finally {
            pool.shutdownNow();
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    @Test
    void theJobRunsOnItsSchedule() throws Exception {
        String db = freshDatabase();
        CountDownLatch backedUp = new CountDownLatch(1);
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ShopApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties(db, "prefix-scheduled"))
                .properties("compliance.job.cron=* * * * * *")
                .initializers(c -> c.getBeanFactory().registerSingleton("latch",
                        (AuditEventListener) r -> countBackup(r, backedUp)))
                .run()) {
            assertThat(backedUp.await(60, TimeUnit.SECONDS)).as("a scheduled backup within a minute").isTrue();
            assertThat(ctx.getBean(ComplianceStatus.class).report().tasks().get("backup").lastRun()).isNotNull();
        }
    }

    private static void countBackup(AuditRecord record, CountDownLatch latch) {
        if (record.event().type().equals(AuditEvent.TYPE_BACKUP) && !record.event().dryRun()) {
            latch.countDown();
        }
    }

    private static List<AuditRecord> realRuns(ComplianceKit kit, String type) {
        return kit.auditLog().query(AuditQuery.all().withTypes(type).withLimit(100)).stream()
                .filter(r -> !r.event().dryRun()).toList();
    }

    private static ConfigurableApplicationContext instance(String db, String prefix) {
        return new SpringApplicationBuilder(ShopApplication.class).web(WebApplicationType.NONE)
                .properties(properties(db, prefix)).run();
    }

    private static String[] properties(String db, String prefix) {
        return new String[] {
            "spring.main.banner-mode=off",
            "spring.datasource.url=" + postgres.getJdbcUrl("postgres", db),
            "spring.datasource.username=postgres",
            "spring.datasource.hikari.maximum-pool-size=4",
            "spring.sql.init.mode=never",
            "compliance.policy-location=classpath:policies/shop.yml",
            "compliance.hash-secret=" + Shop.HASH_SECRET,
            "compliance.backup.enabled=true",
            "compliance.backup.keys.k1=" + Shop.BACKUP_KEY,
            "compliance.backup.s3.bucket=shop-backups",
            "compliance.backup.s3.prefix=" + prefix + "-" + db,
            "compliance.backup.s3.endpoint=http://127.0.0.1:" + s3.getHttpPort(),
            "compliance.backup.s3.region=us-east-1",
            "compliance.backup.s3.path-style=true",
            "compliance.backup.s3.access-key-id=test-access-key",
            "compliance.backup.s3.secret-access-key=test-secret-key",
        };
    }

    private static String freshDatabase() throws Exception {
        String name = "shop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        Shop.load(postgres.getDatabase("postgres", name));
        return name;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ShopApplication {
    }
}
