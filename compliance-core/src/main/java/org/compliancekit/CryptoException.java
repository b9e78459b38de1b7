package org.compliancekit;

/** Encryption or decryption failed: a wrong or missing key, or ciphertext that does not authenticate. */
public class CryptoException extends ComplianceException {
    private static final long serialVersionUID = 1L;

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
