package org.compliancekit.crypto;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.compliancekit.ConfigurationException;

/**
 * The master keys backups are encrypted and authenticated with, by key id. New files use the {@link #primaryId()
 * primary}; reading picks the key named in a file's header, so older backups stay readable after a rotation as long
 * as their key stays in the ring.
 *
 * <p>Keys are 32 random bytes, configured in base64. {@link #toString()} names the key ids only.
 */
public final class KeyRing {
    /** Key ids appear in file headers and manifests: short, printable, path-safe. */
    private static final String KEY_ID_PATTERN = "[A-Za-z0-9._-]{1,64}";
    private static final int KEY_BYTES = 32;
    /**
     * 32 random bytes hold about 30 distinct values; fewer than 16 happens by chance far less than once in 10^15,
     * so such a key was typed or padded, not generated.
     */
    private static final int MIN_DISTINCT_BYTES = 16;

    private final String primaryId;
    private final Map<String, SecretKey> keys;

    private KeyRing(String primaryId, Map<String, SecretKey> keys) {
        this.primaryId = primaryId;
        this.keys = keys;
    }

    /** A ring without keys: backups can only run unencrypted and manifests carry no MAC. */
    public static KeyRing empty() {
        return new KeyRing(null, Map.of());
    }

    /**
     * A ring from configuration.
     *
     * @param primaryId the id of the key new backups use; must be one of {@code base64Keys}
     * @param base64Keys key id → base64 of 32 random bytes (e.g. {@code openssl rand -base64 32})
     * @throws ConfigurationException naming the key id when an id or a key is malformed, never the key itself
     */
    public static KeyRing of(String primaryId, Map<String, String> base64Keys) {
        if (base64Keys.isEmpty()) {
            throw new ConfigurationException("no backup keys were given; give at least one key or use "
                    + "KeyRing.empty() for unencrypted backups");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(base64Keys).entrySet()) {
            keys.put(checkId(e.getKey()), decode(e.getKey(), e.getValue()));
        }
        if (primaryId == null || !keys.containsKey(primaryId)) {
            throw new ConfigurationException("the primary key id '" + primaryId + "' is not one of the "
                    + "configured key ids " + keys.keySet());
        }
        return new KeyRing(primaryId, Collections.unmodifiableMap(keys));
    }

    /** A ring holding one key, which is the primary. */
    public static KeyRing single(String keyId, String base64Key) {
        return of(keyId, Map.of(keyId, base64Key));
    }

    /** Whether the ring holds no key. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The id of the key new files use. */
    public String primaryId() {
        if (primaryId == null) {
            throw new ConfigurationException("no backup key is configured; give the keys with ComplianceKit.Builder.withKeys(..)");
        }
        return primaryId;
    }

    /** The ids of every key in the ring. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The key with {@code keyId}, if the ring holds it. */
    Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** The primary key. */
    SecretKey primary() {
        return keys.get(primaryId());
    }

    /** The raw bytes of the key with {@code keyId} (for key derivation); throws naming the id when absent. */
    byte[] material(String keyId) {
        return key(keyId).orElseThrow(() -> new org.compliancekit.CryptoException("key id '" + keyId
                + "' is not in the key ring " + keys.keySet() + "; add the key that wrote this backup"))
                .getEncoded();
    }

    /**
     * HMAC-SHA256 of {@code data} under a key derived with HKDF-SHA256 from the master key {@code keyId} (empty
     * salt, {@code purpose} as info), so the master key itself never signs anything directly.
     *
     * @throws org.compliancekit.CryptoException naming the key id when the ring does not hold it
     */
    public byte[] hmacSha256(String keyId, String purpose, byte[] data) {
        byte[] macKey = SegmentCipher.hkdf(material(keyId), new byte[0],
                purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new org.compliancekit.CryptoException("this JVM offers no HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "KeyRing[primary=" + primaryId + ", keyIds=" + keys.keySet() + "]";
    }

    private static int distinctBytes(byte[] raw) {
        boolean[] seen = new boolean[256];
        int n = 0;
        for (byte b : raw) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                n++;
            }
        }
        return n;
    }

    static String checkId(String keyId) {
        if (keyId == null || !keyId.matches(KEY_ID_PATTERN)) {
            throw new ConfigurationException("backup key id '" + keyId + "' must match " + KEY_ID_PATTERN);
        }
        return keyId;
    }

    private static SecretKey decode(String keyId, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("backup key '" + keyId + "' is not valid base64; generate one with "
                    + "'openssl rand -base64 32'");
        }
        if (raw.length != KEY_BYTES) {
            throw new ConfigurationException("backup key '" + keyId + "' decodes to " + raw.length + " bytes; it must "
                    + "be 32 bytes (openssl rand -base64 32)");
        }
        if (distinctBytes(raw) < MIN_DISTINCT_BYTES) {
            throw new ConfigurationException("backup key '" + keyId + "' is degenerate (all zeros, or too few "
                    + "distinct bytes to be random); generate a random key with 'compliance keygen' or "
                    + "'openssl rand -base64 32'");
        }
        return new SecretKeySpec(raw, "AES");
    }
}
