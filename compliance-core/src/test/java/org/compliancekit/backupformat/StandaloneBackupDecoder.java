package org.compliancekit.backupformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * A reader of backups written from {@code docs/backup-format.md} alone: JDK, Jackson and BouncyCastle, no class of
 * Compliance Kit. Works on whole byte arrays for brevity; it is a conformance check, not a tool.
 */
final class StandaloneBackupDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, byte[]> masterKeys;

    StandaloneBackupDecoder(Map<String, byte[]> masterKeys) {
        this.masterKeys = masterKeys;
    }

    /** One decoded table. */
    record Table(String name, List<String> columns, List<List<Object>> rows) {
    }

    /** §5 and §6.1: parses the manifest and checks its MAC. */
    JsonNode manifest(byte[] file) throws Exception {
        JsonNode m = JSON.readTree(file);
        check(m.get("format").asInt() >= 1 && m.get("format").asInt() <= 3, "manifest format");
        JsonNode mac = m.get("mac");
        check(mac != null && mac.get("algorithm").asText().equals("HMAC-SHA256"), "mac present");
        byte[] needle = ",\"mac\":".getBytes(StandardCharsets.US_ASCII);
        int cut = -1;
        for (int i = file.length - needle.length; i >= 0 && cut < 0; i--) {
            if (Arrays.equals(file, i, i + needle.length, needle, 0, needle.length)) {
                cut = i;
            }
        }
        byte[] body = Arrays.copyOf(file, cut + 1);
        body[cut] = '}';
        byte[] macKey = hkdf(masterKeys.get(mac.get("keyId").asText()), new byte[0], "compliancekit/manifest-mac/v1");
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
        check(MessageDigest.isEqual(hmac.doFinal(body), Base64.getDecoder().decode(mac.get("value").asText())),
                "manifest MAC");
        return m;
    }

    /** §6.2 and §6.3 for one manifest file entry and the stored bytes of its object. */
    Table table(JsonNode manifest, JsonNode entry, byte[] stored) throws Exception {
        check(stored.length == entry.get("storedBytes").asLong(), "storedBytes");
        check(sha256(stored).equals(entry.get("storedSha256").asText()), "storedSha256");
        byte[] opened = manifest.get("encryption").isNull() ? stored : decrypt(stored);
        String compression = manifest.path("compression").asText("none");
        check(compression.equals("none") || compression.equals("zstd"), "compression");
        byte[] plain = compression.equals("zstd") ? unzstd(opened) : opened;
        check(sha256(plain).equals(entry.get("plaintextSha256").asText()), "plaintextSha256");
        JsonNode doc = JSON.readTree(plain);
        check(doc.get("format").asInt() == 1 || doc.get("format").asInt() == 2, "snapshot format");
        check(doc.get("table").asText().equals(entry.get("table").asText()), "table name");
        List<String> names = new ArrayList<>();
        doc.get("columns").forEach(c -> names.add(c.asText()));
        JsonNode columns = entry.get("columns");
        for (int i = 0; i < names.size(); i++) {
            check(names.get(i).equals(columns.get(i).get("name").asText()), "column order");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : doc.get("rows")) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                JsonNode c = columns.get(i);
                values.add(value(row.get(i), c.get("type").asText(), c.get("elementType").asText()));
            }
            rows.add(values);
        }
        check(rows.size() == entry.get("rows").asLong() && rows.size() == doc.get("rowCount").asLong(), "row count");
        return new Table(doc.get("table").asText(), names, rows);
    }

    /** §2: one Zstandard frame (what {@code zstd -d} reads). */
    static byte[] unzstd(byte[] compressed) throws java.io.IOException {
        try (java.io.InputStream in = new com.github.luben.zstd.ZstdInputStream(
                new java.io.ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    /** §4: header, file key, segments. */
    byte[] decrypt(byte[] file) throws GeneralSecurityException {
        ByteBuffer b = ByteBuffer.wrap(file);
        byte[] magic = new byte[4];
        b.get(magic);
        check(Arrays.equals(magic, "CKAE".getBytes(StandardCharsets.US_ASCII)) && b.get() == 1, "magic and version");
        int segmentSize = b.getInt();
        byte[] keyId = new byte[b.get() & 0xff];
        b.get(keyId);
        byte[] salt = new byte[32];
        b.get(salt);
        byte[] prefix = new byte[7];
        b.get(prefix);
        byte[] header = Arrays.copyOf(file, b.position());
        byte[] fileKey = hkdf(masterKeys.get(new String(keyId, StandardCharsets.US_ASCII)), salt,
                "compliancekit/backup-file/v1");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        int sealed = segmentSize + 16;
        for (int i = 0, pos = header.length; pos < file.length; i++, pos += sealed) {
            int len = Math.min(sealed, file.length - pos);
            boolean last = pos + len == file.length;
            byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(i).put((byte) (last ? 1 : 0)).array();
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(fileKey, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(header);
            plain.writeBytes(gcm.doFinal(file, pos, len));
        }
        return plain.toByteArray();
    }

    /** §3: one value by its column type. */
    private static Object value(JsonNode v, String type, String elementType) {
        if (v.isNull()) {
            return null;
        }
        return switch (type) {
            case "SMALLINT" -> (short) v.asInt();
            case "INTEGER" -> v.asInt();
            case "BIGINT" -> v.asLong();
            case "DECIMAL" -> new BigDecimal(v.asText());
            case "REAL" -> Float.parseFloat(v.asText());
            case "DOUBLE" -> Double.parseDouble(v.asText());
            case "BOOLEAN" -> v.asBoolean();
            case "TEXT", "JSON", "OTHER" -> v.asText();
            case "DATE" -> LocalDate.parse(v.asText());
            case "TIME" -> LocalTime.parse(v.asText());
            case "TIMESTAMP" -> LocalDateTime.parse(v.asText());
            case "TIMESTAMP_TZ" -> OffsetDateTime.parse(v.asText());
            case "UUID" -> UUID.fromString(v.asText());
            case "BINARY" -> Base64.getDecoder().decode(v.asText());
            case "ARRAY" -> {
                List<Object> items = new ArrayList<>();
                v.forEach(item -> items.add(value(item, elementType, null)));
                yield items;
            }
            default -> throw new IllegalStateException("type " + type + " is not in the document");
        };
    }

    private static byte[] hkdf(byte[] ikm, byte[] salt, String info) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[32];
        g.generateBytes(out, 0, 32);
        return out;
    }

    private static String sha256(byte[] data) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("backup does not follow the format document: " + what);
        }
    }
}
