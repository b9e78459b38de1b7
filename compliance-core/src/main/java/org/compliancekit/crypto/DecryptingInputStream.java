package org.compliancekit.crypto;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads segments, authenticates each and hands out its plaintext. A segment is the last one exactly when the
 * stream ends after it, and it must then carry the last-segment flag: cutting a file at a segment boundary fails.
 */
final class DecryptingInputStream extends InputStream {
    private final InputStream in;
    private final SegmentCipher cipher;
    /** One sealed segment plus one byte of look-ahead, to know whether the stream ends after it. */
    private final byte[] sealed;
    private final byte[] plain;
    private int sealedFilled;
    private int plainPos;
    private int plainLen;
    private long index;
    private boolean finished;

    DecryptingInputStream(InputStream in, StreamHeader header, SegmentCipher cipher) {
        this.in = in;
        this.cipher = cipher;
        this.sealed = new byte[header.segmentSize() + SegmentCipher.TAG_BYTES + 1];
        this.plain = new byte[header.segmentSize()];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (plainPos == plainLen) {
            if (finished) {
                return -1;
            }
            openNext();
        }
        int n = Math.min(len, plainLen - plainPos);
        System.arraycopy(plain, plainPos, b, off, n);
        plainPos += n;
        return n;
    }

    @Override
    public int available() {
        return plainLen - plainPos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void openNext() throws IOException {
        while (sealedFilled < sealed.length) {
            int n = in.read(sealed, sealedFilled, sealed.length - sealedFilled);
            if (n < 0) {
                break;
            }
            sealedFilled += n;
        }
        boolean last = sealedFilled < sealed.length;
        int segment = last ? sealedFilled : sealed.length - 1;
        plainLen = cipher.decrypt(index++, last, sealed, segment, plain);
        plainPos = 0;
        if (last) {
            finished = true;
            sealedFilled = 0;
        } else {
            sealed[0] = sealed[sealed.length - 1];
            sealedFilled = 1;
        }
    }
}
