package org.compliancekit.console;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains an enabled console without Spring Security, and the two ways out. */
final class UnsecuredConsoleFailureAnalyzer extends AbstractFailureAnalyzer<UnsecuredConsoleException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsecuredConsoleException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Add spring-boot-starter-security and give the console's administrators the authority named by "
                        + "compliance.console.authority (default " + ConsoleProperties.DEFAULT_AUTHORITY + "), or set "
                        + "compliance.console.allow-unsecured=true if only administrators can reach the application.",
                cause);
    }
}
