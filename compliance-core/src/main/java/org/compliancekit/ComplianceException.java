package org.compliancekit;

/**
 * Root of every exception Compliance Kit throws. Unchecked, as callers rarely recover locally.
 *
 * <p>Messages name the table, column, setting or object key at fault and what to do about it. They never
 * contain a secret, a key, a PII value or a row's content.
 */
public class ComplianceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComplianceException(String message) {
        super(message);
    }

    public ComplianceException(String message, Throwable cause) {
        super(message, cause);
    }
}
