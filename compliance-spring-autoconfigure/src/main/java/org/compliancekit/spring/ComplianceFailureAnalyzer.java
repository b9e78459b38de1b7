package org.compliancekit.spring;

import org.compliancekit.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a compliance configuration failure at startup (an invalid policy, a missing setting) into Spring Boot's
 * "APPLICATION FAILED TO START" report: the whole message, every validation error with its fix, instead of a stack
 * trace.
 */
class ComplianceFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        String description = "Compliance Kit could not start: " + cause.getMessage();
        String action = "Fix each problem listed above in the policy file (compliance.policy-location), the "
                + "entities' compliance annotations or the compliance.* properties; each line ends with its fix. docs/spring-boot.md lists every property.";
        return new FailureAnalysis(description, action, cause);
    }
}
