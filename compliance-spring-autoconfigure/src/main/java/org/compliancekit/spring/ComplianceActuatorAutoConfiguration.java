package org.compliancekit.spring;

import org.compliancekit.kit.ComplianceKit;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Actuator endpoint and the health indicator, each when its part of Spring Boot is on the class path. */
@AutoConfiguration(after = ComplianceJobAutoConfiguration.class)
@ConditionalOnBean({ComplianceKit.class, ComplianceStatus.class})
public class ComplianceActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        ComplianceEndpoint complianceEndpoint(ComplianceKit kit, ComplianceStatus status, ActorResolver actors) {
            return new ComplianceEndpoint(kit, status, actors);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "complianceHealthIndicator")
        ComplianceHealthIndicator complianceHealthIndicator(ComplianceKit kit, ComplianceStatus status) {
            return new ComplianceHealthIndicator(kit, status);
        }
    }
}
