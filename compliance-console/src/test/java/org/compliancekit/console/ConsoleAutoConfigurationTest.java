package org.compliancekit.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.compliancekit.kit.AuditLogFactory;
import org.compliancekit.kit.ComplianceKit;
import org.compliancekit.pii.PiiMap;
import org.compliancekit.policy.CompliancePolicy;
import org.compliancekit.store.InMemoryDataStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;

class ConsoleAutoConfigurationTest {
    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class))
            .withBean(ComplianceKit.class, () -> ComplianceKit.builder(CompliancePolicy.of(PiiMap.builder().build()))
                    .withDataStore(InMemoryDataStore.of()).withAuditLogFactory(AuditLogFactory.inMemory()).build());

    @Test
    void offByDefault() {
        runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ConsoleApi.class));
    }

    @Test
    void needsAComplianceKit() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class))
                .withPropertyValues("compliance.console.enabled=true")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ConsoleApi.class));
    }

    @Test
    void withoutSpringSecurityItRefusesToStart() {
        runner.withPropertyValues("compliance.console.enabled=true")
                .withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    Throwable cause = ctx.getStartupFailure();
                    while (!(cause instanceof UnsecuredConsoleException) && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).isInstanceOf(UnsecuredConsoleException.class);
                    FailureAnalysis analysis = new UnsecuredConsoleFailureAnalyzer().analyze(ctx.getStartupFailure());
                    assertThat(analysis.getAction()).contains("compliance.console.allow-unsecured=true")
                            .contains("spring-boot-starter-security");
                });
    }

    @Test
    void withoutSpringSecurityItStartsWhenAllowed() {
        runner.withPropertyValues("compliance.console.enabled=true", "compliance.console.allow-unsecured=true")
                .withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(ConsoleApi.class));
    }

    @Test
    void withTheStarterABackupTellsTheRunningConsoleRunWhereItIs() {
        runner.withPropertyValues("compliance.console.enabled=true", "compliance.console.allow-unsecured=true")
                .withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
                .run(ctx -> {
                    ConsoleRuns runs = ctx.getBean(ConsoleRuns.class);
                    org.compliancekit.store.InMemoryDataStore store = org.compliancekit.store.InMemoryDataStore.of(
                            new org.compliancekit.store.TableSchema("contacts", java.util.List.of(
                                    org.compliancekit.store.ColumnSchema.of("id",
                                            org.compliancekit.store.SqlType.BIGINT, false)),
                                    java.util.List.of("id"), java.util.List.of()));
                    store.insert("contacts", java.util.Map.of("id", 1L));
                    ComplianceKit.Builder builder = ComplianceKit.builder(CompliancePolicy.of(PiiMap.builder().build())
                                    .withBackup(org.compliancekit.backup.BackupSettings.defaults().withEnabled(true)
                                            .withEncrypted(false)))
                            .withDataStore(store).withAuditLogFactory(AuditLogFactory.inMemory())
                            .withBlobStore(new org.compliancekit.store.InMemoryBlobStore());
                    ctx.getBean(org.compliancekit.spring.ComplianceKitCustomizer.class).customize(builder);
                    ComplianceKit kit = builder.build();

                    String id = runs.start("backup", "console:admin", () -> kit.dailyJob().backup("console:admin"))
                            .orElseThrow().id();
                    ConsoleRuns.RunView view = runs.get(id).orElseThrow();
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                    while (view.state() == ConsoleRuns.State.RUNNING && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                        view = runs.get(id).orElseThrow();
                    }
                    assertThat(view.state()).isEqualTo(ConsoleRuns.State.DONE);
                    assertThat(view.progress()).isEqualTo("contacts: 1 rows (done)");
                });
    }

    @Test
    void aPathWithWildcardsIsRefused() {
        runner.withPropertyValues("compliance.console.enabled=true", "compliance.console.allow-unsecured=true",
                        "compliance.console.path=/admin/**")
                .withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("compliance.console.path"));
    }
}
