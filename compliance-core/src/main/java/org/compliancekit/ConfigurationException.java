package org.compliancekit;

/** A setting, map or rule is invalid or missing; fixing the configuration fixes the failure. */
public class ConfigurationException extends ComplianceException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
