package org.compliancekit.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.compliancekit.CryptoException;

/**
 * AES-256-GCM over the segments of one file: the per-file key derived from the master key and the header's salt,
 * the header as associated data, one nonce per segment. Uses the JDK's {@link Cipher}, which the JVM accelerates
 * with AES-NI and carry-less multiply instructions.
 */
final class SegmentCipher {
    static final int TAG_BYTES = 16;
    static final byte[] FILE_KEY_INFO = "compliancekit/backup-file/v1".getBytes(StandardCharsets.US_ASCII);
    /** Segments are numbered with 32 bits in the nonce. */
    static final long MAX_SEGMENTS = 1L << 32;
    /**
     * Bytes per {@link Cipher#update} call: small, so that the JIT sees enough calls to compile the intrinsic
     * AES-GCM path (AES-NI, carry-less multiply) within the first megabyte; until then GCM runs as plain Java, about
     * three times the CPU. Measured on 37 MiB, fresh JVM: 16 KiB pieces 600 ms of CPU, 1 KiB pieces 200 ms.
     */
    static final int UPDATE_CHUNK = 1024;

    private final StreamHeader header;
    private final SecretKey fileKey;
    private final Cipher cipher;
    private final String what;

    SegmentCipher(StreamHeader header, byte[] masterKey, String what) {
        this.header = header;
        this.what = what;
        this.fileKey = new SecretKeySpec(hkdf(masterKey, header.salt(), FILE_KEY_INFO), "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new CryptoException("this JVM offers no AES/GCM/NoPadding cipher", e);
        }
    }

    /** Encrypts {@code len} bytes of {@code in} into {@code out}; returns the ciphertext length (len + 16). */
    int encrypt(long index, boolean last, byte[] in, int len, byte[] out) {
        checkIndex(index);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, fileKey, new GCMParameterSpec(TAG_BYTES * 8, header.nonce(index, last)));
            cipher.updateAAD(header.encoded());
            // Many calls on small pieces rather than one on the whole segment: see UPDATE_CHUNK.
            int done = 0;
            int written = 0;
            while (len - done > UPDATE_CHUNK) {
                written += cipher.update(in, done, UPDATE_CHUNK, out, written);
                done += UPDATE_CHUNK;
            }
            return written + cipher.doFinal(in, done, len - done, out, written);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("encrypting segment " + index + " of " + what + " failed", e);
        }
    }

    /** Decrypts one segment of {@code len} bytes; returns the plaintext length. */
    int decrypt(long index, boolean last, byte[] in, int len, byte[] out) {
        checkIndex(index);
        if (len < TAG_BYTES) {
            throw new CryptoException(what + " ends inside segment " + index + "; the file is truncated");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, fileKey, new GCMParameterSpec(TAG_BYTES * 8, header.nonce(index, last)));
            cipher.updateAAD(header.encoded());
            return cipher.doFinal(in, 0, len, out, 0);
        } catch (AEADBadTagException e) {
            throw new CryptoException("segment " + index + " of " + what + " does not authenticate: the file was "
                    + "truncated, reordered or edited, or the key with id '" + header.keyId() + "' is not the one "
                    + "that wrote it", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("decrypting segment " + index + " of " + what + " failed", e);
        }
    }

    private void checkIndex(long index) {
        if (index >= MAX_SEGMENTS) {
            throw new CryptoException(what + " exceeds " + MAX_SEGMENTS + " segments; use a larger segment size");
        }
    }

    /** HKDF-SHA256 (RFC 5869) giving 32 bytes. */
    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[32];
        g.generateBytes(out, 0, out.length);
        return out;
    }
}
