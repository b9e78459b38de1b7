package org.compliancekit.spring;

import java.util.List;
import java.util.function.Consumer;
import org.compliancekit.job.JobReport;
import org.compliancekit.kit.ComplianceKit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.support.CronExpression;

/**
 * What runs on the kit: the status the endpoint and health read, the daily job's scheduler, the host-events bean and
 * the actor resolver. Active whenever there is a {@link ComplianceKit} bean, auto-configured or the application's.
 */
@AutoConfiguration(after = ComplianceAutoConfiguration.class)
@ConditionalOnBean(ComplianceKit.class)
@ConditionalOnBooleanProperty(name = "compliance.enabled", matchIfMissing = true)
public class ComplianceJobAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ComplianceStatus complianceStatus(ComplianceKit kit, ComplianceProperties properties) {
        ComplianceProperties.Job job = properties.getJob();
        CronExpression cron = job.isEnabled() ? CronExpression.parse(job.getCron()) : null;
        return new ComplianceStatus(kit, cron, job.getZone());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "compliance.job.enabled", matchIfMissing = true)
    ComplianceJobScheduler complianceJobScheduler(ComplianceKit kit, ComplianceStatus status,
            ComplianceProperties properties, ObjectProvider<ComplianceMetrics> metrics) {
        ComplianceProperties.Job job = properties.getJob();
        List<Consumer<JobReport>> listeners = metrics.orderedStream()
                .<Consumer<JobReport>>map(m -> m::jobRan).toList();
        return new ComplianceJobScheduler(kit, status, job.getCron(), job.getZone(), job.isVerifyAuditChain(),
                listeners);
    }

    @Bean
    @ConditionalOnMissingBean
    ComplianceEvents complianceEvents(ComplianceKit kit, ActorResolver actors) {
        return new ComplianceEvents(kit.auditLog(), actors);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class SecurityActors {
        @Bean
        @ConditionalOnMissingBean
        ActorResolver complianceActorResolver() {
            return new SpringSecurityActorResolver();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.security.core.context.SecurityContextHolder")
    static class NoActors {
        @Bean
        @ConditionalOnMissingBean
        ActorResolver complianceActorResolver() {
            return ActorResolver.none();
        }
    }
}
