package org.compliancekit.jdbc;

import java.util.Arrays;

/**
 * One reused, growing byte array that a load's rows are encoded into and sent from in large chunks; the encodings
 * (COPY text, COPY binary) are the subclasses.
 */
abstract sealed class CopyBuffer permits CopyTextBuffer, CopyBinaryBuffer {
    byte[] buf;
    int size;

    CopyBuffer(int capacity) {
        this.buf = new byte[capacity];
    }

    final byte[] bytes() {
        return buf;
    }

    final int size() {
        return size;
    }

    final void clear() {
        size = 0;
    }

    /** Room for {@code more} bytes after {@link #size()}; it may replace {@link #buf}. */
    final void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
