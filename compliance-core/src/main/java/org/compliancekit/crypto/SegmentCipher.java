package org.compliancekit.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
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
    /** Bytes per cipher call while decrypting once this JVM's first {@value #WARM_SEGMENTS} segments are done. */
    private static final int DECRYPT_CHUNK = 16 * 1024;
    private static final int WARM_CHUNK = 1024;
    private static final int WARM_SEGMENTS = 16;
    private static final AtomicLong DECRYPTED_SEGMENTS = new AtomicLong();

    private final StreamHeader header;
    private final SecretKey fileKey;
    private final Cipher cipher;
    private final String what;
    /** Decryption's counter-mode cipher, and where its tag check writes the ciphertext it re-creates. */
    private Cipher ctr;
    private byte[] scratch;

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

    /**
     * Decrypts one segment of {@code len} bytes; returns the plaintext length. Nothing is left in {@code out}
     * that a caller could use unless the segment authenticates: on failure {@code out} is zeroed.
     *
     * <p>This is AES-GCM decryption done as the JDK runs it fast. The JDK's GCM decryption holds the whole segment
     * back until its tag is checked and then works through it in one call; called once per 1 MiB segment, its code
     * is never compiled with the processor's AES and carry-less-multiply instructions and runs at a few tens of
     * MB/s. So the keystream is applied with AES-CTR (GCM's own counter mode, from counter 2), and the tag is
     * recomputed by GCM-encrypting the plaintext, which yields exactly the stored ciphertext and so its tag; both
     * run in many calls that the JIT compiles to those instructions within the first segments.
     */
    int decrypt(long index, boolean last, byte[] in, int len, byte[] out) {
        checkIndex(index);
        if (len < TAG_BYTES) {
            throw new CryptoException(what + " ends inside segment " + index + "; the file is truncated");
        }
        int plainLen = len - TAG_BYTES;
        byte[] nonce = header.nonce(index, last);
        try {
            prepareDecryption();
            byte[] counter = new byte[16];
            System.arraycopy(nonce, 0, counter, 0, nonce.length);
            counter[15] = 2;
            ctr.init(Cipher.DECRYPT_MODE, fileKey, new IvParameterSpec(counter));
            int chunk = chunk();
            for (int done = 0; done < plainLen; done += chunk) {
                ctr.update(in, done, Math.min(chunk, plainLen - done), out, done);
            }
            cipher.init(Cipher.ENCRYPT_MODE, fileKey, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(header.encoded());
            int done = 0;
            while (plainLen - done > chunk) {
                cipher.update(out, done, chunk, scratch, 0);
                done += chunk;
            }
            int n = cipher.doFinal(out, done, plainLen - done, scratch, 0);
            if (!MessageDigest.isEqual(Arrays.copyOfRange(scratch, n - TAG_BYTES, n),
                    Arrays.copyOfRange(in, plainLen, len))) {
                Arrays.fill(out, 0, plainLen, (byte) 0);
                throw new CryptoException("segment " + index + " of " + what + " does not authenticate: the file was "
                        + "truncated, reordered or edited, or the key with id '" + header.keyId() + "' is not the "
                        + "one that wrote it");
            }
            return plainLen;
        } catch (GeneralSecurityException e) {
            Arrays.fill(out, 0, Math.min(out.length, plainLen), (byte) 0);
            throw new CryptoException("decrypting segment " + index + " of " + what + " failed", e);
        }
    }

    /**
     * Bytes per cipher call while decrypting: small for this JVM's first segments, so the calls are soon numerous
     * enough for the JIT to compile them, then large enough to keep the per-call cost low.
     */
    private static int chunk() {
        return DECRYPTED_SEGMENTS.getAndIncrement() < WARM_SEGMENTS ? WARM_CHUNK : DECRYPT_CHUNK;
    }

    /** Makes decryption's counter-mode cipher and scratch buffer on first use; encryption needs neither. */
    private void prepareDecryption() throws GeneralSecurityException {
        if (ctr == null) {
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
            scratch = new byte[DECRYPT_CHUNK + 2 * TAG_BYTES];
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
