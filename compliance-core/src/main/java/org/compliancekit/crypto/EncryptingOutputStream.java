package org.compliancekit.crypto;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Buffers one segment of plaintext and writes it encrypted. A full segment is only sealed once more bytes arrive,
 * so the final segment, possibly empty, is always the one marked last.
 */
final class EncryptingOutputStream extends OutputStream {
    private final OutputStream out;
    private final SegmentCipher cipher;
    private final byte[] plain;
    private final byte[] sealed;
    private int filled;
    private long index;
    private boolean closed;

    EncryptingOutputStream(OutputStream out, StreamHeader header, SegmentCipher cipher) throws IOException {
        this.out = out;
        this.cipher = cipher;
        this.plain = new byte[header.segmentSize()];
        this.sealed = new byte[header.segmentSize() + SegmentCipher.TAG_BYTES];
        out.write(header.encoded());
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (filled == plain.length) {
                seal(false);
            }
            int n = Math.min(len, plain.length - filled);
            System.arraycopy(b, off, plain, filled, n);
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
        seal(true);
        closed = true;
        out.close();
    }

    private void seal(boolean last) throws IOException {
        int n = cipher.encrypt(index++, last, plain, filled, sealed);
        out.write(sealed, 0, n);
        filled = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("encrypting stream is closed");
        }
    }
}
