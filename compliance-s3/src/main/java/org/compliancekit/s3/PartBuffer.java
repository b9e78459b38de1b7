package org.compliancekit.s3;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Holds one part of an upload in fixed-size chunks that are allocated as data arrives and kept for reuse, so a
 * small object costs a small buffer and a part never needs one huge array or a copy when it grows. The SDK reads
 * it through {@link #newStream()}, once per attempt, which is what lets its retry strategy resend a part.
 */
final class PartBuffer {
    // Well under half of G1's smallest region (1 MiB): larger arrays are "humongous", each taking whole regions,
    // which in a small heap nearly doubled the memory two parts need.
    private static final int MAX_CHUNK = 256 * 1024;

    private final long capacity;
    private final int chunkSize;
    private final byte[][] chunks;
    private long size;

    PartBuffer(long capacity) {
        this.capacity = capacity;
        this.chunkSize = (int) Math.min(MAX_CHUNK, capacity);
        this.chunks = new byte[(int) ((capacity + chunkSize - 1) / chunkSize)][];
    }

    /** Copies as much of {@code b[off..off+len)} as fits and returns how many bytes it took. */
    int fill(byte[] b, int off, int len) {
        int taken = 0;
        while (taken < len && size < capacity) {
            int index = (int) (size / chunkSize);
            int within = (int) (size % chunkSize);
            if (chunks[index] == null) {
                chunks[index] = new byte[chunkSize];
            }
            int n = (int) Math.min(Math.min(len - taken, chunkSize - within), capacity - size);
            System.arraycopy(b, off + taken, chunks[index], within, n);
            taken += n;
            size += n;
        }
        return taken;
    }

    boolean isFull() {
        return size == capacity;
    }

    long size() {
        return size;
    }

    /** Empties the buffer, keeping its chunks for the next part. */
    void clear() {
        size = 0;
    }

    /** A fresh stream over the bytes held now. */
    InputStream newStream() {
        return new ChunkStream();
    }

    /** The Base64 SHA-256 of the bytes held, as {@code x-amz-checksum-sha256} wants it. */
    String sha256Base64() {
        return Base64.getEncoder().encodeToString(digest("SHA-256"));
    }

    /** The MD5 of the bytes held: what {@code Content-MD5} carries and what a plain part's ETag is. */
    byte[] md5() {
        return digest("MD5");
    }

    private byte[] digest(String algorithm) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + algorithm, e);
        }
        long left = size;
        for (int i = 0; left > 0; i++) {
            int n = (int) Math.min(chunkSize, left);
            digest.update(chunks[i], 0, n);
            left -= n;
        }
        return digest.digest();
    }

    private final class ChunkStream extends InputStream {
        private final long end = size;
        private long position;

        @Override
        public int read() {
            if (position >= end) {
                return -1;
            }
            byte b = chunks[(int) (position / chunkSize)][(int) (position % chunkSize)];
            position++;
            return b & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= end) {
                return -1;
            }
            int within = (int) (position % chunkSize);
            int n = (int) Math.min(Math.min(len, chunkSize - within), end - position);
            System.arraycopy(chunks[(int) (position / chunkSize)], within, b, off, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
