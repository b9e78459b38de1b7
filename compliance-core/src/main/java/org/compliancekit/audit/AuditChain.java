package org.compliancekit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compliancekit.IntegrityException;

/**
 * The audit chain's public, versioned encoding, as specified in {@code docs/audit-chain.md}: how a record's fields
 * and its predecessor's hash become the SHA-256 that links the chain. New records are written in version 2 (version 1
 * plus committed personal fields); version 1 records still verify. Store implementations use it to link new records;
 * auditors can reimplement it from the document alone.
 */
public final class AuditChain {

    /** The first field of every hashed message of a version 1 record. */
    public static final String FORMAT = "compliancekit-audit-chain/1";

    /** The first field of every hashed message of a version 2 record, the version new records are written in. */
    public static final String FORMAT_V2 = "compliancekit-audit-chain/2";

    /** The format version new records are written in. */
    public static final int CURRENT_VERSION = 2;

    /** The first field of every signed checkpoint statement. */
    public static final String CHECKPOINT_FORMAT = "compliancekit-audit-checkpoint/1";

    /** The previous hash of the first record of a chain that was never pruned: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AuditChain() {
    }

    /**
     * Links {@code event} (already redacted) into the chain after {@code previousHash}, in format version 2:
     * canonicalizes its details, commits to its personal fields with fresh random salts, truncates the time to
     * microseconds and computes the hash.
     */
    public static ChainRow link(long sequence, Instant occurredAt, AuditEvent event, String previousHash) {
        long nanos;
        try {
            nanos = event.duration().toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("audit event duration must fit in a long of nanoseconds (about 292 "
                    + "years) for event type " + event.type(), e);
        }
        if (nanos < 0) {
            throw new IllegalArgumentException("audit event duration must not be negative for event type " + event.type());
        }
        MessageDigest sha256 = newDigest();
        List<PersonalFields.Field> personal = PersonalFields.commit(event.personal(), event.type(), sha256);
        ChainRow draft = new ChainRow(sequence, truncate(occurredAt), event.type(), event.status().wireName(),
                event.actor(), event.summary(), CanonicalJson.write(event.details()), nanos, event.dryRun(),
                previousHash, "", CURRENT_VERSION, PersonalFields.write(personal));
        return draft.withHash(new ChainEncoder(sha256).hash(draft, personal));
    }

    /**
     * Recomputes the hash {@code row} should carry from its fields and previous hash (its stored hash is ignored), in
     * the row's format version. Throws {@link IntegrityException} when its personal fields cannot be read.
     */
    public static String hash(ChainRow row) {
        return hash(row, newDigest());
    }

    /** As {@link #hash(ChainRow)}, reusing {@code sha256} (reset first) to avoid a lookup per row. */
    public static String hash(ChainRow row, MessageDigest sha256) {
        try {
            return new ChainEncoder(sha256).hash(row, PersonalFields.read(row.personalJson()));
        } catch (PersonalFields.Unreadable e) {
            throw new IntegrityException("audit record " + row.sequence() + " has personal fields that cannot be read ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * The commitment a format-2 record's hash covers instead of the personal field {@code name}'s {@code value}:
     * lower-case hex SHA-256 over the encoded fields {@code compliancekit-audit-commitment/1}, name, value and
     * {@code saltHex} (the field's 32 random bytes as 64 lower-case hex digits).
     */
    public static String commitment(String name, String value, String saltHex) {
        return PersonalFields.commitment(name, value, saltHex, newDigest());
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java SE platform must provide", e);
        }
    }

    /** {@code instant} truncated to the microsecond precision every store keeps. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The time as hashed: UTC, {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}, always six fraction digits. */
    public static String formatTime(Instant instant) {
        // Hand-built rather than DateTimeFormatter: verification formats one time per row and this is its hot path.
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(27);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        return pad(b, t.getNano() / 1000, 6).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    /** Canonical JSON text of {@code details} (after {@link AuditRedactor} normalization) as the hash covers it. */
    public static String canonicalDetails(Map<String, Object> details) {
        return CanonicalJson.write(details);
    }

    static AuditStatus parseStatus(String wire, long sequence) {
        for (AuditStatus s : AuditStatus.values()) {
            if (s.wireName().equals(wire)) {
                return s;
            }
        }
        throw new IntegrityException("audit record " + sequence + " has an unknown status; verify the chain to find "
                + "out whether it was altered");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseDetails(String json, long sequence) {
        try {
            Object value = JSON.readValue(json, Object.class);
            if (value instanceof Map<?, ?> map) {
                return new LinkedHashMap<>((Map<String, Object>) map);
            }
        } catch (JsonProcessingException e) {
            // reported below without the text, which may hold data
        }
        throw new IntegrityException("audit record " + sequence + " has details that are not a JSON object; verify the "
                + "chain to find out whether it was altered");
    }

    /** The checkpoint statement a signature covers (see {@code docs/audit-chain.md}, "Checkpoints"). */
    static byte[] checkpointMessage(long sequence, String headHash, Instant createdAt, String keyId) {
        byte[][] fields = {field(CHECKPOINT_FORMAT), field(Long.toString(sequence)), field(headHash),
            field(formatTime(createdAt)), field(keyId)};
        int length = 0;
        for (byte[] f : fields) {
            length += f.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] f : fields) {
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }

    private static byte[] field(String value) {
        if (value == null) {
            return new byte[] {'-', '\n'};
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] length = Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[length.length + 1 + bytes.length + 1];
        System.arraycopy(length, 0, out, 0, length.length);
        out[length.length] = ':';
        System.arraycopy(bytes, 0, out, length.length + 1, bytes.length);
        out[out.length - 1] = '\n';
        return out;
    }
}
