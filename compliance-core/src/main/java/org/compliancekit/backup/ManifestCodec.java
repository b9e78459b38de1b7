package org.compliancekit.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.compliancekit.IntegrityException;
import org.compliancekit.crypto.KeyRing;

/**
 * Turns a {@link Manifest} into the bytes of {@code manifest.json} and back. The MAC covers the compact JSON of the
 * manifest without its {@code mac} member; it is appended as the last member, so a reader recovers the covered
 * bytes by cutting the file at the last {@code ,"mac":} and closing the object with {@code }}.
 */
final class ManifestCodec {
    static final String MAC_PURPOSE = "compliancekit/manifest-mac/v1";
    private static final byte[] MAC_MEMBER = ",\"mac\":".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ManifestCodec() {
    }

    /** How the manifest's MAC checked out. */
    enum MacCheck {
        /** The MAC matches under the key its {@code keyId} names. */
        VALID,
        /** The manifest has no MAC: the backup ran without any key. */
        ABSENT,
        /** The MAC names a key the ring does not hold. */
        UNKNOWN_KEY,
        /** The MAC does not match: the manifest was edited. */
        INVALID
    }

    /** A manifest read back, with the result of its MAC check. */
    record Read(Manifest manifest, MacCheck mac) {
    }

    /** The file bytes; with a MAC under the primary key when the ring holds one. */
    static byte[] write(Manifest manifest, KeyRing keys) {
        try {
            byte[] body = MAPPER.writeValueAsBytes(manifest.withMac(null));
            if (keys.isEmpty()) {
                return body;
            }
            String keyId = keys.primaryId();
            String value = Base64.getEncoder().encodeToString(keys.hmacSha256(keyId, MAC_PURPOSE, body));
            byte[] mac = MAPPER.writeValueAsBytes(new Manifest.Mac(Manifest.Mac.ALGORITHM, keyId, value));
            byte[] out = Arrays.copyOf(body, body.length - 1 + MAC_MEMBER.length + mac.length + 1);
            System.arraycopy(MAC_MEMBER, 0, out, body.length - 1, MAC_MEMBER.length);
            System.arraycopy(mac, 0, out, body.length - 1 + MAC_MEMBER.length, mac.length);
            out[out.length - 1] = '}';
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("manifest cannot be serialized", e);
        }
    }

    /**
     * Parses and authenticates a manifest file.
     *
     * @throws IntegrityException naming {@code objectKey} when the file is not a manifest this version can read
     */
    static Read read(byte[] file, KeyRing keys, String objectKey) {
        Manifest m;
        try {
            JsonNode tree = MAPPER.readTree(file);
            int format = tree.path("format").asInt(-1);
            if (format < 1) {
                throw new IntegrityException(objectKey + " is not a backup manifest (no format field)");
            }
            if (format > Manifest.FORMAT) {
                throw new IntegrityException(objectKey + " has manifest format " + format + "; this library reads up "
                        + "to format " + Manifest.FORMAT + ", upgrade it to read this backup");
            }
            m = MAPPER.treeToValue(tree, Manifest.class);
        } catch (IOException e) {
            throw new IntegrityException(objectKey + " is not a valid manifest (" + e.getClass().getSimpleName()
                    + "); the file is damaged", e);
        }
        return new Read(m, checkMac(file, m, keys));
    }

    private static MacCheck checkMac(byte[] file, Manifest m, KeyRing keys) {
        if (m.mac() == null) {
            return MacCheck.ABSENT;
        }
        if (!keys.keyIds().contains(m.mac().keyId()) || !Manifest.Mac.ALGORITHM.equals(m.mac().algorithm())) {
            return MacCheck.UNKNOWN_KEY;
        }
        int cut = lastIndexOf(file, MAC_MEMBER);
        if (cut < 0) {
            return MacCheck.INVALID;
        }
        byte[] body = Arrays.copyOf(file, cut + 1);
        body[cut] = '}';
        byte[] expected = keys.hmacSha256(m.mac().keyId(), MAC_PURPOSE, body);
        byte[] actual;
        try {
            actual = Base64.getDecoder().decode(m.mac().value());
        } catch (IllegalArgumentException e) {
            return MacCheck.INVALID;
        }
        return MessageDigest.isEqual(expected, actual) ? MacCheck.VALID : MacCheck.INVALID;
    }

    private static int lastIndexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = data.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
