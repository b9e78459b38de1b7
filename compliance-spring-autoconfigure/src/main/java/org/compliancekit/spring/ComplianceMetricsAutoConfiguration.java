package org.compliancekit.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the compliance operations, when the application has a {@link MeterRegistry}. Runs before the
 * kit is built, because the meters observe the kit's audit log.
 */
@AutoConfiguration(before = ComplianceAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(MeterRegistry.class)
public class ComplianceMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ComplianceMetrics complianceMetrics(MeterRegistry registry) {
        return new ComplianceMetrics(registry);
    }
}
