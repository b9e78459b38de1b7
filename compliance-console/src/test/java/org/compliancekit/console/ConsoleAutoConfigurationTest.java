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
    void aPathWithWildcardsIsRefused() {
        runner.withPropertyValues("compliance.console.enabled=true", "compliance.console.allow-unsecured=true",
                        "compliance.console.path=/admin/**")
                .withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("compliance.console.path"));
    }
}
