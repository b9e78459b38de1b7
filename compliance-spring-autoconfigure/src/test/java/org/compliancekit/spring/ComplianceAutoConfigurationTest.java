package org.compliancekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.compliancekit.audit.AuditLog;
import org.compliancekit.audit.AuditQuery;
import org.compliancekit.audit.AuditRecord;
import org.compliancekit.audit.CheckpointSigner;
import org.compliancekit.audit.InMemoryAuditLog;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.jdbc.JdbcComplianceKit;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.pii.SubjectRef;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.policy.PolicyFiles;
import org.compliancekit.s3.S3BlobStore;
import org.compliancekit.store.BlobStore;
import org.compliancekit.store.FileSystemBlobStore;
import org.compliancekit.store.InMemoryBlobStore;
import org.compliancekit.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@ExtendWith(OutputCaptureExtension.class)
class ComplianceAutoConfigurationTest {
    static final AutoConfigurations ALL = AutoConfigurations.of(ComplianceMetricsAutoConfiguration.class,
            ComplianceAutoConfiguration.class, ComplianceJobAutoConfiguration.class,
            ComplianceActuatorAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(ALL)
            .withBean(DataSource.class, Shop::h2)
            .withPropertyValues("compliance.policy-location=classpath:policies/shop.yml",
                    "compliance.hash-secret=" + Shop.HASH_SECRET);

    @Test
    void dataSourceAndPolicyFileGiveTheWholeKit() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(ComplianceKit.class).hasSingleBean(ComplianceStatus.class)
                    .hasSingleBean(ComplianceJobScheduler.class).hasSingleBean(ComplianceEvents.class)
                    .hasSingleBean(ComplianceEndpoint.class).hasBean("complianceHealthIndicator")
                    .hasSingleBean(SpringSecurityActorResolver.class).doesNotHaveBean(ComplianceMetrics.class)
                    .doesNotHaveBean(BlobStore.class);
            ComplianceKit kit = ctx.getBean(ComplianceKit.class);
            assertThat(kit.policy().rules()).extracting(r -> r.name()).containsExactly("old-leads");
            assertThat(kit.policy().backup().name()).as("the file's value, no property set").isEqualTo("shopfile");
            assertThat(kit.backups()).isEmpty();
            assertThat(kit.validation().isValid()).isTrue();
        });
    }

    @Test
    void backupParallelismIsReadFromItsPropertyAndABadValueFailsStartupNamingIt() {
        runner.run(ctx -> assertThat(ctx.getBean(ComplianceKit.class).policy().backup().parallelism())
                .isEqualTo(org.compliancekit.backup.BackupSettings.AUTO_PARALLELISM));
        runner.withPropertyValues("compliance.backup.parallelism=2").run(ctx -> assertThat(
                ctx.getBean(ComplianceKit.class).policy().backup().parallelism()).isEqualTo(2));
        runner.withPropertyValues("compliance.backup.parallelism=lots").run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("compliance.backup.parallelism")
                .hasMessageContaining("lots"));
    }

    @Test
    void processorsKeepThePolicyFilesOrderBeforeThoseThePropertiesAdd() {
        runner.withPropertyValues("compliance.policy-location=classpath:policies/shop-processors.yml",
                "compliance.processors[0].name=Hetzner", "compliance.processors[0].purpose=hosting",
                "compliance.processors[0].data-shared=everything", "compliance.processors[0].dpa-status=signed",
                "compliance.processors[0].location=Germany").run(ctx -> assertThat(
                        ctx.getBean(ComplianceKit.class).policy().map().processors()).extracting(x -> x.name())
                        .containsExactly("Stripe", "Postmark", "Hetzner"));
    }

    @Test
    void propertiesOverrideThePolicyFileOnlyWhereSet() {
        runner.withPropertyValues("compliance.backup.cadence=48h", "compliance.backup.name=props",
                "compliance.job.pii-deletion-cadence=12h", "compliance.audit.table=shop_audit",
                "compliance.processors[0].name=Stripe", "compliance.processors[0].purpose=card payments",
                "compliance.processors[0].data-shared=email", "compliance.processors[0].dpa-status=signed",
                "compliance.processors[0].location=USA (EU SCCs)").run(ctx -> {
                    CompliancePolicy p = ctx.getBean(ComplianceKit.class).policy();
                    assertThat(p.backup().cadence()).isEqualTo(Duration.ofHours(48));
                    assertThat(p.backup().name()).isEqualTo("props");
                    assertThat(p.backup().retention()).isEqualTo(Duration.ofDays(30));
                    assertThat(p.job().piiDeletionCadence()).isEqualTo(Duration.ofHours(12));
                    assertThat(p.audit().table()).isEqualTo("shop_audit");
                    assertThat(p.map().processors()).extracting(x -> x.name()).containsExactly("Stripe");
                });
    }

    @Test
    void noDataSourceNoKit() {
        new ApplicationContextRunner().withConfiguration(ALL)
                .withPropertyValues("compliance.policy-location=classpath:policies/shop.yml").run(ctx -> assertThat(ctx)
                        .hasNotFailed().doesNotHaveBean(ComplianceKit.class).doesNotHaveBean(ComplianceJobScheduler.class)
                        .doesNotHaveBean(ComplianceEndpoint.class));
    }

    @Test
    void jdbcModuleAbsentNoKit() {
        runner.withClassLoader(new FilteredClassLoader(JdbcComplianceKit.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ComplianceKit.class));
    }

    @Test
    void switchedOff() {
        runner.withPropertyValues("compliance.enabled=false").run(ctx -> assertThat(ctx).hasNotFailed()
                .doesNotHaveBean(ComplianceKit.class).doesNotHaveBean(ComplianceProperties.class));
    }

    @Test
    void jobSwitchedOffKeepsStatusAndEndpoint() {
        runner.withPropertyValues("compliance.job.enabled=false").run(ctx -> {
            assertThat(ctx).hasNotFailed().doesNotHaveBean(ComplianceJobScheduler.class)
                    .hasSingleBean(ComplianceEndpoint.class);
            assertThat(ctx.getBean(ComplianceStatus.class).report().tasks().get("pii-deletion").nextDue())
                    .as("not scheduled here").isNull();
        });
    }

    @Test
    void actuatorHealthMicrometerAndSecurityEachOptional() {
        runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(ComplianceEndpoint.class).hasBean("complianceHealthIndicator"));
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(ctx -> assertThat(ctx).doesNotHaveBean("complianceHealthIndicator").hasSingleBean(ComplianceEndpoint.class));
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).withBean(SimpleMeterRegistry.class)
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ComplianceMetrics.class));
        runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
                .run(ctx -> assertThat(ctx.getBean(ActorResolver.class).currentActor()).isEmpty());
    }

    @Test
    void metricsCountWhatTheEnginesRecord() {
        runner.withBean(SimpleMeterRegistry.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(ComplianceMetrics.class);
            ctx.getBean(ComplianceJobScheduler.class).runNow();
            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            assertThat(registry.get("compliance.retention.rows").tag("rule", "old-leads").tag("action", "delete")
                    .counter().count()).isEqualTo(2.0);
        });
    }

    @Test
    void filesystemStorageAndKeys(@TempDir Path dir, CapturedOutput output) {
        runner.withPropertyValues("compliance.backup.enabled=true", "compliance.backup.filesystem.path=" + dir,
                "compliance.backup.keys.k1=" + Shop.BACKUP_KEY).run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(FileSystemBlobStore.class);
                    assertThat(ctx.getBean(KeyRing.class).primaryId()).isEqualTo("k1");
                    ComplianceKit kit = ctx.getBean(ComplianceKit.class);
                    assertThat(kit.dailyJob().run().backup().value()).isPresent();
                    assertThat(kit.backups().orElseThrow().lastCompleted()).isPresent();
                });
        assertThat(output).doesNotContain(Shop.BACKUP_KEY).doesNotContain(Shop.HASH_SECRET);
        assertThat(output.getAll().split("compliance policy: WARNING", -1)).as("the warning, logged once")
                .hasSize(2);
    }

    @Test
    void s3StorageNeedsTheS3Module() {
        ApplicationContextRunner s3 = runner.withPropertyValues("compliance.backup.s3.bucket=shop",
                "compliance.backup.s3.region=us-east-1", "compliance.backup.s3.endpoint=http://127.0.0.1:9",
                "compliance.backup.s3.path-style=true", "compliance.backup.s3.access-key-id=a",
                "compliance.backup.s3.secret-access-key=b");
        s3.run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(S3BlobStore.class));
        s3.withClassLoader(new FilteredClassLoader(S3BlobStore.class)).run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("compliance-s3 is not on the class path"));
        s3.withPropertyValues("compliance.backup.filesystem.path=/tmp/x").run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("set one of them"));
    }

    @Test
    void everyBeanCanBeReplaced() {
        PiiMap map = PolicyFiles.standard().parse(resource("policies/shop.yml")).map();
        InMemoryAuditLog log = InMemoryAuditLog.builder(java.time.Clock.systemUTC()).build();
        BlobStore store = new InMemoryBlobStore();
        ActorResolver bob = () -> Optional.of("bob");
        runner.withBean(PiiMap.class, () -> map).withBean(AuditLog.class, () -> log)
                .withBean(BlobStore.class, () -> store).withBean(ActorResolver.class, () -> bob)
                .withPropertyValues("compliance.policy-location=classpath:nowhere.yml").run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    ComplianceKit kit = ctx.getBean(ComplianceKit.class);
                    assertThat(kit.policy().rules()).as("a PiiMap bean brings no rules").isEmpty();
                    ctx.getBean(ComplianceEvents.class).configChange("webhook url changed", Map.of("setting", "webhook"));
                    assertThat(log.query(AuditQuery.all())).singleElement()
                            .satisfies(r -> assertThat(r.event().actor()).isEqualTo("bob"));
                    assertThat(kit.backups()).isPresent();
                });
        CompliancePolicy policy = CompliancePolicy.of(map);
        KeyRing keys = KeyRing.single("own", Shop.BACKUP_KEY);
        CheckpointSigner signer = CheckpointSigner.generate("own-signer");
        runner.withBean(CompliancePolicy.class, () -> policy).withBean(KeyRing.class, () -> keys)
                .withBean(CheckpointSigner.class, () -> signer).run(ctx -> {
                    assertThat(ctx.getBean(ComplianceKit.class).policy()).isSameAs(policy);
                    assertThat(ctx.getBean(ComplianceKit.class).auditLog().checkpoint().keyId()).isEqualTo("own-signer");
                });
        ComplianceKit own = JdbcComplianceKit.builder(Shop.h2(), policy).build();
        runner.withBean(ComplianceKit.class, () -> own).run(ctx -> {
            assertThat(ctx.getBean(ComplianceKit.class)).isSameAs(own);
            assertThat(ctx).hasSingleBean(ComplianceJobScheduler.class).hasSingleBean(ComplianceEndpoint.class);
        });
        ComplianceStatus status = new ComplianceStatus(own, null, java.time.ZoneId.of("UTC"));
        runner.withBean(ComplianceStatus.class, () -> status)
                .run(ctx -> assertThat(ctx.getBean(ComplianceStatus.class)).isSameAs(status));
    }

    @Test
    void customizersSeeTheBuilder() {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T03:00:00Z"));
        runner.withBean(ComplianceKitCustomizer.class, () -> kit -> kit.withClock(clock))
                .run(ctx -> assertThat(ctx.getBean(ComplianceKit.class).clock()).isSameAs(clock));
    }

    @Test
    void healthIsDownWhenTheNewestBackupIsTooOld(@TempDir Path dir) {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T03:00:00Z"));
        runner.withBean(ComplianceKitCustomizer.class, () -> kit -> kit.withClock(clock))
                .withPropertyValues("compliance.backup.enabled=true", "compliance.backup.filesystem.path=" + dir,
                        "compliance.backup.encrypted=false").run(ctx -> {
                    HealthIndicator health = ctx.getBean("complianceHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).as("fresh install, no backup yet").isEqualTo(Status.UP);
                    ctx.getBean(ComplianceJobScheduler.class).runNow();
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(health.health().getDetails()).containsEntry("auditChain", "valid");
                    clock.advance(Duration.ofHours(47));
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    clock.advance(Duration.ofHours(2));
                    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void scheduledRunErasesPersonalAuditFieldsOlderThanTheirRetention() {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T03:00:00Z"));
        runner.withBean(ComplianceKitCustomizer.class, () -> kit -> kit.withClock(clock))
                .withPropertyValues("compliance.audit.personal-fields-retention=1h",
                        "compliance.audit.personal-fields=ip").run(ctx -> {
                    ComplianceKit kit = ctx.getBean(ComplianceKit.class);
                    assertThat(kit.policy().audit().personalFieldsRetention()).isEqualTo(Duration.ofHours(1));
                    assertThat(kit.policy().audit().personalFields()).containsExactly("ip");
                    AuditRecord login = kit.auditLog().append(org.compliancekit.audit.AuditEvent.of("login",
                            org.compliancekit.audit.AuditStatus.SUCCESS, "user:7", "login")
                            .withPersonalField("ip", "203.0.113.7").withPersonalField("user_agent", "Firefox/128"));
                    clock.advance(Duration.ofHours(2));
                    org.compliancekit.job.JobReport report = ctx.getBean(ComplianceJobScheduler.class).runNow();
                    assertThat(report.personalFieldsRetention().result().fields()).isEqualTo(1);
                    AuditRecord after = kit.auditLog().query(AuditQuery.all().before(login.sequence() + 1).withLimit(1))
                            .get(0);
                    assertThat(after.event().personal()).containsEntry("user_agent", "Firefox/128");
                    assertThat(after.event().personal().get("ip")).isNull();
                });
    }

    @Test
    void scheduledRunPrunesTheAuditTrailToItsRetention() {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T03:00:00Z"));
        runner.withPropertyValues("compliance.audit.retention=1h").run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().rootCause().hasMessageContaining("compliance.audit.signing"));
        CheckpointSigner signer = CheckpointSigner.generate("k");
        runner.withBean(ComplianceKitCustomizer.class, () -> kit -> kit.withClock(clock))
                .withBean(CheckpointSigner.class, () -> signer)
                .withPropertyValues("compliance.audit.retention=1h").run(ctx -> {
                    ctx.getBean(ComplianceEvents.class).configChange("webhook url changed", Map.of("setting", "webhook"));
                    clock.advance(Duration.ofHours(2));
                    ctx.getBean(ComplianceJobScheduler.class).runNow();
                    AuditLog log = ctx.getBean(ComplianceKit.class).auditLog();
                    assertThat(log.query(AuditQuery.all())).extracting(r -> r.event().summary())
                            .doesNotContain("webhook url changed");
                    assertThat(ctx.getBean(ComplianceStatus.class).lastChainCheck()).hasValueSatisfying(
                            c -> assertThat(c.valid()).as("the pruned chain still verifies").isTrue());
                });
    }

    @Test
    void anObservedAuditLogStillSignsTheCheckpointsAfterEachRun() {
        CheckpointSigner signer = CheckpointSigner.generate("observed");
        AuditEventListener listener = record -> { };
        runner.withBean(CheckpointSigner.class, () -> signer).withBean(AuditEventListener.class, () -> listener)
                .run(ctx -> assertThat(ctx.getBean(ComplianceKit.class).auditLog().signsCheckpoints())
                        .as("the job's steps and subject requests checkpoint only when the log says it signs")
                        .isTrue());
    }

    @Test
    void endpointTriggersRecordTheAuthenticatedActor() {
        runner.run(ctx -> {
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated("alice", "n/a", java.util.List.of()));
            try {
                Map<String, Object> dry = ctx.getBean(ComplianceEndpoint.class).run(null, "pii-deletion", true);
                assertThat(dry).containsEntry("dryRun", true).containsEntry("matching", 2L);
                ctx.getBean(ComplianceEndpoint.class).run(principal("carol"), "pii-deletion", true);
                ctx.getBean(ComplianceEvents.class).permissionChange("role granted", Map.of("role", "refunds"));
            } finally {
                SecurityContextHolder.clearContext();
            }
            AuditLog log = ctx.getBean(ComplianceKit.class).auditLog();
            assertThat(log.query(AuditQuery.all())).extracting(AuditRecord::event)
                    .extracting(e -> e.type() + ":" + e.actor() + ":" + e.dryRun())
                    .containsExactly("permission_change:alice:false", "pii_deletion:carol:true",
                            "pii_deletion:alice:true");
            assertThat(ctx.getBean(ComplianceStatus.class).report().tasks().get("pii-deletion").lastRun())
                    .as("a dry run is no run").isNull();
        });
    }

    @Test
    void erasureJoinsTheApplicationsTransaction() {
        runner.run(ctx -> {
            DataSource ds = ctx.getBean(DataSource.class);
            ComplianceKit kit = ctx.getBean(ComplianceKit.class);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
            tx.executeWithoutResult(status -> {
                kit.subjectRights().erase(SubjectRef.ofId(1L), "support");
                status.setRollbackOnly();
            });
            assertThat(email(ds)).as("rolled back with the host").isEqualTo("ann@example.com");
            tx.executeWithoutResult(status -> kit.subjectRights().erase(SubjectRef.ofId(1L), "support"));
            assertThat(email(ds)).as("committed with the host").startsWith("hmac:");
        });
    }

    private static org.springframework.boot.actuate.endpoint.SecurityContext principal(String name) {
        java.security.Principal p = () -> name;
        return new org.springframework.boot.actuate.endpoint.SecurityContext() {
            @Override
            public java.security.Principal getPrincipal() {
                return p;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }
        };
    }

    private static String email(DataSource ds) throws java.sql.SQLException {
        try (var c = ds.getConnection(); var rs = c.createStatement().executeQuery("SELECT email FROM customers")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String resource(String name) {
        try (var in = ComplianceAutoConfigurationTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
