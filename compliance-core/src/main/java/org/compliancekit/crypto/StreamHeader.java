package org.compliancekit.crypto;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.compliancekit.CryptoException;

/**
 * The header in front of every encrypted file; its layout is specified in {@code docs/backup-format.md}. The
 * whole header is the associated data of every segment, so changing any byte of it fails decryption.
 */
record StreamHeader(byte[] encoded, String keyId, byte[] salt, byte[] noncePrefix, int segmentSize) {
    static final byte[] MAGIC = {'C', 'K', 'A', 'E'};
    static final int VERSION = 1;
    static final int SALT_BYTES = 32;
    static final int NONCE_PREFIX_BYTES = 7;
    static final int MIN_SEGMENT = 1024;
    static final int MAX_SEGMENT = 64 << 20;

    static StreamHeader create(String keyId, int segmentSize, SecureRandom random) {
        byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
        byte[] salt = new byte[SALT_BYTES];
        byte[] prefix = new byte[NONCE_PREFIX_BYTES];
        random.nextBytes(salt);
        random.nextBytes(prefix);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 1 + 4 + 1 + id.length + SALT_BYTES + NONCE_PREFIX_BYTES);
        b.put(MAGIC).put((byte) VERSION).putInt(segmentSize).put((byte) id.length).put(id).put(salt).put(prefix);
        return new StreamHeader(b.array(), keyId, salt, prefix, segmentSize);
    }

    /** Reads and checks a header; {@code what} names the object in errors. */
    static StreamHeader read(InputStream in, String what) throws IOException {
        DataInputStream d = new DataInputStream(in);
        try {
            byte[] magic = new byte[MAGIC.length];
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new CryptoException(what + " is not an encrypted Compliance Kit file (bad magic); was it "
                        + "written with encryption off?");
            }
            int version = d.readUnsignedByte();
            if (version != VERSION) {
                throw new CryptoException(what + " has encryption format version " + version + "; this library reads "
                        + "version " + VERSION + " only, upgrade it to read newer backups");
            }
            int segmentSize = d.readInt();
            if (segmentSize < MIN_SEGMENT || segmentSize > MAX_SEGMENT) {
                throw new CryptoException(what + " declares a segment size of " + segmentSize + " bytes, outside "
                        + MIN_SEGMENT + ".." + MAX_SEGMENT + "; the header is damaged");
            }
            byte[] id = new byte[d.readUnsignedByte()];
            d.readFully(id);
            byte[] salt = new byte[SALT_BYTES];
            d.readFully(salt);
            byte[] prefix = new byte[NONCE_PREFIX_BYTES];
            d.readFully(prefix);
            String keyId = new String(id, StandardCharsets.US_ASCII);
            ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 1 + 4 + 1 + id.length + SALT_BYTES + NONCE_PREFIX_BYTES);
            b.put(MAGIC).put((byte) version).putInt(segmentSize).put((byte) id.length).put(id).put(salt).put(prefix);
            return new StreamHeader(b.array(), keyId, salt, prefix, segmentSize);
        } catch (EOFException e) {
            throw new CryptoException(what + " ends inside its encryption header; the file is truncated", e);
        }
    }

    /** The 12-byte GCM nonce of segment {@code index}: prefix ‖ index (uint32) ‖ last-segment flag. */
    byte[] nonce(long index, boolean last) {
        byte[] n = new byte[NONCE_PREFIX_BYTES + 5];
        System.arraycopy(noncePrefix, 0, n, 0, NONCE_PREFIX_BYTES);
        ByteBuffer.wrap(n, NONCE_PREFIX_BYTES, 4).putInt((int) index);
        n[n.length - 1] = (byte) (last ? 1 : 0);
        return n;
    }
}
