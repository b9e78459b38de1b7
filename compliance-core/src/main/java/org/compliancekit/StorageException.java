package org.compliancekit;

/** A data store or blob store failed to read or write; the operation can usually be retried. */
public class StorageException extends ComplianceException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
