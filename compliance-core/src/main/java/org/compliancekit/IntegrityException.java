package org.compliancekit;

/** Stored data failed an integrity check: a checksum, MAC, hash chain or signature does not match. */
public class IntegrityException extends ComplianceException {
    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
