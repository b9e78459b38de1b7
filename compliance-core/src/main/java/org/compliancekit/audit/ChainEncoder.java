package org.compliancekit.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes a row's fields (version 1 or 2 of {@code docs/audit-chain.md}) into one reused buffer and hashes it. Exists
 * for speed: verification hashes every row, and building a byte array per field costs more than SHA-256 itself.
 * Not thread-safe; one per verifier or per call.
 */
final class ChainEncoder {

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private final byte[] digest = new byte[32];
    private byte[] buf = new byte[1024];
    private int len;

    ChainEncoder(MessageDigest sha256) {
        this.sha256 = sha256;
    }

    /**
     * Lower-case hex SHA-256 of {@code row}'s encoding with {@code personal} (its personal fields, sorted by name;
     * ignored for version 1).
     */
    String hash(ChainRow row, List<PersonalFields.Field> personal) {
        digest(row, personal);
        byte[] hex = new byte[64];
        for (int i = 0; i < 32; i++) {
            hex[2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
        }
        return new String(hex, StandardCharsets.US_ASCII);
    }

    /** Whether {@code row}'s encoding hashes to its stored hash, without building a string. */
    boolean matchesStoredHash(ChainRow row, List<PersonalFields.Field> personal) {
        digest(row, personal);
        String stored = row.hash();
        if (stored.length() != 64) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            if (stored.charAt(2 * i) != HEX_DIGITS[(digest[i] >> 4) & 0xf]
                    || stored.charAt(2 * i + 1) != HEX_DIGITS[digest[i] & 0xf]) {
                return false;
            }
        }
        return true;
    }

    private void digest(ChainRow row, List<PersonalFields.Field> personal) {
        len = 0;
        boolean v2 = row.version() == 2;
        field(v2 ? AuditChain.FORMAT_V2 : AuditChain.FORMAT);
        number(row.sequence());
        time(row);
        field(row.type());
        field(row.status());
        field(row.actor());
        field(row.summary());
        field(row.detailsJson());
        number(row.durationNanos());
        field(row.dryRun() ? "true" : "false");
        field(row.previousHash());
        if (v2) {
            // The commitments, never the values: erasing a value leaves this message, and so the hash, unchanged.
            number(personal.size());
            for (PersonalFields.Field f : personal) {
                field(f.name());
                field(f.commitment());
            }
        }
        sha256.reset();
        sha256.update(buf, 0, len);
        try {
            sha256.digest(digest, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 digest did not fit in 32 bytes", e);
        }
    }

    private void field(String value) {
        if (value == null) {
            ensure(2);
            buf[len++] = '-';
            buf[len++] = '\n';
            return;
        }
        int n = value.length();
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (!ascii) {
            bytesField(value.getBytes(StandardCharsets.UTF_8));
            return;
        }
        lengthPrefix(n);
        ensure(n + 1);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) value.charAt(i);
        }
        buf[len++] = '\n';
    }

    private void bytesField(byte[] bytes) {
        lengthPrefix(bytes.length);
        ensure(bytes.length + 1);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        buf[len++] = '\n';
    }

    private void number(long value) {
        field(Long.toString(value));
    }

    private void time(ChainRow row) {
        // yyyy-MM-ddTHH:mm:ss.ffffffZ is 27 ASCII bytes for years 0000-9999; other years take the general path.
        LocalDateTime t = LocalDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            field(AuditChain.formatTime(row.occurredAt()));
            return;
        }
        lengthPrefix(27);
        ensure(28);
        digits(t.getYear(), 4);
        buf[len++] = '-';
        digits(t.getMonthValue(), 2);
        buf[len++] = '-';
        digits(t.getDayOfMonth(), 2);
        buf[len++] = 'T';
        digits(t.getHour(), 2);
        buf[len++] = ':';
        digits(t.getMinute(), 2);
        buf[len++] = ':';
        digits(t.getSecond(), 2);
        buf[len++] = '.';
        digits(t.getNano() / 1000, 6);
        buf[len++] = 'Z';
        buf[len++] = '\n';
    }

    private void digits(int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            buf[len + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        len += width;
    }

    private void lengthPrefix(int n) {
        ensure(12);
        if (n == 0) {
            buf[len++] = '0';
        } else {
            int start = len;
            for (int v = n; v > 0; v /= 10) {
                buf[len++] = (byte) ('0' + v % 10);
            }
            for (int i = start, j = len - 1; i < j; i++, j--) {
                byte b = buf[i];
                buf[i] = buf[j];
                buf[j] = b;
            }
        }
        buf[len++] = ':';
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
