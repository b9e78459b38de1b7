package org.compliancekit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A policy that does not fit the schema stops the application with the whole report and every fix. */
@ExtendWith(OutputCaptureExtension.class)
class ComplianceFailureAnalyzerTest {

    @Test
    void analyzerReportsEveryErrorWithItsFix() {
        new ApplicationContextRunner().withConfiguration(ComplianceAutoConfigurationTest.ALL)
                .withBean(DataSource.class, Shop::h2)
                .withPropertyValues("compliance.policy-location=classpath:policies/broken.yml").run(ctx -> {
                    assertThat(ctx).hasFailed();
                    FailureAnalysis analysis = new ComplianceFailureAnalyzer().analyze(ctx.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("shoe_size").contains("invoices")
                            .contains("fix:");
                    assertThat(analysis.getAction()).contains("compliance.policy-location");
                });
    }

    @Test
    void applicationFailsToStartWithTheReport(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(BrokenShop.class)
                .web(WebApplicationType.NONE)
                .properties("compliance.policy-location=classpath:policies/broken.yml", "spring.main.banner-mode=off",
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
        assertThatThrownBy(app::run).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START").contains("Compliance Kit could not start")
                .contains("shoe_size").contains("invoices").contains("Action:");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class BrokenShop {
        @Bean
        DataSource dataSource() {
            return Shop.h2();
        }
    }
}
