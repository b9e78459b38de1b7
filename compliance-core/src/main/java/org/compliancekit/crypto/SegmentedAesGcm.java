package org.compliancekit.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.compliancekit.ConfigurationException;

/**
 * Streaming authenticated encryption of whole files with AES-256-GCM in segments, in the style of Tink's
 * AES-GCM-HKDF streaming AEAD: a header (magic, version, segment size, key id, salt, nonce prefix), a per-file
 * key derived with HKDF-SHA256 from the master key and the salt, and one GCM nonce per segment made of the
 * prefix, the segment number and a last-segment flag. Truncation, reordering, header edits and a wrong key all
 * fail decryption. {@code docs/backup-format.md} specifies the bytes.
 *
 * <p>Memory per stream is about two segments, whatever the file size.
 */
public final class SegmentedAesGcm {
    /** Plaintext bytes per segment unless configured: 1 MiB, large enough to amortize each GCM initialization. */
    public static final int DEFAULT_SEGMENT_SIZE = 1 << 20;

    private final KeyRing keys;
    private final int segmentSize;
    private final SecureRandom random = new SecureRandom();

    /** Encrypts with the ring's primary key in segments of {@link #DEFAULT_SEGMENT_SIZE}. */
    public SegmentedAesGcm(KeyRing keys) {
        this(keys, DEFAULT_SEGMENT_SIZE);
    }

    /**
     * @param segmentSize plaintext bytes per segment, 1 KiB to 64 MiB
     */
    public SegmentedAesGcm(KeyRing keys, int segmentSize) {
        this.keys = java.util.Objects.requireNonNull(keys, "keys");
        if (segmentSize < StreamHeader.MIN_SEGMENT || segmentSize > StreamHeader.MAX_SEGMENT) {
            throw new ConfigurationException("backup segment size " + segmentSize + " must be between "
                    + StreamHeader.MIN_SEGMENT + " and " + StreamHeader.MAX_SEGMENT + " bytes");
        }
        this.segmentSize = segmentSize;
    }

    /**
     * Wraps {@code out}: plaintext written to the result is stored encrypted with the primary key. Closing the
     * result writes the last segment and closes {@code out}.
     *
     * @param what names the file in error messages, e.g. its object key
     * @throws ConfigurationException when the ring holds no key
     */
    public OutputStream encrypt(OutputStream out, String what) throws IOException {
        return encrypt(out, what, null);
    }

    /**
     * Like {@link #encrypt(OutputStream, String)}, and also feeds every byte written to {@code out} (header and
     * sealed segments, in order) to {@code storedDigest}. Full segments are encrypted and hashed on a worker thread
     * while the caller produces the next one, so the checksum of the stored bytes costs the caller no time. Read
     * the digest only after closing the stream.
     */
    public OutputStream encrypt(OutputStream out, String what, MessageDigest storedDigest) throws IOException {
        String keyId = keys.primaryId();
        StreamHeader header = StreamHeader.create(keyId, segmentSize, random);
        return new EncryptingOutputStream(out, header, new SegmentCipher(header, keys.material(keyId), what),
                storedDigest);
    }

    /**
     * Wraps {@code in}: reads the header, picks the key it names and returns the authenticated plaintext. Bytes
     * are only handed out after their segment authenticated; a damaged stream fails with a
     * {@link org.compliancekit.CryptoException} at the damaged segment.
     *
     * @param what names the file in error messages, e.g. its object key
     */
    public InputStream decrypt(InputStream in, String what) throws IOException {
        return decrypt(in, what, 0);
    }

    /**
     * Like {@link #decrypt(InputStream, String)}, and refuses a header whose segment size is not
     * {@code expectedSegmentSize} (e.g. the size an authenticated manifest records) before allocating any
     * segment buffer; 0 accepts any size the format allows.
     */
    public InputStream decrypt(InputStream in, String what, int expectedSegmentSize) throws IOException {
        StreamHeader header = StreamHeader.read(in, what);
        if (expectedSegmentSize > 0 && header.segmentSize() != expectedSegmentSize) {
            throw new org.compliancekit.CryptoException(what + " declares segments of " + header.segmentSize()
                    + " bytes where " + expectedSegmentSize + " were recorded; the header was edited");
        }
        return new DecryptingInputStream(in, header, new SegmentCipher(header, keys.material(header.keyId()), what));
    }

    /** The id of the key {@link #encrypt} uses. */
    public String primaryKeyId() {
        return keys.primaryId();
    }
}
