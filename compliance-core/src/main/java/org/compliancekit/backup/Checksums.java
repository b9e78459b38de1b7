package org.compliancekit.backup;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streams that count bytes and compute their SHA-256 on the way through. */
final class Checksums {
    private Checksums() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Counts and hashes what is written through it, or only counts, with the hash computed elsewhere. */
    static final class Out extends FilterOutputStream {
        private final MessageDigest digest;
        private final boolean hashHere;
        private long bytes;

        Out(OutputStream out) {
            this(out, sha256(), true);
        }

        private Out(OutputStream out, MessageDigest digest, boolean hashHere) {
            super(out);
            this.digest = digest;
            this.hashHere = hashHere;
        }

        /** Counts what passes; {@code digest} is fed by whoever writes (e.g. the encrypting worker). */
        static Out countingOnly(OutputStream out, MessageDigest digest) {
            return new Out(out, digest, false);
        }

        MessageDigest digest() {
            return digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (hashHere) {
                digest.update((byte) b);
            }
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (hashHere) {
                digest.update(b, off, len);
            }
            bytes += len;
        }

        long bytes() {
            return bytes;
        }

        /** Lower-case hex SHA-256 of everything written; call once, after the last write. */
        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** Counts and hashes what is read through it. */
    static final class In extends FilterInputStream {
        private final MessageDigest digest = sha256();
        private long bytes;

        In(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
                bytes++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                bytes += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return 0; // skipping would leave bytes out of the hash
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        long bytes() {
            return bytes;
        }

        /** Lower-case hex SHA-256 of everything read; call once, after reading to the end. */
        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
