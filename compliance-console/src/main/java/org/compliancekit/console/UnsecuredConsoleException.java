package org.compliancekit.console;

/**
 * Thrown at startup when the console is enabled in an application without Spring Security and the operator did
 * not allow an open console; {@link UnsecuredConsoleFailureAnalyzer} turns it into a readable startup report.
 */
final class UnsecuredConsoleException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnsecuredConsoleException() {
        super("compliance.console.enabled is true but Spring Security is not on the class path, so anyone who "
                + "reaches the console could run backups and erasures");
    }
}
