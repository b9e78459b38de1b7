package org.compliancekit.benchmarks.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.compliancekit.crypto.KeyRing;
import org.compliancekit.crypto.SegmentedAesGcm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Segmented AES-256-GCM throughput. {@code encrypt} and {@code decrypt}: 64 MiB through {@link SegmentedAesGcm}
 * streams per operation (encryption seals on a worker thread), MB/s = 67.1 × ops/s. {@code sealOneSegment}: what
 * one core does per 1 MiB segment — the JDK cipher initialized with a fresh nonce and the header as AAD, fed in
 * 16 KiB updates, as the engine does — MB/s = 1.0486 × ops/s. Target: at least 1 GB/s per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AesGcmSegmentBenchmark {
    static final int TOTAL = 64 << 20;

    @Param({"1048576"})
    int segmentSize;

    SegmentedAesGcm aead;
    byte[] chunk;
    byte[] sealed;
    byte[] sink;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        aead = new SegmentedAesGcm(KeyRing.single("bench", Base64.getEncoder().encodeToString(key)), segmentSize);
        chunk = new byte[64 * 1024];
        new Random(2).nextBytes(chunk);
        ByteArrayOutputStream out = new ByteArrayOutputStream(TOTAL + TOTAL / 1000);
        write(aead.encrypt(out, "bench"));
        sealed = out.toByteArray();
        sink = new byte[64 * 1024];
    }

    javax.crypto.Cipher cipher;
    javax.crypto.spec.SecretKeySpec fileKey;
    byte[] segment;
    byte[] sealedSegment;
    byte[] header = new byte[52];
    int counter;

    @Setup(Level.Trial)
    public void setUpCipher() throws java.security.GeneralSecurityException {
        cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        byte[] key = new byte[32];
        new Random(3).nextBytes(key);
        fileKey = new javax.crypto.spec.SecretKeySpec(key, "AES");
        segment = new byte[segmentSize];
        new Random(4).nextBytes(segment);
        sealedSegment = new byte[segmentSize + 16];
    }

    @Benchmark
    public int sealOneSegment() throws java.security.GeneralSecurityException {
        byte[] nonce = java.nio.ByteBuffer.allocate(12).putInt(7, counter++).array();
        cipher.init(javax.crypto.Cipher.ENCRYPT_MODE, fileKey, new javax.crypto.spec.GCMParameterSpec(128, nonce));
        cipher.updateAAD(header);
        int done = 0;
        int written = 0;
        while (segmentSize - done > 16 * 1024) {
            written += cipher.update(segment, done, 16 * 1024, sealedSegment, written);
            done += 16 * 1024;
        }
        return written + cipher.doFinal(segment, done, segmentSize - done, sealedSegment, written);
    }

    @Benchmark
    public long encrypt() throws IOException {
        Discard out = new Discard();
        write(aead.encrypt(out, "bench"));
        return out.count;
    }

    @Benchmark
    public long decrypt() throws IOException {
        long total = 0;
        try (InputStream in = aead.decrypt(new ByteArrayInputStream(sealed), "bench")) {
            for (int n = in.read(sink); n >= 0; n = in.read(sink)) {
                total += n;
            }
        }
        return total;
    }

    private void write(OutputStream out) throws IOException {
        try (out) {
            for (int written = 0; written < TOTAL; written += chunk.length) {
                out.write(chunk);
            }
        }
    }

    /** Counts bytes and drops them. */
    static final class Discard extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
