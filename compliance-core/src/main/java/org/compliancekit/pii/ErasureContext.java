package org.compliancekit.pii;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.compliancekit.ConfigurationException;

/**
 * What strategies need at run time but the map must not contain: the HASH secret. Kept out of the map so a map
 * can live in version control and be printed without leaking anything.
 */
public final class ErasureContext {
    /** Shortest accepted HASH secret: 128 bits. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final ErasureContext NONE = new ErasureContext(null);

    private final byte[] hashSecret;
    // Mac instances are not thread-safe and costly to create; one per thread keeps HASH cheap per row.
    private final ThreadLocal<Mac> mac;

    private ErasureContext(byte[] hashSecret) {
        this.hashSecret = hashSecret;
        this.mac = hashSecret == null ? null : ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(hashSecret, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** A context without a HASH secret: maps without HASH fields work with it. */
    public static ErasureContext none() {
        return NONE;
    }

    /**
     * A context with the HASH secret. Use the same secret on every instance and run, or hashed values stop
     * linking up.
     */
    public static ErasureContext withHashSecret(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new ConfigurationException("the HASH secret must be at least " + MIN_SECRET_BYTES
                    + " bytes; generate one with 'openssl rand -base64 32'");
        }
        return new ErasureContext(secret.clone());
    }

    /** HMAC-SHA256 of {@code input} under the HASH secret; fails with a clear error when none was configured. */
    byte[] hmac(byte[] input) {
        if (hashSecret == null) {
            throw new ConfigurationException("a field uses HASH but no hash secret is configured: pass "
                    + "ErasureContext.withHashSecret(..) (ComplianceKit.Builder.withHashSecret(..))");
        }
        return mac.get().doFinal(input);
    }

    /** Whether a HASH secret is present. */
    public boolean hasHashSecret() {
        return hashSecret != null;
    }

    @Override
    public String toString() {
        return hashSecret == null ? "ErasureContext[no hash secret]" : "ErasureContext[hash secret set]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErasureContext other && Arrays.equals(hashSecret, other.hashSecret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hashSecret);
    }
}
