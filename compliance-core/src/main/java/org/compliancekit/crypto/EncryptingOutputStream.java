package org.compliancekit.crypto;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * Buffers one segment of plaintext and writes it encrypted. A full segment is only sealed once more bytes arrive,
 * so the final segment, possibly empty, is always the one marked last.
 *
 * <p>Full segments are encrypted on a short-lived worker thread while the caller fills the next one, and the
 * caller writes each sealed segment out while the worker encrypts the following one: on a machine with a spare
 * core, encryption costs little wall time. Only the caller's thread ever touches the underlying stream; the worker
 * reads one plaintext buffer and writes one private output buffer (and, when asked, hashes it, which moves the
 * stored-bytes checksum off the caller's thread too). Memory: two plaintext and two sealed buffers.
 */
final class EncryptingOutputStream extends OutputStream {
    private final OutputStream out;
    private final SegmentCipher cipher;
    /** Sees every stored byte in order, updated on the thread that sealed them; null when not wanted. */
    private final MessageDigest storedDigest;
    private final byte[][] plain;
    private final byte[][] sealed;
    /** Which of the two buffers the caller is filling; the pending worker, if any, uses the other. */
    private int current;
    private int filled;
    private long index;
    private Sealer pending;
    private boolean closed;

    EncryptingOutputStream(OutputStream out, StreamHeader header, SegmentCipher cipher, MessageDigest storedDigest)
            throws IOException {
        this.out = out;
        this.cipher = cipher;
        this.storedDigest = storedDigest;
        this.plain = new byte[2][header.segmentSize()];
        this.sealed = new byte[2][header.segmentSize() + SegmentCipher.TAG_BYTES];
        out.write(header.encoded());
        digest(header.encoded(), header.encoded().length);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (filled == plain[current].length) {
                sealInBackground();
            }
            int n = Math.min(len, plain[current].length - filled);
            System.arraycopy(b, off, plain[current], filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Writes the last segment and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writePending();
        int n = cipher.encrypt(index++, true, plain[current], filled, sealed[current]);
        digest(sealed[current], n);
        out.write(sealed[current], 0, n);
        out.close();
    }

    private void sealInBackground() throws IOException {
        Sealer previous = pending;
        int previousLength = previous == null ? 0 : previous.await();
        pending = new Sealer(plain[current], filled, index++, sealed[current]);
        pending.start();
        if (previous != null) {
            out.write(sealed[1 - current], 0, previousLength);
        }
        current = 1 - current;
        filled = 0;
    }

    private void writePending() throws IOException {
        if (pending != null) {
            int n = pending.await();
            out.write(sealed[1 - current], 0, n);
            pending = null;
        }
    }

    private void digest(byte[] b, int len) {
        if (storedDigest != null) {
            // in pieces, as the cipher is fed: one call per segment would leave SHA-256 uncompiled for a long time
            for (int off = 0; off < len; off += SegmentCipher.UPDATE_CHUNK) {
                storedDigest.update(b, off, Math.min(SegmentCipher.UPDATE_CHUNK, len - off));
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("encrypting stream is closed");
        }
    }

    /** Encrypts one full, non-last segment into its own output buffer. */
    private final class Sealer extends Thread {
        private final byte[] in;
        private final int length;
        private final long segment;
        private final byte[] target;
        private int sealedLength;
        private RuntimeException failure;

        Sealer(byte[] in, int length, long segment, byte[] target) {
            super("compliancekit-encrypt");
            setDaemon(true);
            this.in = in;
            this.length = length;
            this.segment = segment;
            this.target = target;
        }

        @Override
        public void run() {
            try {
                sealedLength = cipher.encrypt(segment, false, in, length, target);
                digest(target, sealedLength); // segments are sealed one after another, so in order
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        /** Waits for the encryption; returns the sealed length or rethrows its failure. */
        int await() throws IOException {
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while encrypting segment " + segment);
            }
            if (failure != null) {
                throw failure;
            }
            return sealedLength;
        }
    }
}
